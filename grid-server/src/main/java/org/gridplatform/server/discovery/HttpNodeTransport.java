package org.gridplatform.server.discovery;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.gridplatform.api.NodeAddress;
import org.gridplatform.server.security.AddressPolicy;
import org.gridplatform.server.security.OutgoingTls;
import org.gridplatform.spi.discovery.NodeTransport;

/**
 * The host's HTTP to nodes and peers: {@link HttpClient} on virtual threads, HTTP/1.1, no
 * redirects, a timeout per call, and answers read up to a bounded size. A fan-out to a thousand
 * nodes costs a thousand cheap virtual threads, and one slow node costs at most its timeout.
 * {@code https} addresses are called with certificate and host name checks, trusting what
 * {@link OutgoingTls} configures.
 */
public final class HttpNodeTransport implements NodeTransport, AutoCloseable {

    /** The most bytes read from one answer. */
    public static final int MAX_ANSWER_BYTES = 256 * 1024;

    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final AddressPolicy policy;
    private final HttpClient http;

    /** A transport with the default address policy (no link-local, metadata, multicast or unspecified addresses). */
    public HttpNodeTransport() {
        this(AddressPolicy.DEFAULT);
    }

    /** @param policy the addresses this transport may call; every call checks its address first */
    public HttpNodeTransport(AddressPolicy policy) {
        this(policy, null);
    }

    /**
     * @param policy the addresses this transport may call; every call checks its address first
     * @param tls    whom {@code https} calls trust ({@link OutgoingTls#read}), or
     *               {@code null} for the JVM's default; host names are always verified
     */
    public HttpNodeTransport(AddressPolicy policy, SSLContext tls) {
        this.policy = policy;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .executor(executor)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2));
        if (tls != null) {
            builder.sslContext(tls);
        }
        this.http = builder.build();
    }

    @Override
    public CompletableFuture<Reply> post(NodeAddress node, String path, String json, Duration timeout) {
        return send(HttpRequest.newBuilder(node.resolve(fixed(path)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), timeout);
    }

    @Override
    public CompletableFuture<Reply> get(NodeAddress node, String path, Duration timeout) {
        return send(HttpRequest.newBuilder(node.resolve(fixed(path))).GET(), timeout);
    }

    private static String fixed(String path) {
        if (!path.startsWith("/") || path.contains("..") || path.contains("?") || path.contains("#")) {
            throw new IllegalArgumentException("A node path is a fixed absolute path such as /search, not " + path);
        }
        return path;
    }

    private CompletableFuture<Reply> send(HttpRequest.Builder request, Duration timeout) {
        HttpRequest built = request.header("Accept", "application/json").timeout(timeout).build();
        // The address is checked again at every call, not only at join: a name may resolve elsewhere later.
        // Literal addresses need no lookup; names are resolved on a virtual thread, within the call's timeout.
        String host = built.uri().getHost();
        boolean literal = host != null && (host.startsWith("[") || host.matches("[0-9.]+"));
        CompletableFuture<java.util.Optional<String>> check = literal
                ? CompletableFuture.completedFuture(policy.refusal(built.uri()))
                : CompletableFuture.supplyAsync(() -> policy.refusal(built.uri()), executor);
        return check.thenCompose(refused -> refused.isPresent()
                ? CompletableFuture.completedFuture(new Reply(0, null, "address refused: " + refused.get()))
                : call(built, timeout));
    }

    private CompletableFuture<Reply> call(HttpRequest built, Duration timeout) {
        return http.sendAsync(built, HttpResponse.BodyHandlers.ofInputStream())
                .thenApplyAsync(HttpNodeTransport::read, executor)
                .completeOnTimeout(new Reply(0, null, "no answer within " + timeout.toMillis() + " ms"),
                        timeout.toNanos(), TimeUnit.NANOSECONDS)
                .exceptionally(failure -> new Reply(0, null, describe(failure)));
    }

    private static Reply read(HttpResponse<InputStream> response) {
        try (InputStream body = response.body()) {
            byte[] bytes = body.readNBytes(MAX_ANSWER_BYTES + 1);
            if (bytes.length > MAX_ANSWER_BYTES) {
                return new Reply(0, null, "answered more than " + MAX_ANSWER_BYTES + " bytes");
            }
            return new Reply(response.statusCode(), new String(bytes, StandardCharsets.UTF_8), null);
        } catch (IOException e) {
            return new Reply(0, null, "the answer broke off");
        }
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof HttpTimeoutException) {
            return "no answer in time";
        }
        if (cause instanceof ConnectException) {
            return "connection refused";
        }
        if (cause instanceof SSLHandshakeException handshake) {
            return OutgoingTls.describe(handshake);
        }
        return "unreachable (" + cause.getClass().getSimpleName() + ")";
    }

    @Override
    public void close() {
        http.shutdownNow();
        executor.shutdownNow();
    }
}
