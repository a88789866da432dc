package org.gridplatform.spi.discovery;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.gridplatform.api.NodeAddress;

/**
 * JSON over HTTP to nodes and peers, provided by the host so that plugins stay free of HTTP
 * libraries. Calls go only to a fixed path on a node's address; redirects are not followed and
 * answers are read up to a bounded size.
 *
 * <p>Thread-safe. Futures complete on the host's threads; never block them for long.
 */
public interface NodeTransport {

    /**
     * The outcome of a call.
     *
     * @param status the HTTP status, or 0 if there was no answer
     * @param body   the answer's body (bounded), or {@code null} if there was no answer
     * @param error  why there is no answer, or {@code null}
     */
    record Reply(int status, String body, String error) {
        /** @return whether the node answered 200 */
        public boolean ok() {
            return status == 200;
        }
    }

    /**
     * Posts JSON. The future never completes exceptionally: failures are a {@link Reply} with status 0.
     *
     * @param node    the node's address
     * @param path    a fixed path starting with {@code /}, such as {@code /search}
     * @param json    the body
     * @param timeout the time the node gets to answer
     * @return the reply
     */
    CompletableFuture<Reply> post(NodeAddress node, String path, String json, Duration timeout);

    /**
     * Gets JSON. The future never completes exceptionally.
     *
     * @param node    the node's address
     * @param path    a fixed path starting with {@code /}
     * @param timeout the time the node gets to answer
     * @return the reply
     */
    CompletableFuture<Reply> get(NodeAddress node, String path, Duration timeout);
}
