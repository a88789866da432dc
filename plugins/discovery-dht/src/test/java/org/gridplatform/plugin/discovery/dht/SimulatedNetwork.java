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
import org.gridplatform.spi.discovery.NodeSigner;

/**
 * An in-memory network of {@link DhtNode}s in virtual time, for the tests and the simulator: a
 * discrete-event scheduler (one thread, no sleeping), and an {@link RpcTransport} that delivers each
 * message after a random latency, drops some, and lets calls to failed nodes time out. The nodes run
 * their real routing, lookup, storage and signing code; only the wire is simulated. The nodes share one
 * {@link Signatures}, so that each signature is verified once in the whole network rather than once per
 * node: verifying is a pure function, and the simulator measures routing, not CPU.
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
    private final Set<DhtNode> down = new HashSet<>();
    private final List<DhtNode> nodes = new ArrayList<>();
    private final Clock clock = new VirtualClock();
    private final Signatures signatures = new Signatures(1_000_000);
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
        return new DhtSettings(List.of(), k, alpha, wire.rpcTimeout(), recordTtl.dividedBy(3), recordTtl, minute, Map.of());
    }

    /** Adds a node (not joined yet) with a key of its own, at {@code http://<id>.sim:8181}. */
    DhtNode add(String nodeId, DhtSettings settings) {
        return add(nodeId, NodeAddress.parse("http://" + nodeId.toLowerCase() + ".sim:8181", "address"), settings,
                NodeSigner.generate());
    }

    /**
     * Adds a node (not joined yet) at an address with a key: a hostile node may use another's id, or
     * another's key. Its calls go out as from that id and address.
     */
    DhtNode add(String nodeId, NodeAddress address, DhtSettings settings, NodeSigner signer) {
        Contact self = Contact.of(nodeId, address);
        DhtNode node = new DhtNode(self, signer, settings, new Transport(self), clock, new Random(random.nextLong()),
                this::after, signatures);
        byAddress.put(address, node);
        byId.putIfAbsent(nodeId, node);
        nodes.add(node);
        return node;
    }

    /** @return an RPC transport that sends from a contact of the caller's choosing (for hostile peers) */
    RpcTransport transportFrom(Contact sender) {
        return new Transport(sender);
    }

    List<DhtNode> nodes() {
        return nodes;
    }

    DhtNode node(String nodeId) {
        return byId.get(nodeId);
    }

    /** Fails a node without warning: it stops answering, and keeps its state. */
    void fail(DhtNode node) {
        down.add(node);
    }

    boolean isUp(DhtNode node) {
        return !down.contains(node);
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
        public CompletableFuture<NodeRecord> ping(NodeAddress address) {
            return call(address, node -> {
                node.onPing(self);
                return CompletableFuture.completedFuture(null);
            }).thenApply(Answer::from);
        }

        @Override
        public CompletableFuture<Answer<Boolean>> store(Contact peer, ProviderRecord record) {
            return call(peer.address(), node -> node.onStore(self, record));
        }

        @Override
        public CompletableFuture<Answer<List<Contact>>> findNode(Contact peer, Key target) {
            return call(peer.address(), node -> CompletableFuture.completedFuture(node.onFindNode(self, target)));
        }

        @Override
        public CompletableFuture<Answer<ValueReply>> findValue(Contact peer, Key key) {
            return call(peer.address(), node -> CompletableFuture.completedFuture(node.onFindValue(self, key)));
        }

        /** Delivers a call after a latency, and its answer (with the callee's node record) after another. */
        private <T> CompletableFuture<Answer<T>> call(NodeAddress address, Function<DhtNode, CompletableFuture<T>> handler) {
            CompletableFuture<Answer<T>> answer = new CompletableFuture<>();
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
                long received = now;
                CompletableFuture<T> reply;
                try {
                    reply = handler.apply(target);
                } catch (RuntimeException e) {
                    reply = CompletableFuture.failedFuture(e);
                }
                reply.whenComplete((value, failure) -> {
                    long back = latency();
                    long spent = there + (now - received);
                    if (lost() || spent + back > timeout) {
                        schedule(Math.max(0, timeout - spent), () -> answer.completeExceptionally(TIMEOUT));
                    } else if (failure != null) {
                        // A refusal travels back as an answer does (an HTTP 4xx), and fails the call.
                        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                                ? failure.getCause() : failure;
                        schedule(back, () -> answer.completeExceptionally(new RpcFailure("refused: " + cause.getMessage())));
                    } else {
                        NodeRecord from = target.nodeRecord();
                        schedule(back, () -> answer.complete(new Answer<>(from, value)));
                    }
                });
            });
            return answer;
        }
    }
}
