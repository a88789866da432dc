package org.gridplatform.node.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Makes and checks the node's access tokens: JSON Web Tokens signed with HMAC-SHA256 under a 256-bit
 * key that only this node holds ({@code <data-dir>/.token-key}, owner read/write only, made at the first
 * start). Nimbus JOSE+JWT does the signing and checking; nothing here is hand-made crypto.
 *
 * <p>A token names its user ({@code sub}, also {@code upn}), their role ({@code groups}, as MicroProfile
 * JWT does), the user's generation ({@code gen}), this node ({@code iss} and {@code aud}: a token of
 * one node is worthless at another) and expires ({@code exp}). {@link #verify} checks the signature,
 * the issuer, the audience and the expiry (30 s leeway for clocks), and the caller then checks the user
 * still exists with that role and generation, so that deleting a user or changing their password revokes
 * their tokens at once.
 *
 * <p>Thread-safe and immutable.
 */
public final class TokenService {

    /** The key file's name in the data directory. */
    public static final String KEY_FILE = ".token-key";
    /** Longer than any token made here; anything longer is refused before it is parsed. */
    public static final int MAX_TOKEN_CHARS = 4096;
    static final JOSEObjectType TYPE = JOSEObjectType.JWT;

    private final byte[] key;
    private final String issuer;
    private final Duration lifetime;
    private final Clock clock;
    private final DefaultJWTProcessor<SecurityContext> processor;

    /** A checked token's content. */
    public record Claims(String user, Role role, long generation, Instant expiresAt) {
    }

    /** A token and when it expires. */
    public record Issued(String token, Instant expiresAt) {
    }

    /**
     * @param key      the signing key, 32 bytes or more
     * @param nodeId   this node's id, the tokens' issuer and audience
     * @param lifetime how long a token is good for
     * @param clock    the clock for issue and expiry
     */
    public TokenService(byte[] key, String nodeId, Duration lifetime, Clock clock) {
        if (key.length < 32) {
            throw new IllegalArgumentException("The token key has " + key.length + " bytes; it needs 32 or more");
        }
        this.key = key.clone();
        this.issuer = "grid-node:" + nodeId;
        this.lifetime = lifetime;
        this.clock = clock;
        this.processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(TYPE));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.HS256, new ImmutableSecret<>(this.key)));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(issuer,
                new JWTClaimsSet.Builder().issuer(issuer).build(),
                Set.of("sub", "exp", "iat", "groups", "gen", "jti")) {
            @Override
            protected Date currentTime() {
                return Date.from(clock.instant());
            }
        };
        claims.setMaxClockSkew(30);
        processor.setJWTClaimsSetVerifier(claims);
    }

    /** @return the token lifetime */
    public Duration lifetime() {
        return lifetime;
    }

    /**
     * @param user the authenticated user
     * @return a new signed token for them
     */
    public Issued issue(UserStore.User user) {
        Instant now = clock.instant();
        Instant expires = now.plus(lifetime);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer).audience(issuer).subject(user.name())
                .claim("upn", user.name())
                .claim("groups", List.of(user.role().wireName()))
                .claim("gen", user.generation())
                .issueTime(Date.from(now)).expirationTime(Date.from(expires))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(TYPE).build(), claims);
        try {
            jwt.sign(new MACSigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not sign a token", e);
        }
        return new Issued(jwt.serialize(), Date.from(expires).toInstant());
    }

    /**
     * @param token a bearer token
     * @return its claims, when the token is this node's, intact and not expired
     */
    public Optional<Claims> verify(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
            return Optional.empty();
        }
        try {
            JWTClaimsSet claims = processor.process(token, null);
            List<String> groups = claims.getStringListClaim("groups");
            Long generation = claims.getLongClaim("gen");
            if (groups == null || groups.size() != 1 || generation == null) {
                return Optional.empty();
            }
            return Optional.of(new Claims(claims.getSubject(), Role.of(groups.getFirst()), generation,
                    claims.getExpirationTime().toInstant()));
        } catch (ParseException | BadJOSEException | JOSEException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Reads the node's token key, or makes one at the first start.
     *
     * @param dataDir the node's data directory
     * @return the key
     * @throws IOException if the file cannot be read or written, or holds no key
     */
    public static byte[] loadOrCreateKey(Path dataDir) throws IOException {
        Path file = dataDir.resolve(KEY_FILE);
        if (Files.isRegularFile(file)) {
            byte[] key = Files.readAllBytes(file);
            if (key.length != 32) {
                throw new IOException(file + " does not hold a 32-byte token key; delete it to make a new one (every "
                        + "token the node gave out stops working)");
            }
            return key;
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Files.createDirectories(dataDir);
        try {
            // Created owner-only before the key is written, so that it is never readable by others, not even briefly.
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file); // Windows: the file keeps the directory's permissions.
            }
        } catch (FileAlreadyExistsException raced) {
            return loadOrCreateKey(dataDir);
        }
        Files.write(file, key, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        return key;
    }
}
