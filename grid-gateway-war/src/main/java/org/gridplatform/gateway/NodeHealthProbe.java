package org.gridplatform.gateway;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.http.HttpRequest;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Pings every registered node's MicroProfile Health liveness endpoint ({@code GET <node-address>/health/live})
 * in parallel, each within {@code grid.gateway.health-timeout}, and reports each as a health check named
 * {@code node:<id>} whose data holds {@code alive}, {@code address}, and {@code round-trip-ms}.
 */
@ApplicationScoped
public class NodeHealthProbe {

    /** The prefix of the per-node checks' names. */
    public static final String CHECK_PREFIX = "node:";

    @Inject
    NodeRegistry registry;

    @Inject
    NodeCalls calls;

    @Inject
    GatewaySettings settings;

    /** @return one check per registered node, ordered by node id */
    public List<HealthCheckResponse> probe() {
        return calls.callAll(registry.nodes(),
                        address -> HttpRequest.newBuilder(address.resolve("/health/live")).header("Accept", "application/json").GET(),
                        settings.healthTimeout())
                .stream()
                .map(NodeHealthProbe::check)
                .toList();
    }

    private static HealthCheckResponse check(NodeCalls.Outcome outcome) {
        boolean alive = outcome.answered()
                && outcome.answer().get("status") instanceof jakarta.json.JsonString status
                && "UP".equals(status.getString());
        var check = HealthCheckResponse.named(CHECK_PREFIX + outcome.node().nodeId())
                .status(alive)
                .withData("alive", alive)
                .withData("address", outcome.node().nodeAddress())
                .withData("round-trip-ms", outcome.roundTrip().toMillis());
        if (!alive) {
            check.withData("reason", outcome.answered() ? "reported DOWN" : outcome.failure());
        }
        return check.build();
    }

}
