package org.gridplatform.node;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.microprofile.config.Config;
import org.gridplatform.server.discovery.DiscoveryHost;
import org.gridplatform.server.gateway.GatewayRole;
import org.gridplatform.server.security.OutgoingTls;

/**
 * Keeps this node registered with its gateway: joins at start, retrying with exponential backoff
 * (1 s doubling up to the re-join interval) for as long as the gateway is away; then re-joins every
 * {@code grid.node.rejoin-interval}, so that a restarted gateway learns of the node again; and
 * leaves ({@code DELETE /nodes/<id>}) on shutdown.
 *
 * <p>Failures are logged when the state changes, not at every attempt. An {@code https} gateway's
 * certificate and host name are checked against {@code grid.tls.trust-store} (default: the JVM's
 * trust store).
 */
@ApplicationScoped
public class GatewayMembership implements org.gridplatform.server.StartsAtDeployment {

    private static final Logger LOG = Logger.getLogger(GatewayMembership.class.getName());
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

    @Inject
    NodeSettings settings;

    @Inject
    DatasetCatalog catalog;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    Config config;

    @Inject
    MembershipMetrics metrics;

    /** Built at deployment: an {@code https} gateway is called trusting what {@code grid.tls.trust-store} names. */
    private volatile HttpClient http;

    private volatile String secret;
    private volatile boolean joined;
    private volatile Instant lastJoin;
    private volatile String lastFailure;
    private volatile boolean stopped;
    private Duration retry = FIRST_RETRY;
    private ScheduledFuture<?> next;

    /** Joins the gateway (with backoff, then every re-join interval), started at deployment. */
    @Override
    public void startAtDeployment() {
        if (GatewayRole.nodeIsGateway()) {
            settings.gateway().ifPresent(g -> LOG.warning("grid.node.gateway is ignored: with grid.discovery.strategy="
                    + GatewayRole.configuredStrategy() + " this node is a gateway itself and joins no other"));
            return;
        }
        if (settings.gateway().isEmpty()) {
            LOG.info("grid.node.gateway is not set: this node runs on its own and joins no gateway");
            return;
        }
        try {
            http = HttpClient.newBuilder()
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(CALL_TIMEOUT)
                    .sslContext(OutgoingTls.read(key -> config.getOptionalValue(key, String.class).orElse(null)))
                    .build();
        } catch (IllegalArgumentException e) {
            LOG.severe(DiscoveryHost.CONFIGURATION_ERROR + e.getMessage());
            throw e;
        }
        try {
            secret = NodeSecret.loadOrCreate(settings.dataDir());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot keep the node's secret, which proves its id to the gateway: " + e.getMessage(), e);
        }
        metrics.register();
        schedule(Duration.ZERO);
    }

    private synchronized void schedule(Duration delay) {
        if (!stopped) {
            next = scheduler.schedule(this::joinOnce, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Joins again at once rather than at the next interval, so that the gateway learns of changed
     * tags (a dataset added or deleted) now. Does nothing when the node joins no gateway.
     */
    public void rejoinNow() {
        if (GatewayRole.nodeIsGateway() || settings.gateway().isEmpty()) {
            return;
        }
        synchronized (this) {
            if (next != null) {
                next.cancel(false);
            }
            retry = FIRST_RETRY;
            schedule(Duration.ZERO);
        }
    }

    private void joinOnce() {
        URI endpoint = settings.joinEndpoint().orElseThrow();
        // The tags of each dataset go along, so that a gateway in index mode can answer without asking.
        var tagSets = Json.createArrayBuilder();
        catalog.tagSets().forEach(tags -> tagSets.add(Json.createArrayBuilder(tags)));
        String body = Json.createObjectBuilder()
                .add("node-id", settings.nodeId())
                .add("node-address", settings.address().orElseThrow().toString())
                .add("tag-sets", tagSets)
                .build().toString();
        String failure;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                    .timeout(CALL_TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header("Grid-Node-Secret", secret)
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            settings.joinToken().ifPresent(token -> request.header("Authorization", "Bearer " + token));
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            metrics.joined(answer.statusCode());
            failure = answer.statusCode() == 200 ? null : "HTTP " + answer.statusCode() + " " + abbreviate(answer.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (SSLHandshakeException e) {
            metrics.joined(0);
            failure = OutgoingTls.describe(e);
        } catch (Exception e) {
            metrics.joined(0);
            failure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        if (failure == null) {
            if (!joined) {
                LOG.info(() -> "Joined the gateway at " + settings.gateway().orElseThrow() + " as " + settings.nodeId());
            }
            joined = true;
            lastJoin = Instant.now();
            lastFailure = null;
            retry = FIRST_RETRY;
            schedule(settings.rejoinInterval());
        } else {
            if (joined || lastFailure == null) {
                LOG.warning("Could not join the gateway at " + endpoint + " (" + failure + "); retrying with backoff");
            }
            joined = false;
            lastFailure = failure;
            Duration delay = retry;
            retry = min(retry.multipliedBy(2), settings.rejoinInterval());
            schedule(delay);
        }
    }

    @PreDestroy
    void leave() {
        synchronized (this) {
            stopped = true;
            if (next != null) {
                next.cancel(false);
            }
        }
        if (!joined || settings.gateway().isEmpty()) {
            return;
        }
        try {
            http.send(HttpRequest.newBuilder(settings.gateway().orElseThrow().resolve("/nodes/" + settings.nodeId()))
                    .header("Grid-Node-Secret", secret)
                    .timeout(Duration.ofSeconds(2)).DELETE().build(), HttpResponse.BodyHandlers.discarding());
            LOG.info("Left the gateway at " + settings.gateway().orElseThrow());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.log(Level.INFO, "Could not tell the gateway that this node leaves; it will drop the node later", e);
        }
    }

    /** @return whether the last join succeeded */
    public boolean joined() {
        return joined;
    }

    /** @return when the node last joined, or {@code null} */
    public Instant lastJoin() {
        return lastJoin;
    }

    /** @return why the last join failed, or {@code null} */
    public String lastFailure() {
        return lastFailure;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
