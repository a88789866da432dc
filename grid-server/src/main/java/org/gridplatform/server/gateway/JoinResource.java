package org.gridplatform.server.gateway;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.gridplatform.api.NodeAddress;
import org.gridplatform.api.NodeIds;
import org.gridplatform.server.security.NodeSecrets;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.gridplatform.api.GridException;
import org.gridplatform.api.JoinRequest;
import org.gridplatform.api.NodeEntry;
import org.gridplatform.api.Problem;
import org.gridplatform.server.discovery.NodeDirectory;
import org.gridplatform.server.metrics.GatewayMetrics;

/** {@code POST /join}: a node enters the grid, or refreshes its entry. */
@Path("/join")
public class JoinResource {

    @Inject
    NodeDirectory directory;

    @Inject
    NodeSecrets secrets;

    @Inject
    GatewayMetrics metrics;

    /**
     * @param join the node's id and address, and optionally its tags
     * @return the registered entry
     */
    @org.gridplatform.server.security.RateLimited(value = "join", defaultPerMinute = 600)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Join the grid",
            description = "Registers a node under its id and address. Joining again with the same id and address "
                    + "refreshes the entry (nodes re-join periodically); the same id with another address is refused, unless"
                    + " the join proves the id with its Grid-Node-Secret. "
                    + "Grid's nodes also announce their tags, which the 'index' search mode answers from.")
    @APIResponse(responseCode = "200", description = "The registered entry",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "NodeEntry")))
    @APIResponse(responseCode = "400", description = "Invalid id, address or tags",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "401", description = "A required node secret or join token is missing or wrong",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "403", description = "The id belongs to another node (bound to its secret)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "409", description = "The id is registered at another address, or the registry is full",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    public NodeEntry join(@RequestBody(required = true,
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "JoinRequest"))) JoinRequest join,
                          @HeaderParam(NodeSecrets.HEADER) @Parameter(description = "The node's own secret: binds the id at"
                                  + " its first join; later joins and leaves of the id must send it") String secret,
                          @HeaderParam("Authorization") @Parameter(description = "Bearer <join token>, on a closed grid")
                          String authorization) {
        try {
            if (join != null && join.nodeId() != null) {
                String id = NodeIds.validate(join.nodeId(), "node-id");
                if (secrets.checkJoin(id, secret, authorization) && join.nodeAddress() != null) {
                    // The node proved its id: it may move. Its old entry goes, so that the join below registers the new address.
                    NodeAddress address = NodeAddress.parse(join.nodeAddress(), "node-address");
                    directory.nodes().stream()
                            .filter(n -> n.nodeId().equals(id) && !NodeAddress.parse(n.nodeAddress(), "node-address").equals(address))
                            .findFirst().ifPresent(moved -> directory.leave(id));
                }
            }
            return directory.join(join);
        } catch (GridException refused) {
            metrics.joined(GatewayMetrics.JoinOutcome.REFUSED);
            throw refused;
        }
    }
}
