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

    private final NodeTransport transport;
    private final HealthSettings settings;
    private final Clock clock;
    private final Map<String, Tracked> nodes = new ConcurrentHashMap<>();
    private volatile Summary last;

    /**
     * The outcome of one sweep.
     *
     * @param startedAt  when it started
     * @param durationMs how long it took
     * @param pinged     how many nodes were pinged
     * @param up         nodes UP after it
     * @param suspect    nodes SUSPECT after it
     * @param down       nodes DOWN after it
     */
    public record Summary(Instant startedAt, long durationMs, int pinged, int up, int suspect, int down) {
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
        List<CompletableFuture<Void>> pings = new ArrayList<>(nodes.size());
        for (Tracked node : nodes.values()) {
            pings.add(ping(node));
        }
        CompletableFuture.allOf(pings.toArray(new CompletableFuture[0])).join();
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
        Summary summary = new Summary(started, (System.nanoTime() - start) / 1_000_000, pings.size(), up, suspect, down);
        last = summary;
        return summary;
    }

    private CompletableFuture<Void> ping(Tracked node) {
        NodeAddress address;
        try {
            address = NodeAddress.parse(node.address, "node-address");
        } catch (RuntimeException e) {
            node.failed(clock.instant(), "its address is not a URL");
            return CompletableFuture.completedFuture(null);
        }
        long start = System.nanoTime();
        return transport.get(address, "/health/live", settings.timeout()).thenAccept(reply -> {
            long roundTrip = (System.nanoTime() - start) / 1_000_000;
            Instant now = clock.instant();
            if (reply.ok() && "UP".equals(status(reply.body()))) {
                node.answered(now, roundTrip);
                if (node.wantsCatalog(now, settings.catalogInterval())) {
                    readCatalog(node, address);
                }
            } else {
                node.failed(now, reply.error() != null ? reply.error()
                        : reply.ok() ? "its liveness check reports DOWN" : "answered HTTP " + reply.status());
            }
        });
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

        synchronized void failed(Instant now, String why) {
            lastPing = now;
            missed++;
            reason = why;
            if (missed >= settings.downAfter()) {
                if (state != NodeState.DOWN) {
                    downSince = now;
                }
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
