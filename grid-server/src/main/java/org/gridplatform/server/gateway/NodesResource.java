package org.gridplatform.server.gateway;

import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.gridplatform.server.security.NodeSecrets;
import org.gridplatform.server.health.HealthMonitor;
import org.gridplatform.server.health.HealthReport;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.gridplatform.api.NodeList;
import org.gridplatform.api.Problem;
import org.gridplatform.server.discovery.NodeDirectory;

/** {@code /nodes}: the known nodes, and leaving the grid. */
@Path("/nodes")
public class NodesResource {

    @Inject
    NodeDirectory directory;

    /** @return the known nodes ordered by id */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "List the known nodes",
            description = "The gateway's registry; on a DHT node, the peers of its routing table.")
    @APIResponse(responseCode = "200", description = "The nodes, ordered by id",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "NodeList")))
    public NodeList nodes() {
        return new NodeList(directory.nodes());
    }

    @Inject
    HealthMonitor health;

    @Inject
    NodeSecrets secrets;

    /** @return every known node's health as the last sweep left it */
    @GET
    @Path("/health")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The state of every known node",
            description = "As the last scheduled health sweep left it: UP, SUSPECT or DOWN, missed pings, last seen, the last"
                    + " and smoothed round trips and the recent ones, and the node's datasets' metadata. The dashboard polls it.")
    @APIResponse(responseCode = "200", description = "The last sweep and the nodes, ordered by id")
    public HealthReport health() {
        return HealthReport.of(health);
    }

    /** @param id the id of the node that leaves */
    @DELETE
    @Path("/{id}")
    @Operation(summary = "Leave the grid", description = "Removes a node. Nodes call it when they shut down.")
    @APIResponse(responseCode = "204", description = "The node was removed")
    @APIResponse(responseCode = "403", description = "The id belongs to a node that joined with a secret, and this is not it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "404", description = "No node has this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    public void leave(@PathParam("id") String id,
                      @HeaderParam(NodeSecrets.HEADER) @Parameter(description = "The node's secret, if it joined with one")
                      String secret) {
        secrets.checkLeave(org.gridplatform.api.NodeIds.validate(id, "node id"), secret);
        directory.leave(id);
        secrets.forget(id);
    }
}
