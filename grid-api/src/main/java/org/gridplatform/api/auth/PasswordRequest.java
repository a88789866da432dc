package org.gridplatform.api.auth;

/**
 * The body of {@code PUT /users/{name}/password}.
 *
 * @param password 12 to 1024 characters, or absent to have the node make one (answered once)
 */
public record PasswordRequest(String password) {
}
