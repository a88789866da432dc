package org.gridplatform.api.auth;

import jakarta.json.bind.annotation.JsonbProperty;
import java.time.Instant;

/**
 * The answer of {@code GET /auth/me}: who the token belongs to.
 *
 * @param user      the user's name
 * @param role      {@code owner} or {@code scientist}
 * @param node      the node's id
 * @param expiresAt when the token stops working
 */
public record SignedInUser(String user, String role, String node, @JsonbProperty("expires-at") Instant expiresAt) {
}
