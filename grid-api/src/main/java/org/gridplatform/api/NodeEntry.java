package org.gridplatform.api;

import jakarta.json.bind.annotation.JsonbProperty;
import java.time.Instant;

/**
 * A node as a registry knows it: the answer of {@code POST /join} and an element of
 * {@code GET /nodes}.
 *
 * @param nodeId      the node's id
 * @param nodeAddress the node's normalised address
 * @param joinedAt    when the node first joined this registry
 * @param lastSeen    when the node last joined or re-joined
 */
public record NodeEntry(@JsonbProperty("node-id") String nodeId,
                        @JsonbProperty("node-address") String nodeAddress,
                        @JsonbProperty("joined-at") Instant joinedAt,
                        @JsonbProperty("last-seen") Instant lastSeen) {
}
