package org.gridplatform.api.auth;

import java.util.List;

/**
 * The answer of {@code GET /users}.
 *
 * @param users every user, by name
 */
public record UserList(List<UserAnswer> users) {
}
