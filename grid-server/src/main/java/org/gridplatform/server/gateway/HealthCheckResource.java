package org.gridplatform.server.gateway;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.gridplatform.api.InvalidRequestException;
import org.gridplatform.server.health.HealthMonitor;
import org.gridplatform.server.health.HealthSweep;
import org.gridplatform.server.health.NodeHealth;
import org.gridplatform.server.health.NodeState;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code GET /health-check}: the design's health endpoint, in MicroProfile Health's JSON format.
 *
 * <p>The top-level {@code status} is the server's own (its liveness and readiness checks): it is
 * {@code UP} while the server can serve, whatever its nodes do. Each known node follows as a check
 * named {@code node:<id>} as the last health sweep ({@link HealthMonitor}) left it, without waiting
 * for a new one unless {@code ?fresh=true} asks.
 */
@Path("/health-check")
public class HealthCheckResource {

    @Inject
    @Any
    Instance<HealthCheck> checks;

    @Inject
    HealthMonitor monitor;

    /** The prefix of the per-node checks' names. */
    public static final String CHECK_PREFIX = "node:";

    /** @return the server's checks followed by one check per node */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Health of this server and of every known node",
            description = "MicroProfile Health JSON. 'status' is the server's own; each node is a check 'node:<id>' "
                    + "with data state (UP, SUSPECT, DOWN), alive, address, missed, last-seen, round-trip-ms and "
                    + "smoothed-round-trip-ms, as the last scheduled sweep of GET <node-address>/health/live left it.")
    @APIResponse(responseCode = "200", description = "The server is up; node states are in the checks",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "HealthDocument")))
    @APIResponse(responseCode = "503", description = "The server itself cannot serve")
    public Response healthCheck(@QueryParam("fresh") @Parameter(description = "true: sweep every node now and wait for it,"
            + " instead of reporting the last scheduled sweep (at most one fresh sweep per second runs)") String fresh) {
        if (fresh != null && !fresh.equals("true") && !fresh.equals("false")) {
            throw new InvalidRequestException("The query parameter 'fresh' is true or false, not " + "\"" + (fresh.length() > 20 ? fresh.substring(0, 20) + "..." : fresh) + "\"");
        }
        if ("true".equals(fresh)) {
            HealthSweep.Summary last = monitor.lastSweep();
            if (last == null || last.startedAt().isBefore(Instant.now().minusSeconds(1))) {
                monitor.sweepNow();
            }
        }
        List<HealthCheckResponse> own = new ArrayList<>();
        for (HealthCheck check : checks.select(Liveness.Literal.INSTANCE)) {
            own.add(check.call());
        }
        for (HealthCheck check : checks.select(Readiness.Literal.INSTANCE)) {
            own.add(check.call());
        }
        boolean up = own.stream().allMatch(c -> c.getStatus() == HealthCheckResponse.Status.UP);
        JsonArrayBuilder array = Json.createArrayBuilder();
        own.forEach(c -> array.add(toJson(c)));
        monitor.snapshot().forEach(node -> array.add(toJson(check(node))));
        JsonObject body = Json.createObjectBuilder().add("status", up ? "UP" : "DOWN").add("checks", array).build();
        return Response.status(up ? 200 : 503).entity(body).build();
    }

    /** A node as a check: UP only when its last ping (or join) was good; the data tells UP, SUSPECT or DOWN and why. */
    private static HealthCheckResponse check(NodeHealth node) {
        var check = HealthCheckResponse.named(CHECK_PREFIX + node.nodeId())
                .status(node.state() == NodeState.UP)
                .withData("state", node.state().name())
                .withData("alive", node.state() == NodeState.UP)
                .withData("address", node.nodeAddress())
                .withData("missed", node.missed())
                .withData("last-seen", String.valueOf(node.lastSeen()));
        if (node.roundTripMs() != null) {
            check.withData("round-trip-ms", node.roundTripMs());
            check.withData("smoothed-round-trip-ms", node.smoothedRoundTripMs());
        }
        if (node.reason() != null) {
            check.withData("reason", node.reason());
        }
        return check.build();
    }

    private static JsonObject toJson(HealthCheckResponse check) {
        JsonObjectBuilder json = Json.createObjectBuilder().add("name", check.getName()).add("status", check.getStatus().name());
        check.getData().filter(d -> !d.isEmpty()).ifPresent(data -> {
            JsonObjectBuilder fields = Json.createObjectBuilder();
            for (Map.Entry<String, Object> e : data.entrySet()) {
                switch (e.getValue()) {
                    case Boolean b -> fields.add(e.getKey(), b);
                    case Number n -> fields.add(e.getKey(), n.longValue());
                    default -> fields.add(e.getKey(), String.valueOf(e.getValue()));
                }
            }
            json.add("data", fields);
        });
        return json.build();
    }
}
