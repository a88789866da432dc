package org.gridplatform.client;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import java.io.IOException;
import java.lang.reflect.Type;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.gridplatform.api.Problem;

/**
 * JSON over HTTP for the clients: JSON-B for bodies, problem details for errors, a timeout on
 * every call, an optional bearer token, and one retry of idempotent calls (GET, DELETE) after a
 * connection failure. Non-idempotent calls are never retried here: their callers know whether a
 * retry is safe (a {@code 429} was refused before it ran; see {@link GridClientException#retryAfter()}).
 */
final class JsonHttp implements AutoCloseable {

    private static final Jsonb JSONB = JsonbBuilder.create();

    private final HttpClient http;
    private final Duration timeout;
    private final Authorizer authorizer;

    JsonHttp(Duration timeout) {
        this(timeout, Authorizer.NONE);
    }

    /**
     * What a call sends as {@code Authorization}. A call answered {@code 401} is sent once more if
     * {@link #renew()} says new credentials are worth a try: a {@code 401} comes before the node did
     * anything, so even a non-idempotent call may be sent again.
     */
    interface Authorizer {
        /** No header. */
        Authorizer NONE = () -> null;

        /** @return the header's value, or {@code null} for none */
        String header();

        /** @return whether {@link #header()} now gives other credentials */
        default boolean renew() {
            return false;
        }
    }

    /**
     * @param timeout    the default time a call may take
     * @param authorizer what to send as {@code Authorization}
     */
    JsonHttp(Duration timeout, Authorizer authorizer) {
        this(timeout, authorizer, null);
    }

    /**
     * @param timeout    the default time a call may take
     * @param authorizer what to send as {@code Authorization}
     * @param tls        whom {@code https} calls trust (see {@link TrustStore}), or {@code null} for the JVM's default
     */
    JsonHttp(Duration timeout, Authorizer authorizer, SSLContext tls) {
        this.timeout = timeout;
        this.authorizer = authorizer;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout);
        if (tls != null) {
            builder.sslContext(tls);
        }
        this.http = builder.build();
    }

    /** @return the default time a call may take */
    Duration timeout() {
        return timeout;
    }

    <T> T get(URI uri, Type type) {
        return send(HttpRequest.newBuilder(uri).GET(), type, true, timeout);
    }

    <T> T post(URI uri, Object body, Type type) {
        return post(uri, body, type, timeout, Map.of());
    }

    /**
     * @param uri     where to
     * @param body    bound to JSON
     * @param type    the answer's type
     * @param timeout how long this call may take
     * @param headers extra request headers
     * @param <T>     the answer's type
     * @return the answer
     */
    <T> T post(URI uri, Object body, Type type, Duration timeout, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri);
        if (body == null) {
            builder.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            String json = body instanceof Serialized done ? done.json() : JSONB.toJson(body);
            builder.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        }
        headers.forEach(builder::header);
        return send(builder, type, false, timeout);
    }

    /**
     * A body already written as JSON, so that one request sent to many nodes is serialized once.
     *
     * @param json the JSON text
     */
    record Serialized(String json) {

        /**
         * The same JSON object with one more string member in front, so that a body that differs between nodes
         * only by one small field (a plan id) is still serialized once: the rest is copied, not written again.
         *
         * @param name  the member's name, absent from this object
         * @param value the member's value
         * @return the new body
         * @throws IllegalStateException if this body is not a JSON object
         */
        Serialized withMember(String name, String value) {
            if (!json.startsWith("{")) {
                throw new IllegalStateException("Only a JSON object gets members, not " + json.substring(0, Math.min(20, json.length())));
            }
            String rest = json.substring(1).stripLeading();
            return new Serialized("{" + JSONB.toJson(name) + ":" + JSONB.toJson(value) + (rest.startsWith("}") ? "" : ",") + rest);
        }
    }

    /**
     * @param body a body
     * @return it written as JSON once
     */
    static Serialized serialize(Object body) {
        return new Serialized(JSONB.toJson(body));
    }

    /**
     * @param uri  where to
     * @param body bound to JSON
     * @param type the answer's type
     * @param <T>  the answer's type
     * @return the answer
     */
    <T> T put(URI uri, Object body, Type type) {
        return send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSONB.toJson(body))), type, true, timeout);
    }

    void delete(URI uri) {
        send(HttpRequest.newBuilder(uri).DELETE(), null, true, timeout);
    }

    private <T> T send(HttpRequest.Builder builder, Type type, boolean idempotent, Duration timeout) {
        builder.timeout(timeout).header("Accept", "application/json");
        HttpRequest request = authorized(builder);
        String what = request.method() + " " + request.uri();
        boolean renewed = false;
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 401 && !renewed && authorizer.renew()) {
                    renewed = true;
                    request = authorized(builder);
                    continue;
                }
                if (response.statusCode() >= 400) {
                    Problem problem = readProblem(response.body());
                    String detail = problem != null && problem.detail() != null ? problem.detail() : "HTTP " + response.statusCode();
                    throw new GridClientException(what + " failed (" + response.statusCode() + "): " + detail, problem,
                            response.statusCode(), retryAfter(response), null);
                }
                if (type == null || response.statusCode() == 204) {
                    return null;
                }
                return JSONB.fromJson(response.body(), type);
            } catch (ConnectException e) {
                if (!idempotent || attempt > 1) {
                    throw new GridClientException(what + " failed: nothing answers at " + request.uri().getAuthority(), null, e);
                }
            } catch (HttpTimeoutException e) {
                throw new GridClientException(what + " failed: no answer within " + timeout.toMillis() + " ms", null, e);
            } catch (SSLException e) {
                throw new GridClientException(what + " failed: " + TlsFailure.describe(e, request.uri()), null, e);
            } catch (IOException e) {
                throw new GridClientException(what + " failed: " + e.getMessage() + TlsFailure.plainHttpHint(e, request.uri()), null, e);
            } catch (JsonbException e) {
                throw new GridClientException(what + " answered JSON of an unexpected shape (" + e.getMessage() + ")", null, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GridClientException(what + " was interrupted", null, e);
            }
        }
    }

    private HttpRequest authorized(HttpRequest.Builder builder) {
        String header = authorizer.header();
        HttpRequest.Builder copy = builder.copy();
        if (header != null) {
            copy.setHeader("Authorization", header);
        }
        return copy.build();
    }

    private static Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").filter(v -> v.strip().matches("\\d{1,6}"))
                .map(v -> Duration.ofSeconds(Long.parseLong(v.strip()))).orElse(null);
    }

    private static Problem readProblem(String body) {
        try {
            return JSONB.fromJson(body, Problem.class);
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
