package org.gridplatform.server;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses an unknown {@code format} on {@code /openapi} with a 400 problem.
 *
 * <p>The OpenAPI document is Payara's (MicroProfile OpenAPI), served from this WAR's context.
 * Payara knows {@code ?format=yaml} and {@code ?format=json} in any case. It ignores any other
 * value and falls back on the Accept header. A value that is not a format at all, such as a NUL
 * byte, ended in a 500. Here every {@code format} value must be one of the two.
 */
@WebFilter(urlPatterns = "/openapi/*", asyncSupported = true)
public class OpenApiFormat implements Filter {

    /** The values of {@code format} that Payara maps to a media type, lower case. */
    static final Set<String> FORMATS = Set.of("yaml", "json");

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && response instanceof HttpServletResponse answer
                && !allKnown(http.getParameterValues("format"))) {
            ProblemErrorPages.writeProblem(http, answer, 400,
                    "Unknown format; use format=yaml (the default) or format=json, or leave it out and send Accept");
            return;
        }
        chain.doFilter(request, response);
    }

    /** @return whether every value (if any) is a known format, in any case */
    static boolean allKnown(String[] values) {
        if (values == null) {
            return true;
        }
        for (String value : values) {
            if (value == null || !FORMATS.contains(value.toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        return true;
    }
}
