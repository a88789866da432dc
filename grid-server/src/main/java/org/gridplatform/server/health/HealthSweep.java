package org.gridplatform.server.health;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.gridplatform.api.NodeAddress;
import org.gridplatform.api.NodeEntry;
import org.gridplatform.spi.discovery.NodeTransport;

/**
 * Pings every known node's MicroProfile Health liveness endpoint ({@code GET <address>/health/live})
 * in parallel, each within the settings' timeout, and keeps each node's state: {@code UP},
 * {@code SUSPECT} after {@code suspect-after} missed pings in a row, {@code DOWN} after
 * {@code down-after}. A good ping or a re-join makes a node {@code UP} again; a node {@code DOWN}
 * for longer than the grace is {@linkplain #evictable() evictable}.
 *
 * <p>Plain Java, so that benchmarks drive it without a server. The pings are the transport's
 * asynchronous calls (the JDK HTTP client's selector thread, no thread per node); a sweep waits
 * for all of them, which the per-ping timeout bounds. Memory per node: a fixed-size record and a
 * ring of the last {@value #HISTORY} round trips. Thread-safe; sweeps do not overlap when called
 * from one scheduler.
 */
public final class HealthSweep {

    /** How many recent round trips are kept per node. */
    public static final int HISTORY = 30;
    /** The most datasets kept per node for the dashboard. */
    static final int MAX_DATASETS = 100;
    /** Sweeps of at least this many nodes judge whether their own server was too slow to hear the answers. */
    static final int MASS_MIN_NODES = 8;
    /**
     * More than this share of the pings to nodes not already DOWN timing out in one sweep points at the sweeping server
     * rather than the nodes; at most this share, a stretched ping timeout halves again.
     */
    static final double MASS_TIMEOUT_SHARE = 0.2;
    /** The most the ping timeout is stretched by, after sweeps in which many pings timed out at once. */
    static final int MAX_PATIENCE = 8;

    private static final Logger LOG = Logger.getLogger(HealthSweep.class.getName());

    private final NodeTransport transport;
    private final HealthSettings settings;
    private final Clock clock;
    private final Map<String, Tracked> nodes = new ConcurrentHashMap<>();
    private volatile Summary last;
    /** The ping timeout's multiplier: 1, or up to {@link #MAX_PATIENCE} after sweeps that timed out en masse. */
    private volatile int patience = 1;

    /**
     * The outcome of one sweep.
     *
     * @param startedAt  when it started
     * @param durationMs how long it took
     * @param pinged     how many nodes were pinged
     * @param up         nodes UP after it
     * @param suspect    nodes SUSPECT after it
     * @param down       nodes DOWN after it
     * @param timeoutMs  how long each ping could take in it: {@code grid.health.timeout}, stretched after sweeps in
     *                   which many pings timed out at once
     * @param overloaded whether so many pings timed out at once that their misses made nodes SUSPECT at most
     */
    public record Summary(Instant startedAt, long durationMs, int pinged, int up, int suspect, int down, long timeoutMs,
                          boolean overloaded) {
    }

    /**
     * @param transport the HTTP calls to nodes
     * @param settings  interval, timeout, thresholds and grace
     * @param clock     the clock of states and grace
     */
    public HealthSweep(NodeTransport transport, HealthSettings settings, Clock clock) {
        this.transport = transport;
        this.settings = settings;
        this.clock = clock;
    }

    /** @return the settings */
    public HealthSettings settings() {
        return settings;
    }

    /**
     * Pings every registered node once, in parallel, and waits for all the answers (or timeouts).
     * Nodes no longer registered are forgotten; newly registered ones start {@code UP}.
     *
     * @param registered the registry's nodes
     * @return the sweep's summary
     */
    public Summary sweep(List<NodeEntry> registered) {
        Instant started = clock.instant();
        long start = System.nanoTime();
        Set<String> ids = new HashSet<>();
        for (NodeEntry entry : registered) {
            ids.add(entry.nodeId());
            nodes.compute(entry.nodeId(), (id, known) -> known != null && known.address.equals(entry.nodeAddress())
                    ? known : new Tracked(entry.nodeId(), entry.nodeAddress(), entry.joinedAt(), entry.lastSeen()));
        }
        nodes.keySet().retainAll(ids);
        Duration timeout = settings.timeout().multipliedBy(patience);
        List<Tracked> pinged = new ArrayList<>(nodes.values());
        List<CompletableFuture<Outcome>> pings = new ArrayList<>(pinged.size());
        boolean[] wasDown = new boolean[pinged.size()];
        for (int i = 0; i < pinged.size(); i++) {
            wasDown[i] = pinged.get(i).state() == NodeState.DOWN;
            pings.add(ping(pinged.get(i), timeout));
        }
        CompletableFuture.allOf(pings.toArray(new CompletableFuture[0])).join();
        List<Outcome> outcomes = pings.stream().map(CompletableFuture::join).toList();
        // Nodes already DOWN are expected not to answer: only the others tell whether this sweep could hear them.
        int expected = 0;
        int timedOut = 0;
        for (int i = 0; i < pinged.size(); i++) {
            if (!wasDown[i]) {
                expected++;
                timedOut += outcomes.get(i).timedOut() ? 1 : 0;
            }
        }
        // Local health awareness (as in Lifeguard, HashiCorp's extension of SWIM): when many pings time out at once,
        // the likeliest cause is this server itself (a cold JIT, a GC pause, a CPU shared with others), not that many
        // nodes hung together. Their misses then make them SUSPECT at most, and the next sweep waits longer; a node
        // that refuses the connection or answers DOWN counts as ever. Once the patience is at its most, misses count
        // again, so a real partition still turns DOWN, a few sweeps later.
        boolean overloaded = expected >= MASS_MIN_NODES && timedOut > expected * MASS_TIMEOUT_SHARE && patience < MAX_PATIENCE;
        Instant now = clock.instant();
        for (int i = 0; i < pinged.size(); i++) {
            apply(pinged.get(i), outcomes.get(i), now, overloaded);
        }
        int before = patience;
        if (overloaded) {
            patience = Math.min(patience * 2, MAX_PATIENCE);
        } else if (timedOut <= expected * MASS_TIMEOUT_SHARE) {
            patience = Math.max(patience / 2, 1);
        }
        int late = timedOut;
        int asked = expected;
        if (patience != before) {
            LOG.log(overloaded ? Level.WARNING : Level.INFO, () -> overloaded
                    ? late + " of " + asked + " nodes did not answer within " + timeout.toMillis() + " ms at once: this"
                    + " server is probably too busy to hear them in time, so their misses make them SUSPECT at most and the next"
                    + " sweep waits " + settings.timeout().multipliedBy(patience).toMillis() + " ms"
                    : "Health pings are answered in time again; the next sweep waits "
                    + settings.timeout().multipliedBy(patience).toMillis() + " ms");
        }
        int up = 0;
        int suspect = 0;
        int down = 0;
        for (Tracked node : nodes.values()) {
            switch (node.state()) {
                case UP -> up++;
                case SUSPECT -> suspect++;
                case DOWN -> down++;
            }
        }
        Summary summary = new Summary(started, (System.nanoTime() - start) / 1_000_000, pinged.size(), up, suspect, down,
                timeout.toMillis(), overloaded);
        last = summary;
        return summary;
    }

    /**
     * What one ping found.
     *
     * @param at          when it ended
     * @param roundTripMs its round trip, for an answer
     * @param failure     why it failed, or {@code null} if the node answered UP
     * @param timedOut    whether it failed for want of an answer in time (not a refusal or a DOWN answer)
     * @param address     the node's address, or {@code null} if it is not a URL
     */
    private record Outcome(Instant at, long roundTripMs, String failure, boolean timedOut, NodeAddress address) {
    }

    private CompletableFuture<Outcome> ping(Tracked node, Duration timeout) {
        NodeAddress address;
        try {
            address = NodeAddress.parse(node.address, "node-address");
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(new Outcome(clock.instant(), 0, "its address is not a URL", false, null));
        }
        long start = System.nanoTime();
        return transport.get(address, "/health/live", timeout).thenApply(reply -> {
            long elapsed = System.nanoTime() - start;
            Instant now = clock.instant();
            if (reply.ok() && "UP".equals(status(reply.body()))) {
                return new Outcome(now, elapsed / 1_000_000, null, false, address);
            }
            String why = reply.error() != null ? reply.error()
                    : reply.ok() ? "its liveness check reports DOWN" : "answered HTTP " + reply.status();
            // No status and the whole timeout gone: the answer did not come in time (a refusal comes at once).
            boolean timedOut = reply.status() == 0 && elapsed >= timeout.toNanos() * 9 / 10;
            return new Outcome(now, 0, why, timedOut, address);
        });
    }

    private void apply(Tracked node, Outcome outcome, Instant now, boolean overloaded) {
        if (outcome.failure() == null) {
            node.answered(outcome.at(), outcome.roundTripMs());
            if (node.wantsCatalog(now, settings.catalogInterval())) {
                readCatalog(node, outcome.address());
            }
        } else {
            node.failed(outcome.at(), outcome.failure(), overloaded && outcome.timedOut());
        }
    }

    /** Reads the node's dataset list in the background (not waited for by the sweep). */
    private void readCatalog(Tracked node, NodeAddress address) {
        transport.get(address, "/datasets", settings.timeout().multipliedBy(4)).thenAccept(reply -> {
            if (reply.ok()) {
                node.catalog(clock.instant(), datasets(reply.body()));
            } else {
                node.catalogFailed();
            }
        });
    }

    /**
     * Marks a node UP because it joined (or re-joined): a node that joins is alive.
     *
     * @param entry the registry's entry after the join
     */
    public void joined(NodeEntry entry) {
        nodes.compute(entry.nodeId(), (id, known) -> {
            Tracked node = known != null && known.address.equals(entry.nodeAddress())
                    ? known : new Tracked(entry.nodeId(), entry.nodeAddress(), entry.joinedAt(), entry.lastSeen());
            node.rejoined(clock.instant());
            return node;
        });
    }

    /** @param nodeId a node that left or was removed */
    public void forget(String nodeId) {
        nodes.remove(nodeId);
    }

    /**
     * @param nodeId a node id
     * @return whether the node is known and DOWN
     */
    public boolean isDown(String nodeId) {
        Tracked node = nodes.get(nodeId);
        return node != null && node.state() == NodeState.DOWN;
    }

    /**
     * @param state a state
     * @return how many known nodes are in it now
     */
    public int count(NodeState state) {
        int count = 0;
        for (Tracked node : nodes.values()) {
            if (node.state() == state) {
                count++;
            }
        }
        return count;
    }

    /** @return the nodes DOWN for longer than the grace, without a re-join since: to be removed from the registry */
    public List<String> evictable() {
        Instant limit = clock.instant().minus(settings.grace());
        return nodes.values().stream().filter(n -> n.downLongerThan(limit)).map(n -> n.id).sorted().toList();
    }

    /** @return every known node's health, ordered by id */
    public List<NodeHealth> snapshot() {
        return nodes.values().stream().map(Tracked::snapshot).sorted(Comparator.comparing(NodeHealth::nodeId)).toList();
    }

    /** @return the last sweep's summary, or {@code null} before the first */
    public Summary last() {
        return last;
    }

    private static String status(String body) {
        if (body == null) {
            return null;
        }
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            JsonObject health = reader.readObject();
            return health.get("status") instanceof JsonString s ? s.getString() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** @return the briefs of a node's {@code GET /datasets} answer, or {@code null} if it is not a dataset list */
    private static List<NodeHealth.DatasetBrief> datasets(String body) {
        List<NodeHealth.DatasetBrief> briefs = new ArrayList<>();
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            JsonArray array = reader.readObject().getJsonArray("datasets");
            for (JsonValue value : array) {
                if (briefs.size() >= MAX_DATASETS || !(value instanceof JsonObject d)) {
                    break;
                }
                List<String> tags = new ArrayList<>();
                if (d.get("tags") instanceof JsonArray t) {
                    t.stream().filter(JsonString.class::isInstance).limit(64).forEach(v -> tags.add(((JsonString) v).getString()));
                }
                briefs.add(new NodeHealth.DatasetBrief(text(d, "id"), text(d, "name"), tags,
                        d.containsKey("rows") && d.get("rows").getValueType() == JsonValue.ValueType.NUMBER
                                ? d.getJsonNumber("rows").longValue() : 0, text(d, "task")));
            }
        } catch (RuntimeException e) {
            // Not a dataset list (an older or foreign node, such as PyGrid's): nothing is known of its datasets.
            return null;
        }
        return briefs;
    }

    private static String text(JsonObject object, String key) {
        String value = object.get(key) instanceof JsonString s ? s.getString() : null;
        return value == null ? null : value.length() <= 200 ? value : value.substring(0, 200);
    }

    /** One node's mutable state; every access holds its lock. */
    private final class Tracked {
        final String id;
        final String address;
        final Instant joinedAt;
        private NodeState state = NodeState.UP;
        private int missed;
        private Instant lastSeen;
        private Instant lastPing;
        private Long roundTrip;
        private Double smoothed;
        private final ArrayDeque<Long> recent = new ArrayDeque<>(HISTORY);
        private String reason;
        private Instant downSince;
        /** {@code null} until the node's catalog was first read. */
        private List<NodeHealth.DatasetBrief> datasets;
        private Instant catalogAt;
        private boolean catalogInFlight;

        Tracked(String id, String address, Instant joinedAt, Instant lastSeen) {
            this.id = id;
            this.address = address;
            this.joinedAt = joinedAt;
            this.lastSeen = lastSeen;
        }

        synchronized NodeState state() {
            return state;
        }

        synchronized void answered(Instant now, long roundTripMs) {
            state = NodeState.UP;
            missed = 0;
            reason = null;
            downSince = null;
            lastSeen = now;
            lastPing = now;
            roundTrip = roundTripMs;
            // TCP's smoothed round-trip time (RFC 6298): gain 1/8.
            smoothed = smoothed == null ? roundTripMs : smoothed + (roundTripMs - smoothed) / 8;
            if (recent.size() == HISTORY) {
                recent.removeFirst();
            }
            recent.addLast(roundTripMs);
        }

        /** @param suspectAtMost whether the miss may make the node SUSPECT but not DOWN (the sweeper was overloaded) */
        synchronized void failed(Instant now, String why, boolean suspectAtMost) {
            lastPing = now;
            missed++;
            reason = why;
            if (state == NodeState.DOWN) {
                return;
            }
            if (missed >= settings.downAfter() && !suspectAtMost) {
                downSince = now;
                state = NodeState.DOWN;
            } else if (missed >= settings.suspectAfter()) {
                state = NodeState.SUSPECT;
            }
        }

        synchronized void rejoined(Instant now) {
            state = NodeState.UP;
            missed = 0;
            reason = null;
            downSince = null;
            lastSeen = now;
            catalogAt = null;
        }

        synchronized boolean downLongerThan(Instant limit) {
            return state == NodeState.DOWN && downSince != null && !downSince.isAfter(limit);
        }

        synchronized boolean wantsCatalog(Instant now, Duration every) {
            if (catalogInFlight || catalogAt != null && catalogAt.plus(every).isAfter(now)) {
                return false;
            }
            catalogInFlight = true;
            return true;
        }

        synchronized void catalog(Instant now, List<NodeHealth.DatasetBrief> read) {
            datasets = read == null ? null : List.copyOf(read);
            catalogAt = now;
            catalogInFlight = false;
        }

        synchronized void catalogFailed() {
            catalogInFlight = false;
        }

        synchronized NodeHealth snapshot() {
            return new NodeHealth(id, address, state, missed, joinedAt, lastSeen, lastPing, roundTrip,
                    smoothed == null ? null : Math.round(smoothed), List.copyOf(recent), reason, datasets);
        }
    }
}
