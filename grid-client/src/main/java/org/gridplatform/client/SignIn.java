package org.gridplatform.client;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.gridplatform.api.NodeAddress;
import org.gridplatform.api.auth.TokenGrant;

/**
 * Trades a user's name and password for a node's token ({@code POST /auth/token}) when a call first
 * needs one, and again a minute before it expires or when the node refuses it. Thread-safe: callers
 * share one token.
 */
final class SignIn implements JsonHttp.Authorizer, AutoCloseable {

    private static final Duration EARLY = Duration.ofMinutes(1);

    private final NodeAddress node;
    private final NodeCredentials.Password credentials;
    private final JsonHttp http;
    private final Clock clock;
    private TokenGrant grant;

    SignIn(NodeAddress node, NodeCredentials.Password credentials, Duration timeout, Clock clock, javax.net.ssl.SSLContext tls) {
        this.node = node;
        this.credentials = credentials;
        this.http = new JsonHttp(timeout, JsonHttp.Authorizer.NONE, tls);
        this.clock = clock;
    }

    @Override
    public synchronized String header() {
        if (grant == null || grant.expiresAt() == null || clock.instant().plus(EARLY).isAfter(grant.expiresAt())) {
            grant = signIn();
        }
        return "Bearer " + grant.token();
    }

    @Override
    public synchronized boolean renew() {
        grant = null;
        return true;
    }

    /** @return a new token for the credentials */
    TokenGrant signIn() {
        String basic = Base64.getEncoder().encodeToString((credentials.user() + ":" + credentials.password())
                .getBytes(StandardCharsets.UTF_8));
        try {
            return http.post(node.resolve("/auth/token"), null, TokenGrant.class, http.timeout(),
                    Map.of("Authorization", "Basic " + basic));
        } catch (GridClientException e) {
            if (e.status() == 401) {
                throw new GridClientException("Signing in to " + node.uri() + " as " + credentials.user() + " failed: "
                        + e.problem().map(org.gridplatform.api.Problem::detail).orElse("wrong credentials"),
                        e.problem().orElse(null), 401, null, e);
            }
            throw e;
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
