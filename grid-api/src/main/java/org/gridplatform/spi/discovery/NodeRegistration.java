package org.gridplatform.spi.discovery;

import java.util.Optional;
import java.util.Set;
import org.gridplatform.api.NodeAddress;

/**
 * A node that joins: its id, address, and the tags it announces.
 *
 * @param nodeId  a valid node id
 * @param address the node's normalised address
 * @param tags    the tags of the node's datasets in normal form, when the node announced them
 *                (Grid's nodes do; PyGrid's nodes do not); empty when it did not
 */
public record NodeRegistration(String nodeId, NodeAddress address, Optional<Set<String>> tags) {

    /** Copies the tags. */
    public NodeRegistration {
        tags = tags.map(Set::copyOf);
    }
}
