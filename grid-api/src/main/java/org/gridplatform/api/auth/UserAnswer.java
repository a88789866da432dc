package org.gridplatform.api.auth;

import jakarta.json.bind.annotation.JsonbProperty;
import java.time.Instant;

/**
 * A user of a node as the API shows it: never a password hash.
 *
 * @param name      the user's name
 * @param role      {@code owner} or {@code scientist}
 * @param createdAt when the user was added
 * @param password  only in the answer that made it: the password the node made, shown this once; else absent
 */
public record UserAnswer(String name, String role, @JsonbProperty("created-at") Instant createdAt, String password) {
}
