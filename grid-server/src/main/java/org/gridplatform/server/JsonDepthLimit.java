package org.gridplatform.server;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.gridplatform.api.InvalidRequestException;
import org.gridplatform.api.Limits;

/**
 * Refuses a JSON request body nested deeper than {@link Limits#MAX_JSON_DEPTH} arrays and objects, as it is read and
 * before the JSON reader builds anything from it. The readers recurse once per level (JSON-B into nested values, JSON-P
 * when it builds a value), so that a body of a few kilobytes nested thousands deep would overflow a request thread's
 * stack: {@code {"password": [[[...]]]}} answered {@code 500}, far below the parser's own limit of 1,000 levels.
 *
 * <p>The count skips brackets inside strings. It reads bytes: in UTF-8 no byte of a multi-byte character is a
 * bracket, a quote or a backslash.
 */
@Provider
public class JsonDepthLimit implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        MediaType type = request.getMediaType();
        if (request.hasEntity() && type != null && isJson(type)) {
            request.setEntityStream(new DepthCounting(request.getEntityStream(), Limits.MAX_JSON_DEPTH));
        }
    }

    private static boolean isJson(MediaType type) {
        return type.getSubtype().equalsIgnoreCase("json") || type.getSubtype().toLowerCase(java.util.Locale.ROOT).endsWith("+json");
    }

    /**
     * Whether JSON text nests arrays and objects deeper than a limit, counted outside strings: the same count as the
     * filter's, for text already read (such as a run report, which also refuses a lower depth than requests in general).
     *
     * @param json  the text
     * @param limit the deepest nesting allowed
     * @return whether the text nests deeper
     */
    public static boolean nestsDeeperThan(String json, int limit) {
        Nesting nesting = new Nesting(limit);
        for (int i = 0; i < json.length(); i++) {
            if (nesting.tooDeepAfter(json.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The count itself: the depth of arrays and objects outside strings, fed one character (or UTF-8 byte) at a time.
     * In UTF-8 no byte of a multi-byte character is a bracket, a quote or a backslash, so bytes and characters count
     * alike.
     */
    static final class Nesting {
        private final int limit;
        private int depth;
        private boolean inString;
        private boolean escaped;

        Nesting(int limit) {
            this.limit = limit;
        }

        /** @return whether the nesting is past the limit after {@code c} */
        boolean tooDeepAfter(int c) {
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                return ++depth > limit;
            } else if ((c == ']' || c == '}') && depth > 0) {
                depth--;
            }
            return false;
        }
    }

    /** Counts the nesting of the JSON text that passes through it, and refuses it past the limit. */
    static final class DepthCounting extends FilterInputStream {
        private final int limit;
        private final Nesting nesting;

        DepthCounting(InputStream in, int limit) {
            super(in);
            this.limit = limit;
            this.nesting = new Nesting(limit);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                see((byte) b);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            for (int i = 0; i < n; i++) {
                see(buffer[offset + i]);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // Skipped bytes must be counted too: read them.
            long skipped = 0;
            while (skipped < n && read() >= 0) {
                skipped++;
            }
            return skipped;
        }

        private void see(byte b) {
            if (nesting.tooDeepAfter(b)) {
                throw new InvalidRequestException("The JSON body nests arrays and objects more than " + limit
                        + " deep; no request here needs more than a few levels");
            }
        }
    }
}
