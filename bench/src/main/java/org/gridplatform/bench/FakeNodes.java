package org.gridplatform.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many fake nodes on a few JDK HTTP servers bound to 127.0.0.1. A fake node is a path prefix on one
 * server, {@code http://127.0.0.1:PORT/<kind>/<index>}, and answers what the gateway asks of a node:
 * <ul>
 *   <li>{@code POST <address>/search}: {@code {"content": true}} for even indexes, {@code false} for odd
 *       ones, after {@link #delay} ({@link #deadDelay} for the {@code dead} kind, which is meant to be
 *       longer than the gateway's search timeout, so that those nodes never answer in time);</li>
 *   <li>{@code GET <address>/health/live}: {@code {"status":"UP","checks":[]}} at once.</li>
 * </ul>
 * Each exchange runs on its own virtual thread, so the delay is a sleep that holds no platform thread:
 * a thousand nodes waiting at once cost a thousand parked virtual threads.
 */
final class FakeNodes implements AutoCloseable {

    /** The kind of fake node that answers after {@link #delay}. */
    static final String LIVE = "fake";
    /** The kind of fake node that answers after {@link #deadDelay}, too late for the gateway. */
    static final String DEAD = "dead";

    private static final byte[] HOLDS = "{\"content\": true}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] LACKS = "{\"content\": false}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] UP = "{\"status\":\"UP\",\"checks\":[]}".getBytes(StandardCharsets.UTF_8);

    private final Duration delay;
    private final Duration deadDelay;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<HttpServer> servers = new ArrayList<>();
    private final AtomicLong searches = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    /**
     * Starts the servers.
     *
     * @param serverCount how many HTTP servers (each on its own port) host the fake nodes
     * @param delay       how long a live fake node takes to answer a search
     * @param deadDelay   how long a dead fake node takes to answer a search
     */
    FakeNodes(int serverCount, Duration delay, Duration deadDelay) throws IOException {
        this.delay = delay;
        this.deadDelay = deadDelay;
        try {
            for (int i = 0; i < serverCount; i++) {
                HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
                server.setExecutor(executor);
                server.createContext("/", this::handle);
                server.start();
                servers.add(server);
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * @param kind  {@link #LIVE} or {@link #DEAD}
     * @param index the fake node's number; it picks the server ({@code index % servers}) and the answer
     * @return the fake node's address, to register at the gateway
     */
    String address(String kind, int index) {
        HttpServer server = servers.get(index % servers.size());
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + kind + "/" + index;
    }

    /**
     * @param index a fake node's number
     * @return whether it answers {@code {"content": true}}
     */
    static boolean holds(int index) {
        return index % 2 == 0;
    }

    /** @return how many searches the fake nodes have received */
    long searches() {
        return searches.get();
    }

    /** @return how many requests the fake nodes refused (an unknown path or method, or a body without a query) */
    long refused() {
        return refused.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String[] path = exchange.getRequestURI().getRawPath().split("/", 4); // "", kind, index, endpoint
            String method = exchange.getRequestMethod();
            if (path.length == 4 && (LIVE.equals(path[1]) || DEAD.equals(path[1])) && path[2].matches("\\d{1,9}")) {
                int index = Integer.parseInt(path[2]);
                if ("search".equals(path[3]) && "POST".equals(method)) {
                    byte[] body;
                    try (InputStream in = exchange.getRequestBody()) {
                        body = in.readAllBytes();
                    }
                    if (!new String(body, StandardCharsets.UTF_8).contains("\"query\"")) {
                        refuse(exchange, 400);
                        return;
                    }
                    searches.incrementAndGet();
                    sleep(LIVE.equals(path[1]) ? delay : deadDelay);
                    respond(exchange, holds(index) ? HOLDS : LACKS);
                    return;
                }
                if ("health/live".equals(path[3]) && "GET".equals(method)) {
                    respond(exchange, UP);
                    return;
                }
            }
            refuse(exchange, 404);
        } catch (IOException e) {
            // The gateway gave up on this call (a dead node) or closed the connection: nothing to answer.
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void respond(HttpExchange exchange, byte[] json) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, json.length);
        exchange.getResponseBody().write(json);
    }

    private void refuse(HttpExchange exchange, int status) throws IOException {
        refused.incrementAndGet();
        exchange.sendResponseHeaders(status, -1);
    }

    @Override
    public void close() {
        for (HttpServer server : servers) {
            server.stop(0);
        }
        executor.shutdownNow();
    }
}
