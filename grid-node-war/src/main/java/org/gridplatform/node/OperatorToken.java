package org.gridplatform.node;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gridplatform.server.discovery.DiscoveryHost;

/**
 * The node operator's token, which alone may add and delete datasets until users and roles exist.
 * Configured as the SHA-256 of the token ({@code grid.node.operator-token-hash}, 64 hex digits:
 * {@code printf %s "$TOKEN" | sha256sum}) or as the token itself ({@code grid.node.operator-token},
 * hashed when read; the plain value is not kept). There is no default: without either, publishing is
 * off. The token is a random secret of at least 16 characters (for example
 * {@code openssl rand -hex 32}), so a fast hash is enough: there is nothing to guess from it.
 *
 * <p>Thread-safe and immutable after construction.
 */
@ApplicationScoped
public class OperatorToken {

    /** The key of the token's SHA-256 in hex. */
    public static final String HASH_KEY = "grid.node.operator-token-hash";
    /** The key of the token itself. */
    public static final String TOKEN_KEY = "grid.node.operator-token";
    static final int MIN_LENGTH = 16;

    /** What a request's credentials are worth. */
    public enum Verdict { ALLOWED, DISABLED, MISSING, WRONG }

    private byte[] hash;

    /** For CDI's proxy. */
    protected OperatorToken() {
    }

    @Inject
    OperatorToken(@ConfigProperty(name = TOKEN_KEY) Optional<String> token,
                  @ConfigProperty(name = HASH_KEY) Optional<String> hash) {
        try {
            this.hash = read(token.filter(t -> !t.isEmpty()), hash.filter(h -> !h.isBlank()));
        } catch (IllegalArgumentException e) {
            Logger.getLogger(OperatorToken.class.getName()).severe(DiscoveryHost.CONFIGURATION_ERROR + e.getMessage());
            throw e;
        }
    }

    /** @return a checker for the given configuration; for tests */
    static OperatorToken of(String token, String hash) {
        OperatorToken operator = new OperatorToken();
        operator.hash = read(Optional.ofNullable(token), Optional.ofNullable(hash));
        return operator;
    }

    private static byte[] read(Optional<String> token, Optional<String> hash) {
        if (token.isPresent() && hash.isPresent()) {
            throw new IllegalArgumentException("Both " + TOKEN_KEY + " and " + HASH_KEY + " are set; set only one "
                    + "(the hash keeps the token itself out of the configuration)");
        }
        if (hash.isPresent()) {
            String hex = hash.get().strip().toLowerCase(Locale.ROOT);
            if (!hex.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("Invalid value for " + HASH_KEY + ": write the token's SHA-256 as 64 hex "
                        + "digits, for example the output of: printf %s \"$TOKEN\" | sha256sum");
            }
            return HexFormat.of().parseHex(hex);
        }
        if (token.isPresent()) {
            if (token.get().length() < MIN_LENGTH) {
                throw new IllegalArgumentException("Invalid value for " + TOKEN_KEY + ": the token has fewer than " + MIN_LENGTH
                        + " characters; use a random one, for example: openssl rand -hex 32");
            }
            return sha256(token.get());
        }
        return null;
    }

    /** @return whether a token is configured, so that datasets can be published at all */
    public boolean configured() {
        return hash != null;
    }

    /**
     * @param authorization the request's {@code Authorization} header, or {@code null}
     * @return whether it carries the operator's token; compared in constant time
     */
    public Verdict check(String authorization) {
        if (hash == null) {
            return Verdict.DISABLED;
        }
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Verdict.MISSING;
        }
        byte[] given = sha256(authorization.substring(7).strip());
        return MessageDigest.isEqual(given, hash) ? Verdict.ALLOWED : Verdict.WRONG;
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK has no SHA-256", e);
        }
    }
}
