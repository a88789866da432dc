package org.gridplatform.spi.discovery;

import java.util.List;
import java.util.Optional;
import org.gridplatform.api.NodeEntry;
import org.gridplatform.api.TagQuery;

/**
 * How a grid registers nodes and finds the ones that hold tagged data. One instance serves a
 * whole application (gateway or node) from {@link DiscoveryStrategyFactory#create} until
 * {@link #close()}.
 *
 * <p><b>Threading:</b> every method may be called concurrently from many request threads and must
 * be thread-safe. Methods may block for network calls, but must bound the time they take.
 *
 * <p><b>Errors:</b> a request the strategy refuses is a {@link org.gridplatform.api.GridException}
 * with a message telling the caller what to change (for example
 * {@link org.gridplatform.api.ProblemType#CONFLICT} for an id registered at another address); any
 * other exception is treated as a server failure.
 */
public interface DiscoveryStrategy extends AutoCloseable {

    /**
     * Registers a node, or refreshes it when it registers again (nodes re-join periodically).
     *
     * @param registration the node, already validated; never {@code null}
     * @return the entry as registered
     * @throws org.gridplatform.api.GridException if the strategy refuses the node
     */
    NodeEntry register(NodeRegistration registration);

    /**
     * Removes a node.
     *
     * @param nodeId a valid node id
     * @return whether the node was known
     */
    boolean remove(String nodeId);

    /**
     * Finds the nodes holding a dataset that carries every tag of the query.
     *
     * @param query a validated query, never {@code null}
     * @return the nodes found, ordered by id, and the nodes that were asked but did not answer
     */
    SearchResult search(TagQuery query);

    /** @return the nodes this strategy knows, ordered by id; a snapshot, never {@code null} */
    List<NodeEntry> nodes();

    /**
     * @return this strategy's own health: {@code up} while it can serve registrations and
     *         searches, with data for operators (counts, peers); never {@code null}
     */
    DiscoveryHealth health();

    /**
     * The handler for messages that peers send to this strategy over the host's HTTP listener
     * ({@code POST /discovery/<operation>}), for strategies that talk among nodes, such as a DHT.
     *
     * @return the handler, or empty (the default) if the strategy receives no messages
     * @since 0.1
     */
    default Optional<MessageHandler> messageHandler() {
        return Optional.empty();
    }

    /**
     * Tells the strategy that the local node's tags changed (a dataset was added or removed), so
     * that it can announce them at once. Called only on nodes; the default does nothing.
     *
     * @since 0.1
     */
    default void localTagsChanged() {
    }

    /** Stops the strategy's tasks and releases its resources. Called once; must not throw. */
    @Override
    void close();
}
