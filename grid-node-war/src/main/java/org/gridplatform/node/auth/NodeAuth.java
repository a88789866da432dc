package org.gridplatform.node.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gridplatform.api.Durations;
import org.gridplatform.node.NodeSettings;
import org.gridplatform.server.StartsAtDeployment;
import org.gridplatform.server.discovery.DiscoveryHost;

/**
 * The node's users and tokens, set up from configuration at deployment.
 *
 * <p>There is no default password. At every start the owner account named {@value #OWNER_KEY}
 * ({@code owner} by default) gets the password of {@value #OWNER_PASSWORD_KEY} or the hash of
 * {@value #OWNER_PASSWORD_HASH_KEY} when either is set (configuration wins over an earlier password).
 * When neither is set and the node has no users yet (its first start), the node makes a random owner
 * password and prints it once to its log; only its hash is kept.
 *
 * <p>Passwords are hashed with Jakarta Security's {@link Pbkdf2PasswordHash} (Soteria's, in Payara):
 * PBKDF2 with HMAC-SHA512, {@value #ITERATIONS_KEY} iterations (210,000 by default, OWASP's figure for
 * SHA-512), a 32-byte salt and a 64-byte key.
 */
@ApplicationScoped
public class NodeAuth implements StartsAtDeployment {

    /** The owner account's name. */
    public static final String OWNER_KEY = "grid.node.owner";
    /** The owner's password (12 characters or more). */
    public static final String OWNER_PASSWORD_KEY = "grid.node.owner-password";
    /** The owner's password hash in Jakarta Security's PBKDF2 form, instead of the password. */
    public static final String OWNER_PASSWORD_HASH_KEY = "grid.node.owner-password-hash";
    /** How long a token is good for. */
    public static final String TOKEN_LIFETIME_KEY = "grid.node.auth.token-lifetime";
    /** PBKDF2 iterations for new hashes. */
    public static final String ITERATIONS_KEY = "grid.node.auth.pbkdf2-iterations";
    static final Duration MAX_LIFETIME = Duration.ofDays(1);

    private static final Logger LOG = Logger.getLogger(NodeAuth.class.getName());

    @Inject
    NodeSettings settings;

    @Inject
    Pbkdf2PasswordHash passwordHash;

    @Inject
    @ConfigProperty(name = OWNER_KEY, defaultValue = "owner")
    String ownerName;

    @Inject
    @ConfigProperty(name = OWNER_PASSWORD_KEY)
    Optional<String> ownerPassword;

    @Inject
    @ConfigProperty(name = OWNER_PASSWORD_HASH_KEY)
    Optional<String> ownerPasswordHash;

    @Inject
    @ConfigProperty(name = TOKEN_LIFETIME_KEY, defaultValue = "1h")
    String tokenLifetime;

    @Inject
    @ConfigProperty(name = ITERATIONS_KEY, defaultValue = "210000")
    int iterations;

    private volatile UserStore users;
    private volatile TokenService tokens;

    @Override
    public void startAtDeployment() {
        ready();
    }

    /** @return the users, set up on first use */
    public UserStore users() {
        return ready().users;
    }

    /** @return the token service, set up on first use */
    public TokenService tokens() {
        return ready().tokens;
    }

    private synchronized NodeAuth ready() {
        if (users != null) {
            return this;
        }
        try {
            Setup setup = setUp(settings.dataDir(), settings.nodeId(), passwordHash, iterations, tokenLifetime, ownerName,
                    ownerPassword.filter(p -> !p.isEmpty()), ownerPasswordHash.filter(h -> !h.isBlank()), Clock.systemUTC());
            setup.madeOwnerPassword().ifPresent(password -> LOG.warning(() -> firstStartMessage(ownerName, password)));
            tokens = setup.tokens();
            users = setup.users();
        } catch (IOException | IllegalArgumentException e) {
            LOG.severe(DiscoveryHost.CONFIGURATION_ERROR + e.getMessage());
            throw new IllegalStateException(e.getMessage(), e);
        }
        return this;
    }

    static String firstStartMessage(String owner, String password) {
        return "\n\n  This node's owner account was created: user '" + owner + "', password '" + password + "'\n"
                + "  It is shown only this once and only its hash is kept. Sign in with it (grid login, or POST /auth/token),\n"
                + "  or set " + OWNER_PASSWORD_KEY + " to choose the password yourself.\n";
    }

    /** The users and tokens made from the configuration, and the owner password made at a first start, if one was. */
    record Setup(UserStore users, TokenService tokens, Optional<String> madeOwnerPassword) {
    }

    /**
     * Sets up users and tokens; plain Java, for tests.
     *
     * @throws IllegalArgumentException for a bad setting, naming the key
     * @throws IOException              if the data directory's files cannot be read or written
     */
    static Setup setUp(java.nio.file.Path dataDir, String nodeId, Pbkdf2PasswordHash hash, int iterations, String lifetime,
                       String owner, Optional<String> password, Optional<String> encodedHash, Clock clock) throws IOException {
        if (iterations < 10_000 || iterations > 10_000_000) {
            throw new IllegalArgumentException("Invalid value for " + ITERATIONS_KEY + ": " + iterations + "; use 10000 to "
                    + "10000000 (the default, 210000, is OWASP's advice for PBKDF2-HMAC-SHA512)");
        }
        hash.initialize(Map.of("Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA512",
                "Pbkdf2PasswordHash.Iterations", Integer.toString(iterations),
                "Pbkdf2PasswordHash.SaltSizeBytes", "32",
                "Pbkdf2PasswordHash.KeySizeBytes", "64"));
        Duration life = Durations.parse(lifetime, TOKEN_LIFETIME_KEY);
        if (life.compareTo(Duration.ofMinutes(1)) < 0 || life.compareTo(MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException("Invalid value for " + TOKEN_LIFETIME_KEY + ": " + lifetime
                    + "; use 1m to 24h, such as 1h");
        }
        if (password.isPresent() && encodedHash.isPresent()) {
            throw new IllegalArgumentException("Both " + OWNER_PASSWORD_KEY + " and " + OWNER_PASSWORD_HASH_KEY
                    + " are set; set only one (the hash keeps the password itself out of the configuration)");
        }
        if (encodedHash.isPresent() && !encodedHash.get().matches("PBKDF2WithHmacSHA(224|256|384|512):\\d+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+")) {
            throw new IllegalArgumentException("Invalid value for " + OWNER_PASSWORD_HASH_KEY + ": write a Jakarta Security "
                    + "PBKDF2 hash, <algorithm>:<iterations>:<base64 salt>:<base64 hash>, as `./grid hash-password` prints");
        }
        UserStore users = new UserStore(dataDir, hash, clock);
        Optional<String> made = Optional.empty();
        try {
            if (password.isPresent() || encodedHash.isPresent()) {
                users.ensureOwner(owner, password.orElse(null), encodedHash.orElse(null));
            } else if (users.isEmpty()) {
                made = Optional.ofNullable(users.create(owner, Role.OWNER, null).madePassword());
            }
        } catch (org.gridplatform.api.GridException e) {
            throw new IllegalArgumentException("Invalid value for " + (password.isPresent() ? OWNER_PASSWORD_KEY : OWNER_KEY)
                    + ": " + e.getMessage());
        }
        TokenService tokens = new TokenService(TokenService.loadOrCreateKey(dataDir), nodeId, life, clock);
        return new Setup(users, tokens, made);
    }
}
