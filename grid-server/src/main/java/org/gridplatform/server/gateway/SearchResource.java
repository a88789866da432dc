package org.gridplatform.server.gateway;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.gridplatform.api.Problem;
import org.gridplatform.api.SearchRequest;
import org.gridplatform.api.SearchResponse;
import org.gridplatform.server.discovery.NodeDirectory;

/** {@code POST /search}: which nodes hold a dataset carrying every tag of the query. */
@Path("/search")
public class SearchResource {

    /** Names the nodes that did not answer in time, comma-separated, for clients that read headers only. */
    public static final String UNANSWERED_HEADER = "Grid-Unanswered-Nodes";

    @Inject
    NodeDirectory directory;

    /**
     * @param request the query
     * @return the matching nodes
     */
    @org.gridplatform.server.security.RateLimited(value = "search", defaultPerMinute = 1200)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Find the nodes that hold tagged data",
            description = "Finds the nodes holding a dataset that carries every tag of the query (case-insensitive, "
                    + "leading '#' optional), through the configured discovery strategy. Nodes that were asked and did not "
                    + "answer in time are left out and named in 'unanswered-nodes'.")
    @APIResponse(responseCode = "200", description = "The matching nodes as [id, address] pairs, ordered by id",
            headers = @Header(name = UNANSWERED_HEADER, description = "Ids of nodes that did not answer, if any"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SearchResponse")))
    @APIResponse(responseCode = "400", description = "Empty query, more than 32 tags, or a tag over 128 characters",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    public Response search(@RequestBody(required = true,
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SearchRequest"))) SearchRequest request) {
        SearchResponse answer = directory.search(request);
        Response.ResponseBuilder response = Response.ok(answer);
        if (!answer.unanswered().isEmpty()) {
            response.header(UNANSWERED_HEADER, String.join(",", answer.unanswered()));
        }
        return response.build();
    }
}
