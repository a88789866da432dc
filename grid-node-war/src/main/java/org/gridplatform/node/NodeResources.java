package org.gridplatform.node;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.gridplatform.api.NodeIdentity;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;

/**
 * Who the node is, and which tags its datasets carry. The datasets themselves are {@link DatasetResources}.
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
}
