package org.gridplatform.server.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.ConfigProvider;
import org.gridplatform.api.GridException;
import org.gridplatform.api.Problem;
import org.gridplatform.api.ProblemType;

/**
 * Per-client-address rate limits of the methods marked {@link RateLimited} (such as {@code /join} and
 * {@code /search}): a token bucket per address and limit, refilled at the configured rate, holding
 * at most a sixth of a minute's requests. A request beyond it is answered {@code 429} with
 * {@code Retry-After} (whole seconds until a token is back) and problem details.
 *
 * <p>Memory is bounded: at most {@value #MAX_CLIENTS} addresses are tracked per limit, the least
 * recently seen dropped first (a dropped address starts again with a full bucket).
 */
@Provider
public class RateLimit implements ContainerRequestFilter {

    /** The prefix of the limits' keys. */
    public static final String PREFIX = "grid.rate-limit.";
    static final int MAX_CLIENTS = 65_536;

    private static final Map<String, Limiter> LIMITERS = new ConcurrentHashMap<>();

    @Context
    ResourceInfo resource;

    @Context
    HttpServletRequest servlet;

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource == null ? null : resource.getResourceMethod();
        RateLimited limited = method == null ? null : method.getAnnotation(RateLimited.class);
        if (limited == null) {
            return;
        }
        Limiter limiter = LIMITERS.computeIfAbsent(limited.value(), name -> new Limiter(name,
                ConfigProvider.getConfig().getOptionalValue(PREFIX + name, Integer.class).orElse(limited.defaultPerMinute())));
        String client = servlet == null ? "unknown" : servlet.getRemoteAddr();
        long waitMillis = limiter.take(client, System.nanoTime());
        if (waitMillis > 0) {
            long seconds = Math.max(1, (waitMillis + 999) / 1000);
            GridException refused = new GridException(ProblemType.TOO_MANY_REQUESTS, "More than " + limiter.perMinute
                    + " requests a minute to " + request.getUriInfo().getPath() + " from " + client + " (" + PREFIX + limiter.name
                    + "); retry after " + seconds + " s");
            Problem problem = refused.toProblem("/" + request.getUriInfo().getPath(false).replaceFirst("^/", ""));
            request.abortWith(Response.status(429).type(Problem.MEDIA_TYPE).header("Retry-After", seconds).entity(problem).build());
        }
    }

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }

    /** One limit's buckets, by client address. */
    static final class Limiter {
        final String name;
        final int perMinute;
        private final double capacity;
        private final double perNano;
        private final Map<String, Bucket> buckets = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > MAX_CLIENTS;
            }
        };

        Limiter(String name, int perMinute) {
            if (perMinute < 0) {
                throw new IllegalArgumentException(PREFIX + name + " is " + perMinute + ": use 0 (no limit) or more requests a minute");
            }
            this.name = name;
            this.perMinute = perMinute;
            this.capacity = Math.max(1, perMinute / 6.0);
            this.perNano = perMinute / 60e9;
        }

        /**
         * @param client the client's address
         * @param now    {@link System#nanoTime()}
         * @return 0 if the request may go ahead, else the milliseconds until it could
         */
        synchronized long take(String client, long now) {
            if (perMinute == 0) {
                return 0;
            }
            Bucket bucket = buckets.computeIfAbsent(client, c -> new Bucket(capacity, now));
            double tokens = Math.min(capacity, bucket.tokens + (now - bucket.at) * perNano);
            bucket.at = now;
            if (tokens >= 1) {
                bucket.tokens = tokens - 1;
                return 0;
            }
            bucket.tokens = tokens;
            return (long) Math.ceil((1 - tokens) / perNano / 1e6);
        }
    }
}
