package org.gridplatform.server.gateway;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.gridplatform.api.GridException;
import org.gridplatform.api.InvalidRequestException;
import org.gridplatform.api.Problem;
import org.gridplatform.api.ProblemType;
import org.gridplatform.server.discovery.DiscoveryHost;

/**
 * {@code POST /discovery/{operation}}: messages among peers of a discovery strategy that talks
 * between nodes (the {@code dht} strategy's PING, STORE, FIND_NODE and FIND_VALUE).
 */
@Path("/discovery/{operation}")
public class DiscoveryMessageResource {

    private static final Pattern OPERATION = Pattern.compile("[a-z][a-z-]{0,31}");

    @Inject
    DiscoveryHost host;

    @Context
    HttpServletRequest request;

    /**
     * @param operation the operation, such as {@code find-node}
     * @param body      the JSON message
     * @return the JSON answer
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A message from a peer to the discovery strategy",
            description = "Used by strategies whose nodes talk to each other, such as dht (ping, store, find-node, find-value).")
    @APIResponse(responseCode = "200", description = "The strategy's JSON answer")
    @APIResponse(responseCode = "404", description = "The strategy receives no messages",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    public String message(@PathParam("operation") String operation, String body) {
        if (!OPERATION.matcher(operation).matches()) {
            throw new InvalidRequestException("The operation in /discovery/{operation} must be lower-case letters and '-'");
        }
        if (body == null || body.isBlank()) {
            throw new InvalidRequestException("The request body is required: a JSON message for " + operation);
        }
        return host.strategy().messageHandler()
                .orElseThrow(() -> new GridException(ProblemType.NOT_FOUND, "The discovery strategy " + host.strategyName()
                        + " receives no messages"))
                .handle(operation, body, request == null ? "unknown" : request.getRemoteAddr());
    }
}
