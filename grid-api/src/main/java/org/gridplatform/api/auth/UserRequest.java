package org.gridplatform.api.auth;

/**
 * The body of {@code POST /users}: a new user of the node.
 *
 * @param name     1 to 64 of a-z 0-9 . _ - starting with a letter
 * @param role     {@code owner} or {@code scientist}
 * @param password 12 to 1024 characters, or absent to have the node make one (answered once)
 */
public record UserRequest(String name, String role, String password) {
}
