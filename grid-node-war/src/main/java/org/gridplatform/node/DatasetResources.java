package org.gridplatform.node;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.gridplatform.api.GridException;
import org.gridplatform.api.InvalidRequestException;
import org.gridplatform.api.ProblemType;
import org.gridplatform.node.auth.NodeSecurityContext;
import org.gridplatform.node.auth.AllowedRoles;
import org.gridplatform.node.auth.Role;
import org.gridplatform.api.Problem;
import org.gridplatform.server.LargeBody;
import org.gridplatform.api.DatasetDescription;

/**
 * The node's datasets: metadata, schema and aggregate statistics for the node's users (and for anyone,
 * of the datasets marked {@code "public"}); uploads and deletes for its owners. No endpoint returns
 * rows, samples or per-row values.
 */
@Path("datasets")
@Produces(MediaType.APPLICATION_JSON)
public class DatasetResources {

    /** The key of the upload size limit. */
    public static final String MAX_UPLOAD_BYTES = "grid.node.max-upload-bytes";
    /** 256 MiB. */
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 256L * 1024 * 1024;

    @Inject
    DatasetCatalog catalog;

    @Inject
    DatasetPublishing publishing;

    /** @return every dataset's summary */
    @GET
    @Operation(summary = "This node's datasets", description = "Metadata and shape only: name, tags, description, target, "
            + "row count, column names and types, task. Never rows or values.")
    @APIResponse(responseCode = "200", description = "{\"datasets\": [...]}, ordered by id")
    public DatasetSummary.Listing datasets(@Context SecurityContext caller) {
        boolean user = NodeSecurityContext.roleOf(caller) != null;
        return new DatasetSummary.Listing(catalog.all().stream().filter(d -> user || d.open()).map(Dataset::summary).toList());
    }

    /**
     * @param id a dataset id
     * @return its description
     */
    @GET
    @Path("{id}")
    @Operation(summary = "One dataset: metadata, schema and per-feature statistics (count, min, max, mean, variance)")
    @APIResponse(responseCode = "200", description = "The dataset's description")
    @APIResponse(responseCode = "404", description = "No dataset has this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    public DatasetDescription dataset(@PathParam("id") String id, @Context SecurityContext caller) {
        Dataset dataset = catalog.get(id);
        if (!dataset.open() && NodeSecurityContext.roleOf(caller) == null) {
            // The same answer as for an id that does not exist: anonymous callers learn nothing of private datasets.
            throw new GridException(ProblemType.NOT_FOUND, "No public dataset has the id " + id + "; sign in (Authorization: "
                    + "Bearer <token>) to see the node's other datasets");
        }
        return dataset.description();
    }

    /**
     * @param parts {@code metadata} (JSON) and {@code file} (CSV), or {@code images} and {@code labels} (IDX)
     * @return {@code 201} with the description
     */
    @POST
    @AllowedRoles(Role.OWNER)
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @LargeBody(key = MAX_UPLOAD_BYTES, defaultBytes = DEFAULT_MAX_UPLOAD_BYTES)
    @Operation(summary = "Publish a dataset (owners only)", description = "multipart/form-data: 'metadata' (JSON: name, "
            + "tags, description, target, task, format) and 'file' (CSV), or 'images' and 'labels' (IDX). "
            + "Stored atomically; its tags are announced to discovery at once.")
    @APIResponse(responseCode = "201", description = "The dataset's description")
    @APIResponse(responseCode = "400", description = "Bad metadata or file; the detail names the line and column or the header field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "401", description = "No or an invalid token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "403", description = "The caller is not an owner",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "409", description = "A dataset has this name (or the id made from it)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "413", description = "Over grid.node.max-upload-bytes",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    public Response upload(List<EntityPart> parts) throws IOException {
        String metadata = null;
        Map<String, InputStream> files = new HashMap<>();
        for (EntityPart part : parts == null ? List.<EntityPart>of() : parts) {
            if (part.getName().equals("metadata")) {
                metadata = part.getContent(String.class);
            } else if (files.putIfAbsent(part.getName(), part.getContent()) != null) {
                throw new InvalidRequestException("The upload has two parts named '" + part.getName() + "'; send one");
            }
        }
        if (metadata == null) {
            throw new InvalidRequestException("The upload has no part named 'metadata'; send the dataset's metadata as JSON "
                    + "in it: {\"name\": ..., \"tags\": [...], \"description\": ..., \"target\": ...}");
        }
        DatasetDescription created = publishing.publish(metadata, files);
        return Response.created(URI.create("datasets/" + created.id())).entity(created).build();
    }

    /** @param id a dataset id */
    @DELETE
    @Path("{id}")
    @AllowedRoles(Role.OWNER)
    @Operation(summary = "Delete a dataset (owners only)", description = "Its files are removed atomically and its tags "
            + "withdrawn from discovery at once.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No dataset has this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    public void delete(@PathParam("id") String id) throws IOException {
        publishing.delete(id);
    }
}
