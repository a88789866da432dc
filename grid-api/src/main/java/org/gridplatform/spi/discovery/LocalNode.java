package org.gridplatform.spi.discovery;

import java.util.Optional;
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

    /**
     * The node's signing key, which the host keeps across restarts, so that peers can check that what
     * a strategy announces in this node's name comes from this node. Grid's node WAR keeps it in
     * {@code <data-dir>/.node-key} and makes it the first time this method is called.
     *
     * @return the signer, or empty (the default) from a host that keeps no key; strategies that need one
     *         may then use {@link NodeSigner#generate()}, at the price of a new identity after every restart
     * @throws IllegalStateException if the host keeps a key but cannot read or write it (the message says
     *         what to fix); the strategy lets it stop the deployment
     * @since 0.1
     */
    default Optional<NodeSigner> signer() {
        return Optional.empty();
    }
}
