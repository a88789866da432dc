package org.gridplatform.gateway;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.gridplatform.api.NodeAddress;
import org.gridplatform.api.NodeEntry;

/**
 * Calls many nodes at once, each with a bounded time, so that one slow or dead node never holds
 * an answer up.
 *
 * <p>Calls go only to fixed paths on registered addresses; redirects are not followed. Answers
 * are read up to {@value #MAX_ANSWER_BYTES} bytes, so a hostile node cannot flood the gateway.
 * Blocking work runs on virtual threads: a fan-out to a thousand nodes costs a thousand cheap
 * threads, not a thousand platform threads.
 */
@ApplicationScoped
public class NodeCalls {

    /** The most bytes read from one node's answer. */
    static final int MAX_ANSWER_BYTES = 16 * 1024;

    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient http = HttpClient.newBuilder()
            .executor(executor)
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    /**
     * The outcome of one call.
     *
     * @param node      the node called
     * @param answer    the node's JSON answer, or {@code null} if it did not answer in time or correctly
     * @param roundTrip the time from sending to the answer, or to giving up
     * @param failure   why there is no answer, or {@code null}
     */
    public record Outcome(NodeEntry node, JsonObject answer, Duration roundTrip, String failure) {
        /** @return whether the node answered with a JSON object in time */
        public boolean answered() {
            return answer != null;
        }
    }

    /**
     * Sends a request to every node in parallel and waits for all answers, each bounded by {@code timeout}.
     *
     * @param nodes   the nodes to call
     * @param request builds the request for one node's address
     * @param timeout the time each node gets
     * @return one outcome per node, in the order of {@code nodes}
     */
    public List<Outcome> callAll(List<NodeEntry> nodes, Function<NodeAddress, HttpRequest.Builder> request, Duration timeout) {
        List<CompletableFuture<Outcome>> calls = new ArrayList<>(nodes.size());
        for (NodeEntry node : nodes) {
            calls.add(call(node, request, timeout));
        }
        List<Outcome> outcomes = new ArrayList<>(nodes.size());
        for (CompletableFuture<Outcome> call : calls) {
            outcomes.add(call.join());
        }
        return outcomes;
    }

    private CompletableFuture<Outcome> call(NodeEntry node, Function<NodeAddress, HttpRequest.Builder> request, Duration timeout) {
        long start = System.nanoTime();
        HttpRequest built = request.apply(NodeAddress.parse(node.nodeAddress(), "node-address")).timeout(timeout).build();
        return http.sendAsync(built, HttpResponse.BodyHandlers.ofInputStream())
                .thenApplyAsync(response -> outcome(node, response, start), executor)
                .completeOnTimeout(null, timeout.toNanos(), TimeUnit.NANOSECONDS)
                .exceptionally(failure -> new Outcome(node, null, since(start), describe(failure)))
                .thenApply(outcome -> outcome != null ? outcome
                        : new Outcome(node, null, since(start), "no answer within " + timeout.toMillis() + " ms"));
    }

    private static Outcome outcome(NodeEntry node, HttpResponse<InputStream> response, long start) {
        try (InputStream body = response.body()) {
            byte[] bytes = body.readNBytes(MAX_ANSWER_BYTES + 1);
            if (response.statusCode() != 200) {
                return new Outcome(node, null, since(start), "answered HTTP " + response.statusCode());
            }
            if (bytes.length > MAX_ANSWER_BYTES) {
                return new Outcome(node, null, since(start), "answered more than " + MAX_ANSWER_BYTES + " bytes");
            }
            try (JsonReader reader = Json.createReader(new StringReader(new String(bytes, StandardCharsets.UTF_8)))) {
                return new Outcome(node, reader.readObject(), since(start), null);
            }
        } catch (IOException | RuntimeException e) {
            return new Outcome(node, null, since(start), "answered something that is not a JSON object");
        }
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof java.net.http.HttpTimeoutException) {
            return "no answer in time";
        }
        if (cause instanceof java.net.ConnectException) {
            return "connection refused";
        }
        return "unreachable (" + cause.getClass().getSimpleName() + ")";
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @PreDestroy
    void close() {
        http.shutdownNow();
        executor.shutdownNow();
    }
}
