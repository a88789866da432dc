package org.gridplatform.node;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import org.gridplatform.api.GridException;
import org.gridplatform.api.Problem;
import org.gridplatform.api.ProblemType;

/**
 * Lets only the operator's {@code Authorization: Bearer <token>} through to {@link OperatorOnly}
 * endpoints (publishing datasets and training, until node users and roles replace the single token), before their body is read: {@code 403} when no token is configured, {@code 401} with
 * {@code WWW-Authenticate} when the token is missing or wrong.
 */
@Provider
@OperatorOnly
@Priority(Priorities.AUTHENTICATION)
public class OperatorAuthentication implements ContainerRequestFilter {

    @Inject
    OperatorToken token;

    @Override
    public void filter(ContainerRequestContext request) {
        String path = "/" + request.getUriInfo().getPath(false).replaceFirst("^/", "");
        switch (token.check(request.getHeaderString(HttpHeaders.AUTHORIZATION))) {
            case ALLOWED -> {
            }
            case DISABLED -> request.abortWith(problem(new GridException(ProblemType.FORBIDDEN,
                    "This endpoint is disabled until the node has an operator token: set " + OperatorToken.TOKEN_KEY + " (or "
                            + OperatorToken.HASH_KEY + ") on the node to allow adding and deleting datasets and training"),
                    path).build());
            case MISSING -> request.abortWith(unauthorized("This endpoint is for the node's operator: send "
                    + "Authorization: Bearer <operator token>", path));
            case WRONG -> request.abortWith(unauthorized("The operator token is wrong", path));
        }
    }

    private static Response unauthorized(String detail, String path) {
        return problem(new GridException(ProblemType.UNAUTHORIZED, detail), path)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"grid-node\"").build();
    }

    private static Response.ResponseBuilder problem(GridException e, String path) {
        return Response.status(e.status()).type(Problem.MEDIA_TYPE).entity(e.toProblem(path));
    }
}
