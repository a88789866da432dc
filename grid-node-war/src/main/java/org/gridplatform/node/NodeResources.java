package org.gridplatform.node;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
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
import org.gridplatform.api.NodeIdentity;
import org.gridplatform.api.Problem;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;

/**
 * The node's read-only API: who it is, and which datasets and tags it holds (metadata only).
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
}
