package org.gridplatform.api;

import jakarta.json.bind.annotation.JsonbProperty;

/**
 * The body of a node's {@code GET /identity}.
 *
 * @param nodeId the node's id
 */
public record NodeIdentity(@JsonbProperty("node-id") String nodeId) {
}
