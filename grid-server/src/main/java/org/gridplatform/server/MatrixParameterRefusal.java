package org.gridplatform.server;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import org.gridplatform.api.InvalidRequestException;

/**
 * Refuses a path with a literal {@code ;}, before it is matched. JAX-RS reads {@code ;...} at the end of a path
 * segment as matrix parameters and drops them from path parameters, so that {@code PUT /users/owner;x/password}
 * would set the password of {@code owner} and {@code DELETE /datasets/iris;} would delete {@code iris}: a path
 * that names something else than what it changes. No Grid endpoint takes matrix parameters, and no id holds a
 * {@code ;} (written {@code %3B}, it stays part of the segment and the id's own rules refuse it).
 */
@Provider
@PreMatching
public class MatrixParameterRefusal implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getRequestUri().getRawPath();
        if (path != null && path.indexOf(';') >= 0) {
            throw new InvalidRequestException("The path has a ';', which no endpoint here takes (it would start matrix"
                    + " parameters); remove it, or write it as %3B where it belongs to a name");
        }
    }
}
