package org.gridplatform.plugin.discovery.dht;

import org.gridplatform.api.NodeAddress;

/**
 * A DHT peer: its node id, its address and the key derived from its id. Immutable.
 *
 * @param nodeId  a valid node id
 * @param address the node's normalised address
 * @param key     {@code Key.sha256(nodeId)}
 */
record Contact(String nodeId, NodeAddress address, Key key) {

    /** @return the contact of the node with this id and address; its key is derived from the id */
    static Contact of(String nodeId, NodeAddress address) {
        return new Contact(nodeId, address, Key.sha256(nodeId));
    }

    @Override
    public String toString() {
        return nodeId + "@" + address;
    }
}
