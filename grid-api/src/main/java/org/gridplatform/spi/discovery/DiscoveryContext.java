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
}
