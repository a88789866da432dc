package org.gridplatform.plugin.discovery.dht;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.gridplatform.api.GridException;
import org.gridplatform.api.InvalidRequestException;
import org.gridplatform.api.NodeAddress;
import org.gridplatform.api.ProblemType;
import org.gridplatform.spi.discovery.NodeSigner;

/**
 * One Kademlia node: its routing table, the provider records it holds for others, the lookups, and
 * what it does with them (join, refresh, publish, search). It talks to peers only through an
 * {@link RpcTransport} and receives their calls as an {@link RpcReceiver}, so that the same code
 * runs over HTTP in a node WAR and over an in-memory network in the tests and the simulator.
 *
 * <p><b>Identity.</b> The node signs what it says in its own name with its {@link NodeSigner}: its
 * {@link NodeRecord} (id, address, public key), which comes with every answer it gives, and the
 * {@link ProviderRecord}s it publishes. It believes a peer's id only from a node record that the peer
 * sent from the address it was called at, and binds that id to the record's key ({@link KeyBindings}:
 * trust on first use). So a contact enters the routing table only after its address answered as that
 * id with that key (a peer that merely sends a message is pinged back first); a provider record is
 * stored, or found, only if its signature holds, it has not expired, and its id is bound to its key, or
 * the address it names confirms the key when the id was not bound yet. See docs/security.md.
 *
 * <p>Every operation is asynchronous and bounded: lookups by their query and hop limits and the
 * optional deadline, RPCs by the transport's timeout. Thread-safe.
 */
final class DhtNode implements RpcReceiver {

    private static final System.Logger LOG = System.getLogger(DhtNode.class.getName());

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
    /** Most pings in flight that check a peer's claim to an id (a sender not in the table, a record's address). */
    static final int MAX_CONFIRMATIONS = 256;
    /** Pings that check a claim before it is refused: one lost message must not cost a record. */
    static final int CONFIRM_ATTEMPTS = 2;
    /** Contacts remembered as confirmed, so that a peer kept out of a full bucket is not pinged back at every message. */
    static final int CONFIRMED_REMEMBERED = 4096;

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
    private final NodeSigner signer;
    private final NodeKey publicKey;
    private final DhtSettings settings;
    private final RpcTransport transport;
    private final Clock clock;
    private final RandomGenerator random;
    private final Deadlines deadlines;
    private final Signatures signatures;
    private final KeyBindings bindings;
    private final RoutingTable table;
    private final ProviderStore store = new ProviderStore(MAX_PROVIDERS_PER_KEY, MAX_STORED_PROVIDERS);
    private final Map<Contact, CompletableFuture<Contact>> confirming = new ConcurrentHashMap<>();
    /** Contacts whose address answered as their id with their bound key, and until when that is believed. */
    private final Map<Contact, Long> confirmed = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Contact, Long> eldest) {
            return size() > CONFIRMED_REMEMBERED;
        }
    };

    // Guarded by this.
    private NodeRecord nodeRecord;

    /**
     * @param signer     the local node's key, which signs its node record and provider records
     * @param deadlines  where searches' lookups get their deadline ({@link DhtSettings#lookupDeadline()}),
     *                   or {@code null} for none
     * @param signatures where signatures are checked (the simulator shares one among its nodes)
     * @throws IllegalArgumentException if the settings pin the local node's id to another key than its own
     */
    DhtNode(Contact self, NodeSigner signer, DhtSettings settings, RpcTransport transport, Clock clock,
            RandomGenerator random, Deadlines deadlines, Signatures signatures) {
        this.self = self;
        this.signer = signer;
        this.publicKey = NodeKey.of(signer.publicKey());
        this.settings = settings;
        this.transport = transport;
        this.clock = clock;
        this.random = random;
        this.deadlines = deadlines;
        this.signatures = signatures;
        NodeKey pinnedSelf = settings.pinnedKeys().get(self.nodeId());
        if (pinnedSelf != null && !pinnedSelf.equals(publicKey)) {
            throw new IllegalArgumentException("grid.discovery.dht.pinned-keys pins this node's own id "
                    + WireFormat.quote(self.nodeId()) + " to " + pinnedSelf + ", but its key is " + publicKey
                    + "; pin its own key, or restore the key file that belongs to the pin");
        }
        Map<String, NodeKey> pinned = new HashMap<>(settings.pinnedKeys());
        pinned.put(self.nodeId(), publicKey); // nobody else speaks for this node's id here
        this.bindings = new KeyBindings(pinned, KeyBindings.MAX_BINDINGS);
        this.table = new RoutingTable(self, settings.k(), clock::millis, this::ping);
    }

    Contact self() {
        return self;
    }

    NodeKey publicKey() {
        return publicKey;
    }

    RoutingTable table() {
        return table;
    }

    ProviderStore store() {
        return store;
    }

    KeyBindings bindings() {
        return bindings;
    }

    DhtSettings settings() {
        return settings;
    }

    /**
     * The local node's record, signed again when a third of its life (the record lifetime) has passed,
     * so that peers always hold one that lives for a while yet.
     */
    @Override
    public synchronized NodeRecord nodeRecord() {
        long now = clock.millis();
        long life = settings.recordTtl().toMillis();
        if (nodeRecord == null || now >= nodeRecord.issuedAt() + life / 3 || now < nodeRecord.issuedAt()) {
            nodeRecord = NodeRecord.sign(self, signer, publicKey, now, now + life);
        }
        return nodeRecord;
    }

    // ---- Receiving: every message makes its sender seen, as in Kademlia, once its address confirmed it.

    @Override
    public void onPing(Contact sender) {
        noticed(sender);
    }

    /**
     * Stores a peer's provider record: only its own (the sender's), with a signature that holds, not
     * expired, and signed by the key bound to its id; when the id is not bound yet, once the address the
     * record names answered as that id with that key.
     */
    @Override
    public CompletableFuture<Boolean> onStore(Contact sender, ProviderRecord record) {
        CompletableFuture<Boolean> stored = store(sender, record);
        // After the checks, so that what they find does not depend on how fast the sender answers a ping back.
        stored.whenComplete((done, failure) -> noticed(sender));
        return stored;
    }

    private CompletableFuture<Boolean> store(Contact sender, ProviderRecord record) {
        Contact provider = record.provider();
        if (!provider.equals(sender)) {
            return CompletableFuture.failedFuture(new GridException(ProblemType.FORBIDDEN, "The provider record is for "
                    + provider + ", but the store comes from " + sender + ": a node stores only its own provider records,"
                    + " signed with its own key"));
        }
        long now = clock.millis();
        Optional<String> problem = record.problem(signatures, now);
        if (problem.isPresent()) {
            return CompletableFuture.failedFuture(new InvalidRequestException("The provider record of "
                    + WireFormat.quote(provider.nodeId()) + " is refused: " + problem.get()));
        }
        Optional<NodeKey> bound = bindings.keyOf(provider.nodeId(), now);
        if (bound.isPresent()) {
            if (!bound.get().equals(record.publicKey())) {
                return CompletableFuture.failedFuture(boundToAnotherKey(provider.nodeId()));
            }
            return CompletableFuture.completedFuture(keep(record));
        }
        // First sight of this id: ask the address the record names whether it is that node, with that key.
        return confirm(provider).handle((confirmed, failure) -> {
            if (failure != null) {
                throw new GridException(ProblemType.FORBIDDEN, "The provider record of " + WireFormat.quote(provider.nodeId())
                        + " is refused: the node at " + provider.address() + " did not confirm that it is "
                        + WireFormat.quote(provider.nodeId()) + " (" + reason(failure) + "); a node stores a record of an id"
                        + " it does not know yet only when the address in the record answers as that id");
            }
            if (!bindings.keyOf(provider.nodeId(), clock.millis()).map(record.publicKey()::equals).orElse(false)) {
                throw new GridException(ProblemType.FORBIDDEN, "The provider record of " + WireFormat.quote(provider.nodeId())
                        + " is refused: the node at " + provider.address() + " answered as " + WireFormat.quote(provider.nodeId())
                        + " with another public key than the one that signed the record");
            }
            return keep(record);
        });
    }

    private static GridException boundToAnotherKey(String nodeId) {
        return new GridException(ProblemType.CONFLICT, "The provider record of " + WireFormat.quote(nodeId) + " is refused: "
                + "this node knows " + WireFormat.quote(nodeId) + " by another public key, which signed its records"
                + " first; records signed by other keys are refused until those expire");
    }

    private boolean keep(ProviderRecord record) {
        long now = clock.millis();
        // The binding lives as long as the node's records do.
        bindings.bind(record.provider().nodeId(), record.publicKey(), record.expiresAt(), now);
        return store.put(record, now);
    }

    @Override
    public List<Contact> onFindNode(Contact sender, Key target) {
        noticed(sender);
        return table.closest(target, settings.k(), sender.nodeId());
    }

    @Override
    public RpcTransport.ValueReply onFindValue(Contact sender, Key key) {
        noticed(sender);
        List<ProviderStore.Reported> providers = store.get(key, clock.millis());
        if (!providers.isEmpty()) {
            return new RpcTransport.ValueReply(providers, List.of());
        }
        return RpcTransport.ValueReply.ofContacts(table.closest(key, settings.k(), sender.nodeId()));
    }

    /**
     * A peer sent a message. Its contact is only what it claims, so a peer not in the table at that
     * address is pinged back first: it enters the table once its address answered as that id, with the
     * key bound to that id. A known contact at its known address is seen at once.
     */
    private void noticed(Contact sender) {
        Optional<RoutingTable.Snapshot> known = table.find(sender.nodeId());
        if (known.isPresent() && known.get().contact().address().equals(sender.address()) || wasConfirmed(sender)) {
            table.seen(sender);
        } else {
            confirm(sender);
        }
    }

    private boolean wasConfirmed(Contact contact) {
        synchronized (confirmed) {
            Long until = confirmed.get(contact);
            return until != null && until > clock.millis();
        }
    }

    /**
     * Pings a contact to confirm that its address answers as its id, with the key bound to that id (or
     * binds the id to the key it answers with, if none is bound); one ping per contact at a time.
     *
     * @return the contact, once confirmed (and seen by the table); fails otherwise
     */
    private CompletableFuture<Contact> confirm(Contact claimed) {
        CompletableFuture<Contact> running = confirming.get(claimed);
        if (running != null) {
            return running;
        }
        if (confirming.size() >= MAX_CONFIRMATIONS) {
            return CompletableFuture.failedFuture(new RpcFailure("too many pings to confirm peers in flight; try again"));
        }
        CompletableFuture<Contact> started = new CompletableFuture<>();
        running = confirming.putIfAbsent(claimed, started);
        if (running != null) {
            return running;
        }
        pingWithRetries(claimed, CONFIRM_ATTEMPTS).whenComplete((contact, failure) -> {
            confirming.remove(claimed, started);
            if (failure == null) {
                started.complete(contact);
            } else {
                started.completeExceptionally(failure);
            }
        });
        return started;
    }

    private CompletableFuture<Contact> pingWithRetries(Contact peer, int attempts) {
        return ping(peer).handle((contact, failure) -> failure == null ? CompletableFuture.completedFuture(contact)
                : attempts > 1 ? pingWithRetries(peer, attempts - 1) : CompletableFuture.<Contact>failedFuture(failure))
                .thenCompose(next -> next);
    }

    // ---- Sending: every answer makes the peer seen once its node record holds, every failure makes it stale.

    /** Pings a known contact; fails if it does not answer, or answers as another node or with another key. */
    CompletableFuture<Contact> ping(Contact peer) {
        return transport.ping(peer.address())
                .thenApply(answer -> believe(peer.address(), peer.nodeId(), answer))
                .whenComplete((answer, failure) -> {
                    if (failure == null) {
                        table.seen(peer);
                    } else {
                        table.failed(peer);
                    }
                });
    }

    /**
     * Pings the local node's own address: whether its listener serves DHT messages yet (peers ping a node
     * back before they add it, so joining before it serves is in vain).
     *
     * @return completes when the local node answered; fails if nothing answered, or another node did
     */
    CompletableFuture<Void> pingSelf() {
        return transport.ping(self.address()).thenAccept(answer -> {
            if (!answer.contact().equals(self) || !answer.publicKey().equals(publicKey)) {
                throw new RpcFailure("another node answers at this node's address " + self.address() + ": "
                        + answer.contact() + " with the key " + answer.publicKey());
            }
        });
    }

    /**
     * Pings an address whose node is not known yet (a bootstrap peer, a joining node). A node record for
     * another address (a peer may pass on another's) is confirmed at its own address before it is believed.
     */
    CompletableFuture<Contact> ping(NodeAddress address) {
        return transport.ping(address).thenCompose(answer -> {
            if (!answer.contact().address().equals(address)) {
                return confirm(answer.contact());
            }
            Contact contact = believe(address, null, answer);
            table.seen(contact);
            return CompletableFuture.completedFuture(contact);
        });
    }

    /**
     * Checks the node record a peer answered with, when called at {@code address}: a valid signature, not
     * expired, the id called, the address called, and the key bound to that id here (binding it if no key
     * was). Only then is the peer's contact believed.
     *
     * @param expectedId the id called, or null when only the address was known
     * @return the peer's contact
     * @throws RpcFailure saying why the answer is not believed
     */
    private Contact believe(NodeAddress address, String expectedId, NodeRecord answer) {
        long now = clock.millis();
        Contact contact = answer.contact();
        if (expectedId != null && !contact.nodeId().equals(expectedId)) {
            throw new RpcFailure("the node at " + address + " answered as '" + contact.nodeId() + "', not '" + expectedId + "'");
        }
        if (!contact.address().equals(address)) {
            throw new RpcFailure("the node at " + address + " answered with the node record of " + contact);
        }
        Optional<String> problem = answer.problem(signatures, now);
        if (problem.isPresent()) {
            throw new RpcFailure("the node at " + address + " answered with a node record that is refused: " + problem.get());
        }
        switch (bindings.bind(contact.nodeId(), answer.publicKey(), answer.expiresAt(), now)) {
            case CONFLICT -> throw new RpcFailure("the node at " + address + " answered as '" + contact.nodeId()
                    + "' with another key than the one this node knows '" + contact.nodeId() + "' by");
            case FULL -> throw new RpcFailure("this node knows the keys of " + KeyBindings.MAX_BINDINGS
                    + " node ids already and learns no more until some records expire");
            case BOUND -> {
            }
        }
        synchronized (confirmed) {
            confirmed.put(contact, answer.expiresAt());
        }
        return contact;
    }

    private CompletableFuture<RpcTransport.ValueReply> ask(Contact peer, Key target, Lookup.Kind kind) {
        if (kind == Lookup.Kind.NODE) {
            return track(peer, transport.findNode(peer, target)).thenApply(RpcTransport.ValueReply::ofContacts);
        }
        return track(peer, transport.findValue(peer, target)).thenApply(reply -> acceptable(target, reply));
    }

    private <T> CompletableFuture<T> track(Contact peer, CompletableFuture<RpcTransport.Answer<T>> call) {
        return call.thenApply(answer -> {
            believe(peer.address(), peer.nodeId(), answer.from());
            return answer.value();
        }).whenComplete((answer, failure) -> {
            if (failure == null) {
                table.seen(peer);
            } else {
                table.failed(peer);
            }
        });
    }

    /**
     * Keeps the provider records of an answer that are for the key looked up, hold (signature, lifetime)
     * and are signed by the key bound to their id, or name an id that has no key bound yet (a search
     * confirms those at their address before it believes them).
     */
    private RpcTransport.ValueReply acceptable(Key key, RpcTransport.ValueReply reply) {
        if (reply.providers().isEmpty()) {
            return reply;
        }
        long now = clock.millis();
        List<ProviderStore.Reported> kept = new ArrayList<>(reply.providers().size());
        for (ProviderStore.Reported reported : reply.providers()) {
            ProviderRecord record = reported.record();
            Optional<String> problem = record.key().equals(key) ? record.problem(signatures, now)
                    : Optional.of("it is for another key");
            if (problem.isEmpty() && bindings.keyOf(record.provider().nodeId(), now).map(bound -> !bound.equals(record.publicKey()))
                    .orElse(false)) {
                problem = Optional.of("its id is bound to another key here");
            }
            if (problem.isPresent()) {
                String why = problem.get();
                LOG.log(System.Logger.Level.DEBUG, () -> "dht: left out the provider record of " + record.provider() + " for "
                        + key + ": " + why);
            } else {
                kept.add(reported);
            }
        }
        return new RpcTransport.ValueReply(kept, reply.contacts());
    }

    private static String reason(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause.getMessage() != null ? cause.getMessage() : cause.toString();
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
     * closest neighbour, as the Kademlia paper does. Each peer adds this node once this node answered
     * its ping back, a round trip later: two nodes that join within that time of each other through
     * the same peer may learn of each other only at a later lookup or bucket refresh.
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
            long now = clock.millis();
            ProviderRecord record = ProviderRecord.sign(key, self, signer, publicKey, now, now + ttl.toMillis());
            if (here) {
                store.put(record, now);
            }
            List<CompletableFuture<Boolean>> stores = new ArrayList<>();
            for (Contact peer : closest) {
                stores.add(track(peer, transport.store(peer, record)).exceptionally(failure -> {
                    LOG.log(System.Logger.Level.DEBUG, () -> "dht: " + peer + " did not store this node's record for "
                            + key + ": " + reason(failure));
                    return false;
                }));
            }
            return CompletableFuture.allOf(stores.toArray(CompletableFuture[]::new)).thenApply(unused -> {
                int stored = (int) stores.stream().filter(CompletableFuture::join).count();
                return new Published(1, stored, stores.size() - stored, here);
            });
        });
    }

    /**
     * Finds the nodes that provide every one of the tags: a value lookup per tag, in parallel, merged
     * with the records held here, then intersected by node id. Every record was checked as it arrived
     * (signature, lifetime, the key bound to its id); a record whose id has no key bound here yet is
     * believed only once the address it names confirmed that id with that key (one ping per such id).
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
        return CompletableFuture.allOf(lookups.toArray(CompletableFuture[]::new))
                .thenCompose(unused -> confirmUnbound(lookups.stream().flatMap(lookup -> lookup.join().providers().stream()).toList()))
                .thenApply(unused -> {
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
                            if (believed(provider.record(), now)) {
                                these.merge(provider.contact().nodeId(), provider, DhtNode::younger);
                            }
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

    /**
     * Confirms, at the address each names, the providers whose id has no key bound here yet: whichever
     * answers binds its id to its key. Never completes exceptionally.
     */
    private CompletableFuture<Void> confirmUnbound(List<ProviderStore.Reported> found) {
        long now = clock.millis();
        Set<Contact> unbound = new LinkedHashSet<>();
        for (ProviderStore.Reported provider : found) {
            if (bindings.keyOf(provider.contact().nodeId(), now).isEmpty()) {
                unbound.add(provider.contact());
            }
        }
        List<CompletableFuture<?>> pings = new ArrayList<>();
        for (Contact contact : unbound) {
            pings.add(confirm(contact).handle((confirmed, failure) -> null));
        }
        return CompletableFuture.allOf(pings.toArray(CompletableFuture[]::new));
    }

    /** @return whether a record that passed {@link #acceptable} is signed by the key now bound to its id, extending the binding */
    private boolean believed(ProviderRecord record, long now) {
        String id = record.provider().nodeId();
        if (!bindings.keyOf(id, now).map(record.publicKey()::equals).orElse(false)) {
            LOG.log(System.Logger.Level.DEBUG, () -> "dht: left out the provider record of " + record.provider()
                    + ": its key is not the one bound to its id here, or its address did not confirm it");
            return false;
        }
        bindings.bind(id, record.publicKey(), record.expiresAt(), now);
        return true;
    }

    private static ProviderStore.Reported younger(ProviderStore.Reported a, ProviderStore.Reported b) {
        return b.age() < a.age() ? b : a;
    }

    /** Drops expired provider records, and the key bindings that outlived every record of their id. */
    void expireRecords() {
        long now = clock.millis();
        store.removeExpired(now);
        bindings.removeExpired(now);
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
