package org.gridplatform.node.auth;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.gridplatform.api.GridException;
import org.gridplatform.api.InvalidRequestException;
import org.gridplatform.api.Problem;
import org.gridplatform.api.ProblemType;
import org.gridplatform.api.auth.PasswordRequest;
import org.gridplatform.api.auth.UserAnswer;
import org.gridplatform.api.auth.UserList;
import org.gridplatform.api.auth.UserRequest;

/**
 * The node's users, managed by its owners. A made password is answered once, never again: only its
 * hash is kept ({@link UserStore}).
 */
@Path("users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UsersResource {

    @Inject
    NodeAuth auth;

    /** @return every user */
    @GET
    @AllowedRoles(Role.OWNER)
    @Operation(summary = "The node's users (owners only)", description = "Names, roles and creation times; never passwords or hashes.")
    @APIResponse(responseCode = "200", description = "{\"users\": [...]}, by name")
    public UserList users() {
        return new UserList(auth.users().list().stream().map(u -> answer(u, null)).toList());
    }

    /**
     * @param request the new user
     * @return {@code 201} with the user, and the password if the node made it
     */
    @POST
    @AllowedRoles(Role.OWNER)
    @Operation(summary = "Add a user (owners only)", description = "{\"name\": ..., \"role\": \"scientist\" or \"owner\", "
            + "\"password\": ...}; leave the password out to have the node make a strong one, answered this once.")
    @APIResponse(responseCode = "201", description = "The user (with \"password\" when the node made it)")
    @APIResponse(responseCode = "400", description = "A bad name, role or password",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "409", description = "The name is taken, or the node has its maximum of users",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    public Response add(UserRequest request) {
        if (request == null) {
            throw new InvalidRequestException("The request body is empty; send {\"name\": ..., \"role\": \"scientist\"}");
        }
        Role role;
        try {
            role = Role.of(request.role());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage());
        }
        UserStore.Created created = auth.users().create(request.name(), role, request.password());
        return Response.created(URI.create("users/" + created.user().name()))
                .entity(answer(created.user(), created.madePassword())).cacheControl(noStore()).build();
    }

    /**
     * @param name    the user
     * @param request the new password, or none to have one made
     * @param context the caller: an owner, or the user themself
     * @return the user, and the password if the node made it
     */
    @PUT
    @Path("{name}/password")
    @AllowedRoles({Role.SCIENTIST, Role.OWNER})
    @Operation(summary = "Set a user's password (owners, or the user themself)", description = "{\"password\": ...}, or {} "
            + "to have the node make one (answered this once). The user's earlier tokens stop working.")
    @APIResponse(responseCode = "200", description = "The user (with \"password\" when the node made it)")
    @APIResponse(responseCode = "403", description = "A scientist asked for another user's password",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "404", description = "No user has this name",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    public Response password(@PathParam("name") String name, PasswordRequest request, @Context SecurityContext context) {
        if (!context.isUserInRole(Role.OWNER_NAME) && !context.getUserPrincipal().getName().equals(name)) {
            throw new GridException(ProblemType.FORBIDDEN, "A scientist may set only their own password; ask an owner");
        }
        UserStore.Created changed = auth.users().setPassword(name, request == null ? null : request.password());
        return Response.ok(answer(changed.user(), changed.madePassword())).cacheControl(noStore()).build();
    }

    /** @param name the user to delete */
    @DELETE
    @Path("{name}")
    @AllowedRoles(Role.OWNER)
    @Operation(summary = "Delete a user (owners only)", description = "Their tokens stop working at once. The last owner "
            + "cannot be deleted.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No user has this name",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "409", description = "The node's only owner",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    public void delete(@PathParam("name") String name) {
        auth.users().delete(name);
    }

    private static UserAnswer answer(UserStore.User user, String madePassword) {
        return new UserAnswer(user.name(), user.role().wireName(), user.createdAt(), madePassword);
    }

    private static CacheControl noStore() {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return noStore;
    }
}
