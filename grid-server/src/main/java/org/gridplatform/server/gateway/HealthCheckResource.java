package org.gridplatform.server.gateway;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
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
 * named {@code node:<id>} whose status and data tell whether it is alive, its address and the
 * round-trip time of the ping.
 */
@Path("/health-check")
public class HealthCheckResource {

    @Inject
    @Any
    Instance<HealthCheck> checks;

    @Inject
    NodeHealthProbe probe;

    /** @return the server's checks followed by one check per node */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Health of this server and of every known node",
            description = "MicroProfile Health JSON. 'status' is the server's own; each node is a check 'node:<id>' "
                    + "with data alive, address and round-trip-ms, pinged in parallel at GET <node-address>/health/live.")
    @APIResponse(responseCode = "200", description = "The server is up; node states are in the checks",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "HealthDocument")))
    @APIResponse(responseCode = "503", description = "The server itself cannot serve")
    public Response healthCheck() {
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
        probe.probe().forEach(c -> array.add(toJson(c)));
        JsonObject body = Json.createObjectBuilder().add("status", up ? "UP" : "DOWN").add("checks", array).build();
        return Response.status(up ? 200 : 503).entity(body).build();
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
