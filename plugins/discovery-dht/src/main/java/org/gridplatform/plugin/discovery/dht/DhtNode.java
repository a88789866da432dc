package org.gridplatform.plugin.discovery.dht;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.gridplatform.api.NodeAddress;

/**
 * One Kademlia node: its routing table, the provider records it holds for others, the lookups, and
 * what it does with them (join, refresh, publish, search). It talks to peers only through an
 * {@link RpcTransport} and receives their calls as an {@link RpcReceiver}, so that the same code
 * runs over HTTP in a node WAR and over an in-memory network in the tests and the simulator.
 *
 * <p>Every operation is asynchronous and bounded: lookups by their query and hop limits and the
 * optional deadline, RPCs by the transport's timeout. Thread-safe.
 */
final class DhtNode implements RpcReceiver {

    /** Schedules an action after a delay; returns what cancels it. Real time in a node, virtual time in the simulator. */
    @FunctionalInterface
    interface Deadlines {
        Runnable after(Duration delay, Runnable action);
    }

    /** Contacts at a hop beyond this are not asked: a lookup takes a bounded number of rounds. */
    static final int MAX_HOPS = 16;
    /** Most providers one record holds, and one answer carries. */
    static final int MAX_PROVIDERS_PER_KEY = 100;
    /** Most provider records one node holds for others. */
    static final int MAX_STORED_PROVIDERS = 100_000;
    /** Pings of a bootstrap peer, and lookups of the local key, before a join gives up (a lost message must not leave a node alone). */
    static final int JOIN_ATTEMPTS = 3;
    /** Most lookups one publish, refresh or join runs at once. */
    static final int PARALLEL_LOOKUPS = 4;

    /** What a publish did. */
    record Published(int tags, int stored, int refused, boolean storedHere) {
    }

    /**
     * What a search found.
     *
     * @param providers  the nodes that provide every tag, by node id, with their youngest record
     * @param unanswered peers that were asked and did not answer, by node id
     * @param queries    requests sent, over all tags
     * @param hops       the most hops any tag's lookup took
     */
    record Found(Map<String, ProviderStore.Reported> providers, Map<String, Contact> unanswered, int queries, int hops) {
    }

    private final Contact self;
    private final DhtSettings settings;
    private final RpcTransport transport;
    private final Clock clock;
    private final RandomGenerator random;
    private final Deadlines deadlines;
    private final RoutingTable table;
    private final ProviderStore store = new ProviderStore(MAX_PROVIDERS_PER_KEY, MAX_STORED_PROVIDERS);

    /**
     * @param deadlines where searches' lookups get their deadline ({@link DhtSettings#lookupDeadline()}),
     *                  or {@code null} for none
     */
    DhtNode(Contact self, DhtSettings settings, RpcTransport transport, Clock clock, RandomGenerator random,
            Deadlines deadlines) {
        this.self = self;
        this.settings = settings;
        this.transport = transport;
        this.clock = clock;
        this.random = random;
        this.deadlines = deadlines;
        this.table = new RoutingTable(self, settings.k(), clock::millis, this::ping);
    }

    Contact self() {
        return self;
    }

    RoutingTable table() {
        return table;
    }

    ProviderStore store() {
        return store;
    }

    DhtSettings settings() {
        return settings;
    }

    // ---- Receiving: every message makes its sender seen, as in Kademlia.

    @Override
    public Contact onPing(Contact sender) {
        table.seen(sender);
        return self;
    }

    @Override
    public boolean onStore(Contact sender, Key key, Duration ttl) {
        table.seen(sender);
        long millis = Math.min(ttl.toMillis(), DhtSettings.MAX_TTL.toMillis());
        return store.put(key, sender, clock.millis(), millis);
    }

    @Override
    public List<Contact> onFindNode(Contact sender, Key target) {
        table.seen(sender);
        return table.closest(target, settings.k(), sender.nodeId());
    }

    @Override
    public RpcTransport.ValueReply onFindValue(Contact sender, Key key) {
        table.seen(sender);
        List<ProviderStore.Reported> providers = store.get(key, clock.millis());
        if (!providers.isEmpty()) {
            return new RpcTransport.ValueReply(providers, List.of());
        }
        return RpcTransport.ValueReply.ofContacts(table.closest(key, settings.k(), sender.nodeId()));
    }

    // ---- Sending: every answer makes the peer seen, every failure makes it stale.

    /** Pings a known contact; fails if it does not answer, or answers as another node. */
    CompletableFuture<Contact> ping(Contact peer) {
        return transport.ping(peer.address()).thenApply(answer -> {
            if (!answer.nodeId().equals(peer.nodeId())) {
                throw new RpcFailure("the node at " + peer.address() + " answered as '" + answer.nodeId()
                        + "', not '" + peer.nodeId() + "'");
            }
            return answer;
        }).whenComplete((answer, failure) -> {
            if (failure == null) {
                table.seen(peer);
            } else {
                table.failed(peer);
            }
        });
    }

    /** Pings an address whose node is not known yet (a bootstrap peer, a joining node). */
    CompletableFuture<Contact> ping(NodeAddress address) {
        return transport.ping(address).whenComplete((answer, failure) -> {
            if (failure == null) {
                table.seen(answer);
            }
        });
    }

    private CompletableFuture<RpcTransport.ValueReply> ask(Contact peer, Key target, Lookup.Kind kind) {
        CompletableFuture<RpcTransport.ValueReply> call = kind == Lookup.Kind.NODE
                ? transport.findNode(peer, target).thenApply(RpcTransport.ValueReply::ofContacts)
                : transport.findValue(peer, target);
        return track(peer, call);
    }

    private <T> CompletableFuture<T> track(Contact peer, CompletableFuture<T> call) {
        return call.whenComplete((answer, failure) -> {
            if (failure == null) {
                table.seen(peer);
            } else {
                table.failed(peer);
            }
        });
    }

    // ---- Operations.

    /**
     * Runs a lookup from the routing table's closest contacts to {@code target}, without a deadline
     * (for background work; it is still bounded by its query limit and the RPC timeout).
     * Never completes exceptionally.
     */
    CompletableFuture<Lookup.Result> lookup(Key target, Lookup.Kind kind) {
        return lookup(target, kind, false);
    }

    /**
     * @param withDeadline whether the lookup ends after {@link DhtSettings#lookupDeadline()} with what
     *                     it found by then: for searches, which someone waits for
     */
    CompletableFuture<Lookup.Result> lookup(Key target, Lookup.Kind kind, boolean withDeadline) {
        table.lookedUp(target);
        Lookup lookup = new Lookup(target, kind, settings.k(), settings.alpha(), settings.maxQueries(), MAX_HOPS,
                self.nodeId(), this::ask);
        // Twice k from our own table: when the closest ones turn out to have failed, the next ones are
        // at hand; peers would otherwise keep naming the failed nodes they have not noticed yet.
        CompletableFuture<Lookup.Result> result = lookup.start(table.closest(target, 2 * settings.k()));
        if (withDeadline && deadlines != null && !result.isDone()) {
            Runnable cancel = deadlines.after(settings.lookupDeadline(), lookup::expire);
            result.whenComplete((done, failure) -> cancel.run());
        }
        return result;
    }

    /**
     * Joins the DHT: pings the bootstrap peers, looks up the local key (which fills the closest
     * buckets and tells the nodes near us about us), then refreshes every bucket farther than the
     * closest neighbour, as the Kademlia paper does.
     *
     * @return the bootstrap peers that answered; never completes exceptionally
     */
    CompletableFuture<List<Contact>> join(List<NodeAddress> peers) {
        List<CompletableFuture<Contact>> pings = new ArrayList<>();
        for (NodeAddress peer : peers) {
            if (!peer.equals(self.address())) {
                pings.add(pingWithRetries(peer, JOIN_ATTEMPTS));
            }
        }
        return CompletableFuture.allOf(pings.toArray(CompletableFuture[]::new)).thenCompose(unused -> {
            List<Contact> answered = pings.stream().map(CompletableFuture::join)
                    .filter(contact -> contact != null && !contact.nodeId().equals(self.nodeId())).toList();
            if (table.size() == 0) {
                return CompletableFuture.completedFuture(answered);
            }
            return lookupSelf(JOIN_ATTEMPTS)
                    .thenCompose(found -> refreshBuckets(table.closestBucket() + 1))
                    .thenApply(refreshed -> answered);
        });
    }

    /** Looks up the local key, again if nobody answered (a lost message must not leave a node knowing only its bootstrap peer). */
    private CompletableFuture<Lookup.Result> lookupSelf(int attempts) {
        return lookup(self.key(), Lookup.Kind.NODE).thenCompose(found ->
                !found.closest().isEmpty() || attempts <= 1 ? CompletableFuture.completedFuture(found) : lookupSelf(attempts - 1));
    }

    /** @return the peer's contact, or null if it did not answer any of the attempts */
    private CompletableFuture<Contact> pingWithRetries(NodeAddress peer, int attempts) {
        return ping(peer).handle((answer, failure) -> answer).thenCompose(answer ->
                answer != null || attempts <= 1 ? CompletableFuture.completedFuture(answer) : pingWithRetries(peer, attempts - 1));
    }

    /** Refreshes the buckets that saw no lookup for a refresh interval. @return how many */
    CompletableFuture<Integer> refresh() {
        long before = clock.millis() - settings.refreshInterval().toMillis();
        return refreshAll(table.bucketsToRefresh(before));
    }

    private CompletableFuture<Integer> refreshBuckets(int from) {
        List<Integer> buckets = new ArrayList<>();
        for (int i = Math.max(0, from); i < Key.BITS; i++) {
            buckets.add(i);
        }
        return refreshAll(buckets);
    }

    private CompletableFuture<Integer> refreshAll(List<Integer> buckets) {
        List<Supplier<CompletableFuture<Lookup.Result>>> lookups = new ArrayList<>();
        for (int bucket : buckets) {
            lookups.add(() -> lookup(self.key().randomInBucket(bucket, random), Lookup.Kind.NODE));
        }
        return atMost(PARALLEL_LOOKUPS, lookups).thenApply(List::size);
    }

    /**
     * Stores the local node's provider record for each tag on the k closest nodes to the tag's key,
     * and here too when this node is one of them.
     *
     * @param tags tags in normal form
     * @return what was stored; never completes exceptionally
     */
    CompletableFuture<Published> publish(Collection<String> tags) {
        List<Supplier<CompletableFuture<Published>>> publishes = new ArrayList<>();
        for (String tag : new LinkedHashSet<>(tags)) {
            publishes.add(() -> publishOne(Key.sha256(tag)));
        }
        return atMost(PARALLEL_LOOKUPS, publishes).thenApply(all -> {
            int stored = 0;
            int refused = 0;
            boolean here = false;
            for (Published one : all) {
                if (one == null) {
                    continue;
                }
                stored += one.stored();
                refused += one.refused();
                here |= one.storedHere();
            }
            return new Published(all.size(), stored, refused, here);
        });
    }

    private CompletableFuture<Published> publishOne(Key key) {
        Duration ttl = settings.recordTtl();
        return lookup(key, Lookup.Kind.NODE).thenCompose(found -> {
            List<Contact> closest = found.closest();
            boolean here = closest.size() < settings.k()
                    || key.compareDistance(self.key(), closest.get(closest.size() - 1).key()) < 0;
            if (here) {
                store.put(key, self, clock.millis(), ttl.toMillis());
            }
            List<CompletableFuture<Boolean>> stores = new ArrayList<>();
            for (Contact peer : closest) {
                stores.add(track(peer, transport.store(peer, key, ttl)).exceptionally(failure -> false));
            }
            return CompletableFuture.allOf(stores.toArray(CompletableFuture[]::new)).thenApply(unused -> {
                int stored = (int) stores.stream().filter(CompletableFuture::join).count();
                return new Published(1, stored, stores.size() - stored, here);
            });
        });
    }

    /**
     * Finds the nodes that provide every one of the tags: a value lookup per tag, in parallel, merged
     * with the records held here, then intersected by node id.
     *
     * @param tags one or more tags in normal form
     * @return what was found; never completes exceptionally
     */
    CompletableFuture<Found> search(Set<String> tags) {
        List<CompletableFuture<Lookup.Result>> lookups = new ArrayList<>();
        List<Key> keys = new ArrayList<>();
        for (String tag : tags) {
            Key key = Key.sha256(tag);
            keys.add(key);
            lookups.add(lookup(key, Lookup.Kind.VALUE, true));
        }
        return CompletableFuture.allOf(lookups.toArray(CompletableFuture[]::new)).thenApply(unused -> {
            long now = clock.millis();
            Map<String, ProviderStore.Reported> common = null;
            Map<String, Contact> unanswered = new TreeMap<>();
            int queries = 0;
            int hops = 0;
            for (int i = 0; i < keys.size(); i++) {
                Lookup.Result result = lookups.get(i).join();
                queries += result.queries();
                hops = Math.max(hops, result.hops());
                result.unanswered().forEach(contact -> unanswered.put(contact.nodeId(), contact));
                Map<String, ProviderStore.Reported> these = new HashMap<>();
                for (ProviderStore.Reported provider : result.providers()) {
                    these.merge(provider.contact().nodeId(), provider, DhtNode::younger);
                }
                for (ProviderStore.Reported provider : store.get(keys.get(i), now)) {
                    these.merge(provider.contact().nodeId(), provider, DhtNode::younger);
                }
                if (common == null) {
                    common = new TreeMap<>(these);
                } else {
                    common.keySet().retainAll(these.keySet());
                    common.replaceAll((id, provider) -> younger(provider, these.get(id)));
                }
            }
            return new Found(common == null ? Map.of() : common, unanswered, queries, hops);
        });
    }

    private static ProviderStore.Reported younger(ProviderStore.Reported a, ProviderStore.Reported b) {
        return b.age() < a.age() ? b : a;
    }

    /** Drops expired provider records. */
    void expireRecords() {
        store.removeExpired(clock.millis());
    }

    /** Runs tasks with at most {@code parallel} of them at once; the results keep the tasks' order (null for a failure). */
    private static <T> CompletableFuture<List<T>> atMost(int parallel, List<Supplier<CompletableFuture<T>>> tasks) {
        if (tasks.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        AtomicReferenceArray<T> results = new AtomicReferenceArray<>(tasks.size());
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        CompletableFuture<List<T>> all = new CompletableFuture<>();
        Runnable worker = new Runnable() {
            @Override
            public void run() {
                int i = next.getAndIncrement();
                if (i >= tasks.size()) {
                    return;
                }
                CompletableFuture<T> task;
                try {
                    task = tasks.get(i).get();
                } catch (RuntimeException e) {
                    task = CompletableFuture.failedFuture(e);
                }
                task.whenComplete((value, failure) -> {
                    results.set(i, value);
                    if (done.incrementAndGet() == tasks.size()) {
                        List<T> list = new ArrayList<>(tasks.size());
                        for (int j = 0; j < tasks.size(); j++) {
                            list.add(results.get(j));
                        }
                        all.complete(list);
                    } else {
                        run();
                    }
                });
            }
        };
        for (int w = 0; w < Math.min(parallel, tasks.size()); w++) {
            worker.run();
        }
        return all;
    }
}
