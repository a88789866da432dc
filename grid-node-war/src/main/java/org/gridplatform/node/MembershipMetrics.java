package org.gridplatform.node;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * A central grid's node side of joins and searches, in the application registry that Payara serves at
 * {@code GET /metrics} (docs/metrics.md): the node's joins to its gateway by outcome, and the gateway's
 * {@code POST /search} calls it answered, by answer, with the time each took. Registered when the node
 * starts to join a gateway ({@link #register}); a node that joins none (alone, or a gateway itself in a
 * DHT grid, with the gateway role's metrics instead) shows none of them, and recording does nothing.
 */
@ApplicationScoped
public class MembershipMetrics {

    /** Counter, label {@code outcome}: this node's joins to its gateway. */
    static final String JOINS = "grid_node_joins";
    /** Counter, label {@code answer}: the gateway's searches this node answered. */
    static final String SEARCHES = "grid_node_searches";
    /** Timer: answering one search, from the checked query to the answer. */
    static final String SEARCH_DURATION = "grid_node_search";

    /** What became of one join. */
    enum JoinOutcome {
        /** The gateway answered 200: registered, or refreshed. */
        OK,
        /** The gateway answered 4xx: it read the join and refused it (a wrong secret or token, an id in use...). */
        REFUSED,
        /** No answer in time, a connection or TLS failure, or a 5xx. */
        FAILED;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        static JoinOutcome of(int status) {
            return status == 200 ? OK : status >= 400 && status < 500 ? REFUSED : FAILED;
        }
    }

    @Inject
    MetricRegistry registry;

    private volatile Map<JoinOutcome, Counter> joins;
    private volatile Counter matches;
    private volatile Counter misses;
    private volatile Timer searches;

    /** Registers the metrics; a second call does nothing. */
    synchronized void register() {
        if (joins != null) {
            return;
        }
        Metadata joined = Metadata.builder().withName(JOINS)
                .withDescription("This node's POST /join to its gateway, by outcome (ok, refused, failed)").build();
        Map<JoinOutcome, Counter> counters = new EnumMap<>(JoinOutcome.class);
        for (JoinOutcome outcome : JoinOutcome.values()) {
            counters.put(outcome, registry.counter(joined, new Tag("outcome", outcome.label())));
        }
        Metadata answered = Metadata.builder().withName(SEARCHES)
                .withDescription("The gateway's POST /search this node answered, by answer (match, no-match)").build();
        matches = registry.counter(answered, new Tag("answer", "match"));
        misses = registry.counter(answered, new Tag("answer", "no-match"));
        searches = registry.timer(Metadata.builder().withName(SEARCH_DURATION).withUnit(MetricUnits.SECONDS)
                .withDescription("Duration of answering one search in the node, from the checked query to the answer").build());
        joins = counters;
    }

    /** @param status the gateway's answer to a join, or 0 when none came */
    void joined(int status) {
        Map<JoinOutcome, Counter> counters = joins;
        if (counters != null) {
            counters.get(JoinOutcome.of(status)).inc();
        }
    }

    /**
     * @param nanos how long answering took
     * @param match the answer
     */
    void searched(long nanos, boolean match) {
        Timer timer = searches;
        if (timer != null) {
            timer.update(Duration.ofNanos(nanos));
            (match ? matches : misses).inc();
        }
    }
}
