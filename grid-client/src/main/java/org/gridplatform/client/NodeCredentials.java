package org.gridplatform.client;

import java.util.Objects;

/**
 * How a client proves who it is to one node: a token the node gave out ({@code POST /auth/token}), or
 * a user's name and password, which the client trades for a token when it first needs one and again
 * before that token expires. Anonymous callers have none.
 */
public sealed interface NodeCredentials {

    /**
     * @param token a token from the node
     * @return credentials that send it as {@code Authorization: Bearer}
     */
    static NodeCredentials token(String token) {
        return new Token(token);
    }

    /**
     * @param user     the user's name on the node
     * @param password their password
     * @return credentials that sign in with them
     */
    static NodeCredentials password(String user, String password) {
        return new Password(user, password);
    }

    /** @param token a token from the node */
    record Token(String token) implements NodeCredentials {
        public Token {
            if (Objects.requireNonNull(token, "token").isBlank()) {
                throw new IllegalArgumentException("The token is empty");
            }
        }

        @Override
        public String toString() {
            return "Token[...]";
        }
    }

    /**
     * @param user     the user's name on the node
     * @param password their password
     */
    record Password(String user, String password) implements NodeCredentials {
        public Password {
            if (Objects.requireNonNull(user, "user").isBlank()) {
                throw new IllegalArgumentException("The user name is empty");
            }
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "Password[user=" + user + ", password=...]";
        }
    }
}
