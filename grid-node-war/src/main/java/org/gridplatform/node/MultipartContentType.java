package org.gridplatform.node;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.Arrays;
import org.gridplatform.api.GridException;
import org.gridplatform.api.ProblemType;

/**
 * Refuses a body sent to a multipart endpoint ({@code POST /datasets}) unless it is declared as
 * {@code multipart/form-data} with a boundary: {@code 415} with problem details. Jersey would
 * otherwise match a wildcard such as {@code *}{@code /*} and fail inside its multipart reader.
 */
@Provider
public class MultipartContentType implements ContainerRequestFilter {

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource == null ? null : resource.getResourceMethod();
        Consumes consumes = method == null ? null : method.getAnnotation(Consumes.class);
        if (consumes == null || Arrays.stream(consumes.value()).noneMatch(MediaType.MULTIPART_FORM_DATA::equals)) {
            return;
        }
        MediaType type = request.getMediaType();
        String boundary = type == null ? null : type.getParameters().get("boundary");
        if (type == null || !"multipart".equalsIgnoreCase(type.getType()) || !"form-data".equalsIgnoreCase(type.getSubtype())
                || boundary == null || boundary.isBlank()) {
            throw new GridException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Send multipart/form-data with a boundary"
                    + " (a 'metadata' JSON part and the data parts), not " + (type == null ? "no Content-Type" : "'" + type + "'"));
        }
    }
}
