package org.gridplatform.server.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;
import org.gridplatform.api.GridException;
import org.gridplatform.api.InvalidRequestException;
import org.gridplatform.api.ProblemType;

/**
 * Who owns a node id at this gateway. A node sends a secret of its own ({@code Grid-Node-Secret}, 32
 * random bytes it keeps in its data directory) with every join and leave; the first join with a
 * secret binds the id to it (only its SHA-256 is kept), and from then on a join or leave of that id
 * without the same secret is refused {@code 403}: nobody can take over, move or remove another
 * node's id. A node that proves its id may move to another address.
 *
 * <p>Joins without a secret (the design's bare {@code {"node-id", "node-address"}}, such as PyGrid's
 * nodes) are accepted for ids nobody has bound, unless {@code grid.gateway.require-node-secret} is
 * {@code true}. A closed grid also sets {@code grid.gateway.join-token-hash} (the SHA-256, in hex, of a
 * token the operator gives its nodes as {@code grid.node.join-token}): joins must then carry
 * {@code Authorization: Bearer <token>}.
 *
 * <p>Bindings are soft state like the registry: a restarted gateway binds each id again at its
 * first join. A node removed after the health grace (DOWN, no re-join) keeps its binding, so that it
 * can come back and nobody else can take its id; only its own leave releases it. At most 100,000
 * ids are bound.
 * Secrets are compared as SHA-256 digests in constant time.
 */
@ApplicationScoped
public class NodeSecrets {

    /** The request header that carries a node's secret. */
    public static final String HEADER = "Grid-Node-Secret";
    /** Require a secret with every join. */
    public static final String REQUIRE_KEY = "grid.gateway.require-node-secret";
    /** The SHA-256 (hex) of the closed grid's join token. */
    public static final String JOIN_TOKEN_HASH_KEY = "grid.gateway.join-token-hash";

    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{32,128}");
    private static final int MAX_BINDINGS = 100_000;

    private final Map<String, byte[]> bindings = new ConcurrentHashMap<>();

    @Inject
    Config config;

    /**
     * Checks a join and binds the id at its first join with a secret.
     *
     * @param nodeId        a valid node id
     * @param secret        the {@code Grid-Node-Secret} header, or {@code null}
     * @param authorization the {@code Authorization} header, or {@code null}
     * @return {@code true} if the join proved the id (a bound secret matched), so that it may move
     * @throws GridException 401 when a required secret or join token is missing or wrong, 403 when the
     *                       id is bound to another secret
     */
    public boolean checkJoin(String nodeId, String secret, String authorization) {
        checkJoinToken(authorization);
        byte[] presented = secret == null ? null : digest(valid(secret));
        byte[] bound = bindings.get(nodeId);
        if (bound != null) {
            if (presented == null || !MessageDigest.isEqual(bound, presented)) {
                throw new GridException(ProblemType.FORBIDDEN, "The node id \"" + nodeId + "\" belongs to the node that"
                        + " first joined with its " + HEADER + "; join with that secret, or choose another id");
            }
            return true;
        }
        if (presented == null) {
            if (config.getOptionalValue(REQUIRE_KEY, Boolean.class).orElse(false)) {
                throw new GridException(ProblemType.UNAUTHORIZED, "This gateway requires a " + HEADER + " header with every"
                        + " join: 32 to 128 letters, digits, '-' or '_' that the node keeps (Grid's nodes send one)");
            }
            return false;
        }
        if (bindings.size() >= MAX_BINDINGS) {
            throw new GridException(ProblemType.CONFLICT, "The gateway holds " + MAX_BINDINGS + " node ids; it takes no more");
        }
        bindings.putIfAbsent(nodeId, presented);
        if (!MessageDigest.isEqual(bindings.get(nodeId), presented)) {
            throw new GridException(ProblemType.FORBIDDEN, "The node id \"" + nodeId + "\" was just bound by another node");
        }
        return false;
    }

    /**
     * Checks a leave ({@code DELETE /nodes/{id}}).
     *
     * @param nodeId a valid node id
     * @param secret the {@code Grid-Node-Secret} header, or {@code null}
     * @throws GridException 403 when the id is bound to another secret
     */
    public void checkLeave(String nodeId, String secret) {
        byte[] bound = bindings.get(nodeId);
        if (bound != null && (secret == null || !SECRET.matcher(secret).matches()
                || !MessageDigest.isEqual(bound, digest(secret)))) {
            throw new GridException(ProblemType.FORBIDDEN, "The node id \"" + nodeId + "\" belongs to the node that joined"
                    + " with its " + HEADER + "; only that node may remove it (send the header)");
        }
    }

    /** @param nodeId an id no longer registered: its binding goes too */
    public void forget(String nodeId) {
        bindings.remove(nodeId);
    }

    private void checkJoinToken(String authorization) {
        Optional<String> hash = config.getOptionalValue(JOIN_TOKEN_HASH_KEY, String.class).map(String::strip);
        if (hash.isEmpty()) {
            return;
        }
        String token = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).strip() : null;
        byte[] expected;
        try {
            expected = HexFormat.of().parseHex(hash.get().toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(JOIN_TOKEN_HASH_KEY + " is not a SHA-256 in hex", e);
        }
        if (token == null || token.isEmpty() || token.length() > 512 || !MessageDigest.isEqual(expected, digest(token))) {
            throw new GridException(ProblemType.UNAUTHORIZED, "This is a closed grid: join with Authorization: Bearer <join token>"
                    + " (the node's grid.node.join-token)");
        }
    }

    private static String valid(String secret) {
        if (!SECRET.matcher(secret).matches()) {
            throw new InvalidRequestException("The " + HEADER + " header is 32 to 128 letters, digits, '-' or '_'");
        }
        return secret;
    }

    private static byte[] digest(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}
