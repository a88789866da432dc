package org.gridplatform.api;

import jakarta.json.bind.annotation.JsonbProperty;

/**
 * The body of {@code POST /join}: a node announces its id and the address where it answers.
 *
 * @param nodeId      the node's id, see {@link NodeIds}
 * @param nodeAddress the node's public address, see {@link NodeAddress}
 */
public record JoinRequest(@JsonbProperty("node-id") String nodeId,
                          @JsonbProperty("node-address") String nodeAddress) {
}
