package org.gridplatform.node;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.gridplatform.api.InvalidRequestException;
import org.gridplatform.api.Problem;
import org.gridplatform.api.SearchAnswer;
import org.gridplatform.api.SearchRequest;
import org.gridplatform.api.TagQuery;

/**
 * PyGrid's node protocol, {@code POST /search}, as a gateway calls it. Served when the node joins
 * a gateway ({@code central} discovery); a node that is a gateway itself serves the gateway's
 * {@code /search} instead.
 */
@Path("/search")
@Produces(MediaType.APPLICATION_JSON)
public class NodeSearchResource {

    @Inject
    DatasetCatalog catalog;

    @Inject
    MembershipMetrics metrics;

    /**
     * @param request the query
     * @return whether a dataset carries every tag of the query
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Does this node hold a dataset with every tag of the query?",
            description = "PyGrid's node protocol, as the gateway calls it: tags compare case-insensitively, '#' optional.")
    @APIResponse(responseCode = "200", description = "{\"content\": true} when one dataset carries every tag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SearchAnswer")))
    @APIResponse(responseCode = "400", description = "Empty query, more than 32 tags, or a tag over 128 characters",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    public SearchAnswer search(@RequestBody(required = true,
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SearchRequest"))) SearchRequest request) {
        if (request == null) {
            throw new InvalidRequestException("The request body is required: send {\"query\": [\"#tag\", ...]}");
        }
        TagQuery query = TagQuery.of(request.query());
        long start = System.nanoTime();
        boolean holds = catalog.holds(query);
        metrics.searched(System.nanoTime() - start, holds);
        return new SearchAnswer(holds);
    }
}
