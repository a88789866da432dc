package org.gridplatform.spi.discovery;

import java.util.Set;
import org.gridplatform.api.NodeAddress;

/**
 * The node a strategy runs in (node WARs only): who it is, and the tags of its datasets now.
 */
public interface LocalNode {

    /** @return the node's id */
    String nodeId();

    /** @return the node's public address */
    NodeAddress address();

    /** @return the tags of the node's datasets in normal form, now; thread-safe and cheap */
    Set<String> tags();
}
