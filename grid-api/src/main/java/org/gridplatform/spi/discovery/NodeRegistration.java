package org.gridplatform.spi.discovery;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.gridplatform.api.NodeAddress;

/**
 * A node that joins: its id, address, and the tags it announces.
 *
 * @param nodeId  a valid node id
 * @param address the node's normalised address
 * @param tagSets the tags of each of the node's datasets in normal form, one set per dataset, when the
 *                node announced them (Grid's nodes do; PyGrid's nodes do not); empty when it did not
 */
public record NodeRegistration(String nodeId, NodeAddress address, Optional<List<Set<String>>> tagSets) {

    /** Copies the tag sets. */
    public NodeRegistration {
        tagSets = tagSets.map(sets -> sets.stream().map(Set::copyOf).toList());
    }
}
