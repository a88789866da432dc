package org.gridplatform.server;

import jakarta.json.Json;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.gridplatform.api.Problem;
import org.gridplatform.api.ProblemType;

/**
 * Answers with a problem instead of the servlet container's HTML error page when an error is sent
 * around JAX-RS rather than through {@link ProblemMapper}: Jersey refuses a request whose header it
 * cannot parse (such as {@code Content-Type: json}) with {@code sendError(400)} before any JAX-RS
 * provider runs.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class ProblemErrorPages implements Filter {

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && response instanceof HttpServletResponse answer) {
            chain.doFilter(request, new ProblemOnError(http, answer));
        } else {
            chain.doFilter(request, response);
        }
    }

    private static final class ProblemOnError extends HttpServletResponseWrapper {
        private final HttpServletRequest request;

        ProblemOnError(HttpServletRequest request, HttpServletResponse response) {
            super(response);
            this.request = request;
        }

        @Override
        public void sendError(int status) throws IOException {
            sendError(status, null);
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            if (status < 400 || isCommitted()) {
                super.sendError(status, message);
                return;
            }
            String detail = status == 400
                    ? "The request is malformed, for example a header such as Content-Type or Accept that cannot be parsed; "
                            + "see /openapi for what this endpoint accepts"
                    : "The request was refused with status " + status + "; see /openapi for what this endpoint accepts";
            resetBuffer();
            writeProblem(request, (HttpServletResponse) getResponse(), status, detail);
        }
    }

    /**
     * Answers with a problem of this status, with the standard type and title for it.
     *
     * @param request the request, whose URI becomes the problem's instance
     * @param response an uncommitted response
     * @param status an error status, 4xx or 5xx
     * @param detail the problem's detail
     */
    static void writeProblem(HttpServletRequest request, HttpServletResponse response, int status, String detail) throws IOException {
        ProblemType type = ProblemType.forStatus(status);
        // The members in the order JSON-B writes Problem in, as ProblemMapper's answers have them.
        byte[] body = Json.createObjectBuilder()
                .add("detail", detail)
                .add("instance", request.getRequestURI())
                .add("status", status)
                .add("title", type.title())
                .add("type", type.uri())
                .build().toString().getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType(Problem.MEDIA_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }
}
