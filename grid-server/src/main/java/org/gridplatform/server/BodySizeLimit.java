package org.gridplatform.server;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.gridplatform.api.GridException;
import org.gridplatform.api.Limits;
import org.gridplatform.api.ProblemType;

/**
 * Refuses request bodies over {@code grid.http.max-body-bytes} (default 64 KiB) with a
 * {@code 413}: at once when {@code Content-Length} says so, and while reading when a chunked body
 * grows past the limit, so that no client can make the server buffer an unbounded body.
 */
@Provider
@PreMatching
public class BodySizeLimit implements ContainerRequestFilter {

    private final long maxBytes;

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
        if (request.getLength() > maxBytes) {
            throw tooLarge();
        }
        if (request.hasEntity()) {
            request.setEntityStream(new Bounded(request.getEntityStream()));
        }
    }

    private GridException tooLarge() {
        return new GridException(ProblemType.PAYLOAD_TOO_LARGE,
                "The request body is larger than " + maxBytes + " bytes; send a smaller body");
    }

    private final class Bounded extends FilterInputStream {
        private long read;

        Bounded(InputStream in) {
            super(in);
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
            if (read > maxBytes) {
                throw tooLarge();
            }
        }
    }
}
