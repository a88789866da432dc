package org.gridplatform.plugin.discovery.dht;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import org.gridplatform.api.GridException;
import org.gridplatform.api.NodeAddress;
import org.gridplatform.spi.discovery.MessageHandler;
import org.gridplatform.spi.discovery.NodeTransport;

/**
 * The host's HTTP client and listener, in memory: {@code post(node, "/discovery/<op>", json)} runs
 * the target node's {@link MessageHandler} on a thread pool, as Payara would on a request thread,
 * and answers a refused message with its status, as the host's problem mapper would.
 */
final class InMemoryNodeTransport implements NodeTransport {

    private static final String PREFIX = "/discovery/";

    private final Map<NodeAddress, MessageHandler> handlers = new ConcurrentHashMap<>();
    private final Set<NodeAddress> down = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads;

    InMemoryNodeTransport(ExecutorService threads) {
        this.threads = threads;
    }

    void listen(NodeAddress address, MessageHandler handler) {
        handlers.put(address, handler);
        down.remove(address);
    }

    /** The node stops answering, as a crashed process would. */
    void stop(NodeAddress address) {
        down.add(address);
    }

    @Override
    public CompletableFuture<Reply> post(NodeAddress node, String path, String json, Duration timeout) {
        MessageHandler handler = handlers.get(node);
        if (handler == null || down.contains(node)) {
            return CompletableFuture.completedFuture(new Reply(0, null, "connection refused"));
        }
        if (!path.startsWith(PREFIX)) {
            return CompletableFuture.completedFuture(new Reply(404, "{}", null));
        }
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new Reply(200, handler.handle(path.substring(PREFIX.length()), json, "127.0.0.1"), null);
            } catch (GridException e) {
                return new Reply(e.status(), "{\"detail\":\"problem\"}", null);
            }
        }, threads);
    }

    @Override
    public CompletableFuture<Reply> get(NodeAddress node, String path, Duration timeout) {
        return CompletableFuture.completedFuture(new Reply(404, "{}", null));
    }
}
