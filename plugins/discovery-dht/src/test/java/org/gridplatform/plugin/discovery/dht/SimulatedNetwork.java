package org.gridplatform.plugin.discovery.dht;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.gridplatform.api.NodeAddress;

/**
 * An in-memory network of {@link DhtNode}s in virtual time, for the tests and the simulator: a
 * discrete-event scheduler (one thread, no sleeping), and an {@link RpcTransport} that delivers each
 * message after a random latency, drops some, and lets calls to failed nodes time out. The nodes run
 * their real routing, lookup and storage code; only the wire is simulated.
 *
 * <p>Not thread-safe: everything runs on the thread that calls {@link #run}. Deterministic for a seed.
 */
final class SimulatedNetwork {

    /** The parameters of the simulated wire. */
    record Wire(long minLatencyMillis, long maxLatencyMillis, double loss, Duration rpcTimeout) {
        static Wire fast() {
            return new Wire(1, 5, 0.0, Duration.ofSeconds(1));
        }
    }

    private record Event(long time, long order, Runnable action) {
    }

    private static final RpcFailure TIMEOUT = new RpcFailure("no answer in time");

    private final Wire wire;
    private final Random random;
    private final PriorityQueue<Event> events = new PriorityQueue<>((a, b) ->
            a.time != b.time ? Long.compare(a.time, b.time) : Long.compare(a.order, b.order));
    private final Map<NodeAddress, DhtNode> byAddress = new HashMap<>();
    private final Map<String, DhtNode> byId = new HashMap<>();
    private final Set<String> down = new HashSet<>();
    private final List<DhtNode> nodes = new ArrayList<>();
    private final Clock clock = new VirtualClock();
    private long now;
    private long order;

    SimulatedNetwork(Wire wire, long seed) {
        this.wire = wire;
        this.random = new Random(seed);
    }

    /** The virtual clock of the network, in milliseconds since the epoch. */
    private final class VirtualClock extends Clock {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now);
        }

        @Override
        public long millis() {
            return now;
        }
    }

    Clock clock() {
        return clock;
    }

    Random random() {
        return random;
    }

    /** @return the settings the simulated nodes use: the defaults, with this wire's RPC timeout */
    DhtSettings settings(int k, int alpha) {
        return settings(k, alpha, Duration.ofMinutes(3));
    }

    /** @return the settings the simulated nodes use, with this wire's RPC timeout and this record lifetime */
    DhtSettings settings(int k, int alpha, Duration recordTtl) {
        Duration minute = Duration.ofMinutes(1);
        return new DhtSettings(List.of(), k, alpha, wire.rpcTimeout(), recordTtl.dividedBy(3), recordTtl, minute);
    }

    /** Adds a node (not joined yet). */
    DhtNode add(String nodeId, DhtSettings settings) {
        NodeAddress address = NodeAddress.parse("http://" + nodeId.toLowerCase() + ".sim:8181", "address");
        Contact self = Contact.of(nodeId, address);
        DhtNode node = new DhtNode(self, settings, new Transport(self), clock, new Random(random.nextLong()),
                this::after);
        byAddress.put(address, node);
        byId.put(nodeId, node);
        nodes.add(node);
        return node;
    }

    List<DhtNode> nodes() {
        return nodes;
    }

    DhtNode node(String nodeId) {
        return byId.get(nodeId);
    }

    /** Fails a node without warning: it stops answering, and keeps its state. */
    void fail(DhtNode node) {
        down.add(node.self().nodeId());
    }

    boolean isUp(DhtNode node) {
        return !down.contains(node.self().nodeId());
    }

    long now() {
        return now;
    }

    /** Runs events until none is left. */
    void run() {
        Event event;
        while ((event = events.poll()) != null) {
            now = event.time;
            event.action.run();
        }
    }

    /** Runs events until {@code future} is done (or none is left); @return its value */
    <T> T run(CompletableFuture<T> future) {
        Event event;
        while (!future.isDone() && (event = events.poll()) != null) {
            now = event.time;
            event.action.run();
        }
        return future.join();
    }

    /** Moves the clock forward, running what falls due. */
    void advance(Duration duration) {
        long until = now + duration.toMillis();
        Event event;
        while ((event = events.peek()) != null && event.time <= until) {
            events.poll();
            now = event.time;
            event.action.run();
        }
        now = until;
    }

    void schedule(long delayMillis, Runnable action) {
        events.add(new Event(now + delayMillis, order++, action));
    }

    private Runnable after(Duration delay, Runnable action) {
        boolean[] cancelled = {false};
        schedule(delay.toMillis(), () -> {
            if (!cancelled[0]) {
                action.run();
            }
        });
        return () -> cancelled[0] = true;
    }

    private long latency() {
        return wire.minLatencyMillis() + (long) (random.nextDouble() * (wire.maxLatencyMillis() - wire.minLatencyMillis()));
    }

    private boolean lost() {
        return wire.loss() > 0 && random.nextDouble() < wire.loss();
    }

    /** Delivers calls from one node. */
    private final class Transport implements RpcTransport {
        private final Contact self;

        Transport(Contact self) {
            this.self = self;
        }

        @Override
        public CompletableFuture<Contact> ping(NodeAddress address) {
            return call(address, node -> node.onPing(self));
        }

        @Override
        public CompletableFuture<Boolean> store(Contact peer, Key key, Duration ttl) {
            return call(peer.address(), node -> node.onStore(self, key, ttl));
        }

        @Override
        public CompletableFuture<List<Contact>> findNode(Contact peer, Key target) {
            return call(peer.address(), node -> node.onFindNode(self, target));
        }

        @Override
        public CompletableFuture<ValueReply> findValue(Contact peer, Key key) {
            return call(peer.address(), node -> node.onFindValue(self, key));
        }

        private <T> CompletableFuture<T> call(NodeAddress address, Function<DhtNode, T> handler) {
            CompletableFuture<T> answer = new CompletableFuture<>();
            long timeout = wire.rpcTimeout().toMillis();
            DhtNode target = byAddress.get(address);
            if (target == null || !isUp(target) || lost()) {
                schedule(timeout, () -> answer.completeExceptionally(TIMEOUT));
                return answer;
            }
            long there = latency();
            schedule(there, () -> {
                if (!isUp(target)) {
                    schedule(timeout - there, () -> answer.completeExceptionally(TIMEOUT));
                    return;
                }
                T reply = handler.apply(target);
                long back = latency();
                if (lost() || there + back > timeout) {
                    schedule(timeout - there, () -> answer.completeExceptionally(TIMEOUT));
                } else {
                    schedule(back, () -> answer.complete(reply));
                }
            });
            return answer;
        }
    }
}
