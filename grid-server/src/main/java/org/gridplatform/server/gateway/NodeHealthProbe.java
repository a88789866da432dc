package org.gridplatform.server.gateway;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.gridplatform.api.Durations;
import org.gridplatform.api.NodeAddress;
import org.gridplatform.api.NodeEntry;
import org.gridplatform.server.discovery.DiscoveryHost;
import org.gridplatform.spi.discovery.NodeTransport;

/**
 * Pings every known node's MicroProfile Health liveness endpoint ({@code GET <node-address>/health/live})
 * in parallel, each within {@code grid.gateway.health-timeout}, and reports each as a health check
 * named {@code node:<id>} whose data holds {@code alive}, {@code address} and {@code round-trip-ms}.
 */
@ApplicationScoped
public class NodeHealthProbe {

    /** The prefix of the per-node checks' names. */
    public static final String CHECK_PREFIX = "node:";

    @Inject
    DiscoveryHost host;

    @Inject
    @ConfigProperty(name = "grid.gateway.health-timeout", defaultValue = "2s")
    String timeout;

    /** @return one check per known node, ordered by node id */
    public List<HealthCheckResponse> probe() {
        Duration limit = Durations.parse(timeout, "grid.gateway.health-timeout");
        List<NodeEntry> nodes = host.strategy().nodes();
        List<CompletableFuture<HealthCheckResponse>> pings = new ArrayList<>(nodes.size());
        for (NodeEntry node : nodes) {
            long start = System.nanoTime();
            pings.add(host.transport().get(NodeAddress.parse(node.nodeAddress(), "node-address"), "/health/live", limit)
                    .thenApply(reply -> check(node, reply, Duration.ofNanos(System.nanoTime() - start))));
        }
        return pings.stream().map(CompletableFuture::join).toList();
    }

    private static HealthCheckResponse check(NodeEntry node, NodeTransport.Reply reply, Duration roundTrip) {
        boolean alive = reply.ok() && "UP".equals(status(reply.body()));
        var check = HealthCheckResponse.named(CHECK_PREFIX + node.nodeId())
                .status(alive)
                .withData("alive", alive)
                .withData("address", node.nodeAddress())
                .withData("round-trip-ms", roundTrip.toMillis());
        if (!alive) {
            check.withData("reason", reply.error() != null ? reply.error()
                    : reply.ok() ? "reported DOWN" : "answered HTTP " + reply.status());
        }
        return check.build();
    }

    private static String status(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            JsonObject health = reader.readObject();
            return health.get("status") instanceof JsonString s ? s.getString() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
