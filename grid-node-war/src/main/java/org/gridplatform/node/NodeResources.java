package org.gridplatform.node;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.gridplatform.api.DatasetInfo;
import org.gridplatform.api.DatasetList;
import org.gridplatform.api.InvalidRequestException;
import org.gridplatform.api.NodeIdentity;
import org.gridplatform.api.Problem;
import org.gridplatform.api.SearchAnswer;
import org.gridplatform.api.SearchRequest;
import org.gridplatform.api.TagQuery;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;

/**
 * The node's read-only API: who it is, which datasets and tags it holds (metadata only), and
 * PyGrid's {@code POST /search}.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class NodeResources {

    @Inject
    NodeSettings settings;

    @Inject
    DatasetCatalog catalog;

    /** @return this node's id */
    @GET
    @Path("identity")
    @Operation(summary = "This node's id")
    @APIResponse(responseCode = "200", description = "The node's id",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "NodeIdentity")))
    public NodeIdentity identity() {
        return new NodeIdentity(settings.nodeId());
    }

    /** @return the union of the datasets' tags */
    @GET
    @Path("dataset-tags")
    @Operation(summary = "Every tag of this node's datasets", description = "A JSON array of tags in display form, sorted.")
    @APIResponse(responseCode = "200", description = "The tags",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = String.class)))
    public List<String> datasetTags() {
        return catalog.tags();
    }

    /** @return the datasets' metadata */
    @GET
    @Path("datasets")
    @Operation(summary = "This node's datasets", description = "Metadata and shape only: name, tags, description, target, "
            + "row count, column names and types. Never rows or values.")
    @APIResponse(responseCode = "200", description = "The datasets, ordered by id",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "DatasetList")))
    public DatasetList datasets() {
        return new DatasetList(catalog.all().stream().map(Dataset::info).toList());
    }

    /**
     * @param id a dataset id
     * @return its metadata
     */
    @GET
    @Path("datasets/{id}")
    @Operation(summary = "One dataset's metadata")
    @APIResponse(responseCode = "200", description = "The dataset's metadata",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "DatasetInfo")))
    @APIResponse(responseCode = "404", description = "No dataset has this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    public DatasetInfo dataset(@PathParam("id") String id) {
        return catalog.get(id).info();
    }

    /**
     * @param request the query
     * @return whether a dataset carries every tag of the query
     */
    @POST
    @Path("search")
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
        return new SearchAnswer(catalog.holds(TagQuery.of(request.query())));
    }
}
