package org.gridplatform.node.auth;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import org.gridplatform.api.GridException;
import org.gridplatform.api.Problem;
import org.gridplatform.api.ProblemType;
import org.gridplatform.server.gateway.TrainingRunsResource;

/**
 * Checks who calls, on every request to the node's API: a request with {@code Authorization: Bearer
 * <token>} runs as the token's user when the token is valid (signed by this node, not expired, its user
 * still there with the same role and generation) and is refused {@code 401} otherwise, even on endpoints
 * anyone may call, so that a client learns at once that its token is bad. A request without the header
 * is anonymous.
 *
 * <p>Endpoints for users carry {@link AllowedRoles}; {@link Roles} binds a check to them that answers
 * {@code 401} (with {@code WWW-Authenticate}) to anonymous callers and {@code 403} to users of another
 * role. Everything is answered as {@code application/problem+json} before any body is read.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class NodeAuthentication implements ContainerRequestFilter {

    static final String REALM = "Bearer realm=\"grid-node\"";

    @Inject
    NodeAuth auth;

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            return;
        }
        Method method = resource.getResourceMethod();
        if (header.regionMatches(true, 0, "Basic ", 0, 6) && method != null && method.isAnnotationPresent(PasswordSignIn.class)) {
            return;
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            request.abortWith(unauthorized(request, "invalid_request", "Send Authorization: Bearer <token>; get a token from "
                    + "POST /auth/token with your user name and password (Authorization: Basic)"));
            return;
        }
        Optional<TokenService.Claims> claims = auth.tokens().verify(header.substring(7).strip());
        Optional<UserStore.User> user = claims.flatMap(c -> auth.users().find(c.user())
                .filter(u -> u.role() == c.role() && u.generation() == c.generation()));
        if (user.isEmpty()) {
            request.abortWith(unauthorized(request, "invalid_token", "The token is not valid here: it has expired, was made by "
                    + "another node, was changed, or its user was deleted or got a new password; get a new one from POST /auth/token"));
            return;
        }
        request.setSecurityContext(new NodeSecurityContext(user.get(), claims.get().expiresAt(),
                "https".equals(request.getUriInfo().getRequestUri().getScheme())));
    }

    static Response unauthorized(ContainerRequestContext request, String error, String detail) {
        return problem(request, new GridException(ProblemType.UNAUTHORIZED, detail))
                .header(HttpHeaders.WWW_AUTHENTICATE, REALM + (error == null ? "" : ", error=\"" + error + "\""))
                .build();
    }

    static Response.ResponseBuilder problem(ContainerRequestContext request, GridException e) {
        String path = "/" + request.getUriInfo().getPath(false).replaceFirst("^/", "");
        return Response.status(e.status()).type(Problem.MEDIA_TYPE).entity(e.toProblem(path));
    }

    /**
     * Binds a role check to every resource method (or class) that carries {@link AllowedRoles}, and to
     * {@code POST /training-runs}: a node of a DHT grid keeps a run board like a gateway's, but a node
     * changes state only for its users (the resource is the gateway role's, shared with the gateway WAR).
     */
    @Provider
    public static class Roles implements DynamicFeature {
        @Override
        public void configure(ResourceInfo info, FeatureContext context) {
            if (info.getResourceClass() == TrainingRunsResource.class && info.getResourceMethod().isAnnotationPresent(POST.class)) {
                context.register(new RoleCheck(List.of(Role.SCIENTIST_NAME)), Priorities.AUTHORIZATION);
                return;
            }
            AllowedRoles allowed = Optional.ofNullable(info.getResourceMethod().getAnnotation(AllowedRoles.class))
                    .orElse(info.getResourceClass().getAnnotation(AllowedRoles.class));
            if (allowed != null) {
                context.register(new RoleCheck(java.util.Arrays.stream(allowed.value()).map(Role::wireName).toList()),
                        Priorities.AUTHORIZATION);
            }
        }
    }

    /** Lets through only users in one of the roles. */
    static final class RoleCheck implements ContainerRequestFilter {
        private final List<String> roles;

        RoleCheck(List<String> roles) {
            this.roles = roles;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            Role role = NodeSecurityContext.roleOf(request.getSecurityContext());
            if (role == null) {
                request.abortWith(unauthorized(request, null, "Sign in first: this endpoint is for " + who()
                        + "; send Authorization: Bearer <token> (POST /auth/token gives one for your user name and password)"));
            } else if (roles.stream().noneMatch(request.getSecurityContext()::isUserInRole)) {
                request.abortWith(problem(request, new GridException(ProblemType.FORBIDDEN, "This endpoint is for " + who()
                        + ", and " + request.getSecurityContext().getUserPrincipal().getName() + " is a " + role.wireName()
                        + "; ask the node's owner")).build());
            }
        }

        private String who() {
            return roles.contains(Role.SCIENTIST_NAME) ? "the node's scientists and owners" : "the node's owners";
        }
    }
}
