package org.gridplatform.server.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Histogram;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;
import org.gridplatform.server.health.NodeState;

/**
 * The gateway role's metrics in the application registry. They are registered when the server starts
 * to play the role ({@link #register}, called by the health monitor of a server that keeps a registry),
 * so that a node of a central grid, which keeps none, shows none of them; until then recording does
 * nothing. Payara writes them in Prometheus format at {@code GET /metrics}: the names below plus the
 * suffix of the type ({@code _total} for counters, {@code _seconds_count}, {@code _seconds_sum} ... for
 * timers), with the label {@code mp_scope="application"}. docs/metrics.md lists them.
 */
@ApplicationScoped
public class GatewayMetrics {

    /** Gauge, label {@code state}: the nodes the gateway knows, by health state. */
    public static final String NODES = "grid_nodes";
    /** Timer: one health sweep, from the first ping sent to the last answered or timed out. */
    public static final String HEALTH_SWEEP = "grid_health_sweep";
    /** Timer: one search in the gateway, from the checked query to the answer's node list. */
    public static final String SEARCH = "grid_search";
    /** Histogram: the nodes (or peers) one search sent a message to. */
    public static final String SEARCH_FANOUT = "grid_search_fanout";
    /** Counter, label {@code outcome}: joins ({@code new}, {@code refresh}, {@code refused}). */
    public static final String JOINS = "grid_joins";

    /** What became of a join. */
    public enum JoinOutcome {
        /** A node the registry did not hold. */
        NEW,
        /** A node that was registered at the same address: a periodic re-join. */
        REFRESH,
        /** The join was read but refused: invalid id, address or tags, an id at another address, a full registry. */
        REFUSED;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Inject
    MetricRegistry registry;

    private volatile Timer sweeps;
    private volatile Timer searches;
    private volatile Histogram fanOut;
    private volatile Map<JoinOutcome, Counter> joins;

    /**
     * Registers the gateway role's metrics; a second call does nothing.
     *
     * @param nodesInState how many known nodes are in a state now
     */
    public synchronized void register(ToIntFunction<NodeState> nodesInState) {
        if (sweeps != null) {
            return;
        }
        Metadata nodes = Metadata.builder().withName(NODES)
                .withDescription("Nodes the gateway knows, by health state (up, suspect, down)").build();
        for (NodeState state : NodeState.values()) {
            registry.gauge(nodes, nodesInState, counts -> counts.applyAsInt(state), new Tag("state", state.name().toLowerCase(Locale.ROOT)));
        }
        Map<JoinOutcome, Counter> counters = new EnumMap<>(JoinOutcome.class);
        Metadata joined = Metadata.builder().withName(JOINS)
                .withDescription("POST /join requests: new nodes, refreshes of registered nodes, refused joins").build();
        for (JoinOutcome outcome : JoinOutcome.values()) {
            counters.put(outcome, registry.counter(joined, new Tag("outcome", outcome.label())));
        }
        joins = counters;
        fanOut = registry.histogram(Metadata.builder().withName(SEARCH_FANOUT).withUnit("nodes")
                .withDescription("Nodes (or peers) one search sent a message to, answered or not").build());
        searches = registry.timer(Metadata.builder().withName(SEARCH).withUnit(MetricUnits.SECONDS)
                .withDescription("Duration of a search in the gateway, from the checked query to the list of nodes").build());
        sweeps = registry.timer(Metadata.builder().withName(HEALTH_SWEEP).withUnit(MetricUnits.SECONDS)
                .withDescription("Duration of a health sweep: every known node pinged, every answer or timeout in").build());
    }

    /** @param nanos how long a health sweep took */
    public void swept(long nanos) {
        Timer timer = sweeps;
        if (timer != null) {
            timer.update(Duration.ofNanos(nanos));
        }
    }

    /**
     * @param nanos how long the search took
     * @param asked the nodes it sent a message to, or a negative number if the strategy does not say
     */
    public void searched(long nanos, int asked) {
        Timer timer = searches;
        if (timer != null) {
            timer.update(Duration.ofNanos(nanos));
            if (asked >= 0) {
                fanOut.update(asked);
            }
        }
    }

    /** @param outcome what became of a join */
    public void joined(JoinOutcome outcome) {
        Map<JoinOutcome, Counter> counters = joins;
        if (counters != null) {
            counters.get(outcome).inc();
        }
    }
}
