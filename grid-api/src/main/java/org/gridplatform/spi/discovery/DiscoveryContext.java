package org.gridplatform.spi.discovery;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What the host (gateway or node WAR) offers a strategy. Thread-safe.
 */
public interface DiscoveryContext {

    /** @return the host's HTTP client for calls to nodes and peers */
    NodeTransport transport();

    /** @return the host's JSON binding, for the bodies of calls and messages */
    JsonCodec json();

    /**
     * @return a scheduler for the strategy's periodic work (re-publishing, refreshing), owned by
     *         the host: the strategy cancels its tasks on close but never shuts it down
     */
    ScheduledExecutorService scheduler();

    /** @return the clock to read time from (tests give a fixed one) */
    Clock clock();

    /**
     * @return the node the strategy runs in, when it runs in a node WAR; empty in the gateway
     */
    Optional<LocalNode> localNode();

    /**
     * Whether the host's health sweeps found a node {@code DOWN}: it missed
     * {@code grid.health.down-after} pings in a row and has not answered or re-joined since. The host
     * leaves such nodes out of every search answer, so a strategy that fans out to nodes should not
     * ask them: a node that hangs would otherwise hold every search for its whole timeout until it
     * is removed. A node found {@code DOWN} is still swept, and counts again as soon as it answers.
     *
     * @param nodeId a node id
     * @return whether the node is known to be {@code DOWN}; {@code false} for a host without sweeps
     *         (the default) and for nodes it does not know
     */
    default boolean isDown(String nodeId) {
        return false;
    }
}
