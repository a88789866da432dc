package org.gridplatform.api.auth;

import jakarta.json.bind.annotation.JsonbProperty;
import java.time.Instant;

/**
 * The answer of {@code POST /auth/token}: a signed access token to send as {@code Authorization: Bearer
 * <token>} until it expires.
 *
 * @param token     the token
 * @param tokenType always {@code Bearer}
 * @param expiresAt when it stops working
 * @param user      whose it is
 * @param role      their role, {@code owner} or {@code scientist}
 */
public record TokenGrant(String token, @JsonbProperty("token-type") String tokenType,
                         @JsonbProperty("expires-at") Instant expiresAt, String user, String role) {
}
