package org.gridplatform.server;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.ConfigProvider;
import org.gridplatform.api.GridException;
import org.gridplatform.api.Limits;
import org.gridplatform.api.ProblemType;

/**
 * Refuses request bodies over {@code grid.http.max-body-bytes} (default 64 KiB) with a
 * {@code 413}: at once when {@code Content-Length} says so, and while reading when a chunked body
 * grows past the limit, so that no client can make the server buffer an unbounded body.
 *
 * <p>A resource method annotated {@link LargeBody} gets its own limit from its own key instead. The
 * filter therefore runs after matching (still before any body is read); a body sent to a path that
 * matches no resource is never read.
 */
@Provider
public class BodySizeLimit implements ContainerRequestFilter {

    private final long maxBytes;
    private final Map<Method, Long> ownLimits = new ConcurrentHashMap<>();

    @Context
    ResourceInfo resource;

    /** The configuration key of the limit. */
    public static final String MAX_BODY_BYTES = "grid.http.max-body-bytes";

    /** Reads the limit from MicroProfile Config; JAX-RS creates this provider itself. */
    public BodySizeLimit() {
        this(ConfigProvider.getConfig().getOptionalValue(MAX_BODY_BYTES, Long.class).orElse((long) Limits.DEFAULT_MAX_BODY_BYTES));
    }

    /** @param maxBytes the largest body accepted, in bytes */
    public BodySizeLimit(long maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException(MAX_BODY_BYTES + " must be at least 1, but is " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource == null ? null : resource.getResourceMethod();
        LargeBody large = method == null ? null : method.getAnnotation(LargeBody.class);
        long limit = large == null ? maxBytes : ownLimits.computeIfAbsent(method, m -> ownLimit(large));
        String key = large == null ? null : large.key();
        if (request.getLength() > limit) {
            throw tooLarge(limit, key);
        }
        if (request.hasEntity()) {
            request.setEntityStream(new Bounded(request.getEntityStream(), limit, key));
        }
    }

    private static long ownLimit(LargeBody large) {
        long limit = ConfigProvider.getConfig().getOptionalValue(large.key(), Long.class).orElse(large.defaultBytes());
        if (limit < 1) {
            throw new IllegalStateException(large.key() + " must be at least 1, but is " + limit);
        }
        return limit;
    }

    private static GridException tooLarge(long limit, String key) {
        return new GridException(ProblemType.PAYLOAD_TOO_LARGE, "The request body is larger than " + limit + " bytes"
                + (key == null ? "" : " (" + key + ")") + "; send a smaller body");
    }

    private static final class Bounded extends FilterInputStream {
        private final long limit;
        private final String key;
        private long read;

        Bounded(InputStream in, long limit, String key) {
            super(in);
            this.limit = limit;
            this.key = key;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > limit) {
                throw tooLarge(limit, key);
            }
        }
    }
}
