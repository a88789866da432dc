package org.gridplatform.plugin.discovery.dht;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.gridplatform.api.GridException;
import org.gridplatform.api.InvalidRequestException;
import org.gridplatform.api.NodeEntry;
import org.gridplatform.api.ProblemType;
import org.gridplatform.api.TagQuery;
import org.gridplatform.spi.discovery.DiscoveryContext;
import org.gridplatform.spi.discovery.DiscoveryHealth;
import org.gridplatform.spi.discovery.DiscoveryStrategy;
import org.gridplatform.spi.discovery.LocalNode;
import org.gridplatform.spi.discovery.MessageHandler;
import org.gridplatform.spi.discovery.NodeRegistration;
import org.gridplatform.spi.discovery.NodeSigner;
import org.gridplatform.spi.discovery.SearchResult;

/**
 * The {@code dht} strategy in a node WAR: this node is one Kademlia node, publishes the provider
 * records of its own tags, and answers searches with value lookups.
 *
 * <p>Background work runs on the host's scheduler and never blocks it: each task only starts
 * asynchronous lookups. At start the node waits until its own address answers DHT messages (peers ping
 * a node back before they believe it), joins through the bootstrap peers and publishes; it then
 * republishes every {@code republish-interval} (and at once when its tags change), refreshes idle
 * buckets every {@code refresh-interval}, and joins again whenever its routing table is empty.
 * Request methods ({@link #search}, {@link #register}) block for at most a lookup deadline.
 */
final class DhtStrategy implements DiscoveryStrategy {

    private static final System.Logger LOG = System.getLogger(DhtStrategy.class.getName());

    /** Most tags a node publishes; the rest are logged and left out. */
    static final int MAX_PUBLISHED_TAGS = 1000;
    /** Checks of the node's own address before it joins anyway, and the time between them: 10 s in all. */
    static final int SERVING_CHECKS = 50;
    static final long SERVING_CHECK_DELAY_MILLIS = 200;

    private final DhtSettings settings;
    private final DiscoveryContext context;
    private final LocalNode local;
    private final DhtNode node;
    private final DhtMessageHandler handler;
    private final Instant startedAt;
    private final List<ScheduledFuture<?>> tasks = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> joined = new CompletableFuture<>();

    // Guarded by this.
    private CompletableFuture<DhtNode.Published> publishing;
    private boolean publishAgain;
    private boolean joining;
    private boolean closed;
    private boolean isolationLogged;
    private boolean tooManyTagsLogged;
    private boolean nothingStoredLogged;
    private Instant lastPublished;
    private int publishedTags;

    DhtStrategy(DhtSettings settings, DiscoveryContext context, LocalNode local) {
        this.settings = settings;
        this.context = context;
        this.local = local;
        Contact self = Contact.of(local.nodeId(), local.address());
        ScheduledExecutorService scheduler = context.scheduler();
        DhtNode.Deadlines deadlines = (delay, action) -> {
            try {
                ScheduledFuture<?> task = scheduler.schedule(action, delay.toMillis(), TimeUnit.MILLISECONDS);
                return () -> task.cancel(false);
            } catch (RejectedExecutionException e) {
                return () -> { }; // the host is stopping; the transport's timeouts still end the lookup
            }
        };
        NodeSigner signer = local.signer().orElseGet(() -> {
            LOG.log(Level.WARNING, "dht: the host keeps no signing key for this node; it signs with a key that lives"
                    + " until it stops, so after a restart peers refuse its records until the old ones expire");
            return NodeSigner.generate();
        });
        this.node = new DhtNode(self, signer, settings, new JsonRpcTransport(self, context.transport(), context.json(),
                settings.rpcTimeout()), context.clock(), new Random(), deadlines, new Signatures(Signatures.DEFAULT_CAPACITY));
        LOG.log(Level.INFO, () -> "dht: this node's public key is " + node.publicKey()
                + " (peers pin it with grid.discovery.dht.pinned-keys=" + local.nodeId() + "=<key>)");
        this.handler = new DhtMessageHandler(node, context.json());
        this.startedAt = context.clock().instant();
    }

    /** Schedules the join, the republishing and the refreshing. */
    void start() {
        ScheduledExecutorService scheduler = context.scheduler();
        long republish = settings.republishInterval().toMillis();
        long refresh = settings.refreshInterval().toMillis();
        tasks.add(scheduler.schedule(() -> joinWhenServing(SERVING_CHECKS), 0, TimeUnit.MILLISECONDS));
        tasks.add(scheduler.scheduleWithFixedDelay(() -> quietly("republish", this::republish),
                republish, republish, TimeUnit.MILLISECONDS));
        tasks.add(scheduler.scheduleWithFixedDelay(() -> quietly("refresh", this::refresh),
                refresh, refresh, TimeUnit.MILLISECONDS));
    }

    /**
     * Joins once this node's own address answers its DHT ping: the host creates the strategy while the
     * application is still deploying, and peers ping a node back (and the address in its records) before
     * they add it or store its records. After {@value #SERVING_CHECKS} checks it joins anyway, saying why.
     */
    private void joinWhenServing(int checksLeft) {
        node.pingSelf().whenComplete((served, failure) -> {
            synchronized (this) {
                if (closed) {
                    return;
                }
            }
            if (failure != null && checksLeft > 1) {
                try {
                    tasks.add(context.scheduler().schedule(() -> joinWhenServing(checksLeft - 1), SERVING_CHECK_DELAY_MILLIS,
                            TimeUnit.MILLISECONDS));
                    return;
                } catch (RejectedExecutionException e) {
                    return; // the host is stopping
                }
            }
            if (failure != null) {
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                LOG.log(Level.WARNING, "dht: this node's address " + local.address() + " did not answer its own dht ping ("
                        + cause.getMessage() + "); joining anyway: peers add this node once they reach it there");
            }
            quietly("join", () -> join().whenComplete((done, joinFailure) -> {
                joined.complete(null);
                publishNow();
            }));
        });
    }

    /** @return completes once the first join attempt ended (for tests) */
    CompletableFuture<Void> joined() {
        return joined;
    }

    private CompletableFuture<?> join() {
        synchronized (this) {
            if (joining || closed) {
                return CompletableFuture.completedFuture(null);
            }
            joining = true;
        }
        return node.join(settings.bootstrap()).whenComplete((answered, failure) -> {
            boolean alone = node.table().size() == 0 && !settings.bootstrap().isEmpty();
            synchronized (this) {
                joining = false;
                if (alone && !isolationLogged) {
                    isolationLogged = true;
                    LOG.log(Level.WARNING, "dht: no bootstrap peer answered (" + settings.bootstrap() + "); this node"
                            + " serves alone and tries again every " + DhtSettings.show(settings.refreshInterval()));
                } else if (!alone && isolationLogged) {
                    isolationLogged = false;
                    LOG.log(Level.INFO, "dht: joined; " + node.table().size() + " peers in the routing table");
                }
            }
        });
    }

    private CompletableFuture<?> republish() {
        node.expireRecords();
        if (node.table().size() == 0 && !settings.bootstrap().isEmpty()) {
            return join().whenComplete((done, failure) -> publishNow());
        }
        return publishNow();
    }

    private CompletableFuture<?> refresh() {
        if (node.table().size() == 0) {
            return join();
        }
        return node.refresh();
    }

    /**
     * Publishes the local node's tags now, or once more after the publish in progress.
     *
     * @return the publish started or in progress; never completes exceptionally
     */
    CompletableFuture<DhtNode.Published> publishNow() {
        CompletableFuture<DhtNode.Published> started = new CompletableFuture<>();
        synchronized (this) {
            if (closed) {
                return CompletableFuture.completedFuture(new DhtNode.Published(0, 0, 0, false));
            }
            if (publishing != null && !publishing.isDone()) {
                publishAgain = true;
                return publishing;
            }
            publishing = started;
        }
        Set<String> tags = new TreeSet<>(local.tags());
        if (tags.size() > MAX_PUBLISHED_TAGS) {
            logTooManyTags(tags.size());
            tags = new TreeSet<>(tags.stream().limit(MAX_PUBLISHED_TAGS).toList());
        }
        node.publish(tags).whenComplete((result, failure) -> {
            // Done before published(), so that a publish asked for meanwhile starts anew.
            started.complete(result != null ? result : new DhtNode.Published(0, 0, 0, false));
            published(result, failure);
        });
        return started;
    }

    private synchronized void logTooManyTags(int count) {
        if (!tooManyTagsLogged) {
            tooManyTagsLogged = true;
            LOG.log(Level.WARNING, "dht: this node has " + count + " tags; only the first " + MAX_PUBLISHED_TAGS
                    + " in alphabetical order are published");
        }
    }

    private void published(DhtNode.Published result, Throwable failure) {
        boolean again;
        boolean nothingStored = result != null && result.tags() > 0 && result.stored() == 0 && result.refused() > 0;
        boolean logNothingStored;
        synchronized (this) {
            if (result != null) {
                lastPublished = context.clock().instant();
                publishedTags = result.tags();
            }
            again = publishAgain;
            publishAgain = false;
            logNothingStored = nothingStored && !nothingStoredLogged;
            nothingStoredLogged = nothingStored || (result == null && nothingStoredLogged);
        }
        if (logNothingStored) {
            LOG.log(Level.WARNING, "dht: no peer stored this node's provider records (" + result.refused() + " refused or did"
                    + " not answer); peers that know this node's id by another key (its .node-key was lost or replaced,"
                    + " or another node claimed the id first) refuse its records until the old ones expire");
        }
        if (failure != null) {
            LOG.log(Level.WARNING, "dht: publishing this node's tags failed: " + failure);
        } else {
            LOG.log(Level.DEBUG, () -> "dht: published " + result);
        }
        if (again) {
            publishNow();
        }
    }

    @Override
    public void localTagsChanged() {
        try {
            context.scheduler().execute(() -> quietly("publish", this::publishNow));
        } catch (RejectedExecutionException e) {
            LOG.log(Level.DEBUG, "dht: not publishing, the host's scheduler is stopping");
        }
    }

    /**
     * Adds a node that joins through this one ({@code POST /join} on any node) to the routing table,
     * once it answered a DHT ping from here as the node it claims to be; waits at most the RPC timeout
     * (plus a second). A node that does not run the dht strategy cannot join: it would answer no DHT
     * message. The tags a registration announces are not used: every node publishes its own. As
     * always in Kademlia, a newcomer whose bucket is full waits for the bucket's oldest contact to fail
     * a ping, so the entry returned may not be in {@link #nodes()} yet.
     */
    @Override
    public NodeEntry register(NodeRegistration registration) {
        Instant now = context.clock().instant();
        String id = registration.nodeId();
        if (id.equals(local.nodeId())) {
            if (!registration.address().equals(local.address())) {
                throw new GridException(ProblemType.CONFLICT, "The node id " + WireFormat.quote(id) + " is this node's own id, at "
                        + local.address() + "; join with another id");
            }
            return new NodeEntry(id, local.address().toString(), startedAt, now);
        }
        Optional<RoutingTable.Snapshot> known = node.table().find(id);
        if (known.isPresent() && !known.get().contact().address().equals(registration.address())
                && known.get().failures() == 0) {
            throw new GridException(ProblemType.CONFLICT, "The node id " + WireFormat.quote(id) + " is already in use by the node at "
                    + known.get().contact().address() + ", which answers; join with another id, or from that address");
        }
        Contact answer;
        try {
            answer = await(() -> node.ping(registration.address()), settings.rpcTimeout().plusSeconds(1));
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new InvalidRequestException("The node " + WireFormat.quote(id) + " did not answer a dht ping at "
                    + registration.address().resolve(JsonRpcTransport.path(WireFormat.PING)) + " ("
                    + (cause instanceof RpcFailure ? cause.getMessage() : "no answer in time")
                    + "); a node joins a dht grid only when it runs grid.discovery.strategy=dht and answers at the address it gives");
        }
        if (!answer.nodeId().equals(id)) {
            throw new GridException(ProblemType.CONFLICT, "The node at " + registration.address() + " answered as "
                    + WireFormat.quote(answer.nodeId()) + ", not " + WireFormat.quote(id) + "; join with the id of the node at that address");
        }
        Instant joinedAt = node.table().find(id).map(entry -> Instant.ofEpochMilli(entry.joinedAt())).orElse(now);
        return new NodeEntry(id, registration.address().toString(), joinedAt, now);
    }

    @Override
    public boolean remove(String nodeId) {
        return node.table().remove(nodeId);
    }

    @Override
    public SearchResult search(TagQuery query) {
        DhtNode.Found found;
        // The lookups end at their deadline, the pings that confirm providers not known yet within
        // CONFIRM_ATTEMPTS RPC timeouts; one more is slack.
        Duration limit = settings.lookupDeadline().plus(settings.rpcTimeout().multipliedBy(DhtNode.CONFIRM_ATTEMPTS + 1));
        try {
            found = await(() -> node.search(query.tags()), limit);
        } catch (ExecutionException | TimeoutException e) {
            // So this means the host's threads are starved.
            throw new GridException(ProblemType.SERVICE_UNAVAILABLE, "The dht lookups for this search did not finish within "
                    + DhtSettings.show(limit) + "; try again");
        }
        Instant now = context.clock().instant();
        Map<String, NodeEntry> entries = new LinkedHashMap<>();
        found.providers().forEach((id, provider) -> {
            if (!id.equals(local.nodeId())) { // the local node is judged by its current tags below, not by old records
                Instant stored = now.minusMillis(provider.age());
                entries.put(id, new NodeEntry(id, provider.contact().address().toString(), stored, stored));
            }
        });
        if (query.matches(local.tags())) {
            entries.put(local.nodeId(), new NodeEntry(local.nodeId(), local.address().toString(), startedAt, now));
        }
        List<NodeEntry> sorted = new ArrayList<>(entries.values());
        sorted.sort(Comparator.comparing(NodeEntry::nodeId));
        // The fan-out is the lookups' requests: a peer asked for two tags of the query counts twice.
        return new SearchResult(sorted, List.copyOf(found.unanswered().keySet()), found.queries());
    }

    @Override
    public List<NodeEntry> nodes() {
        Instant now = context.clock().instant();
        List<NodeEntry> nodes = new ArrayList<>();
        nodes.add(new NodeEntry(local.nodeId(), local.address().toString(), startedAt, now));
        for (RoutingTable.Snapshot entry : node.table().snapshot()) {
            nodes.add(new NodeEntry(entry.contact().nodeId(), entry.contact().address().toString(),
                    Instant.ofEpochMilli(entry.joinedAt()), Instant.ofEpochMilli(entry.lastSeen())));
        }
        nodes.sort(Comparator.comparing(NodeEntry::nodeId));
        return nodes;
    }

    @Override
    public DiscoveryHealth health() {
        int peers = node.table().size();
        boolean up;
        Instant published;
        int tags;
        synchronized (this) {
            up = !closed && (peers > 0 || settings.bootstrap().isEmpty());
            published = lastPublished;
            tags = publishedTags;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("node-key", node.self().key().hex().substring(0, 16));
        data.put("public-key", node.publicKey().text());
        data.put("bound-keys", (long) node.bindings().size());
        data.put("routing-table-size", (long) peers);
        data.put("stored-keys", (long) node.store().keyCount());
        data.put("stored-providers", (long) node.store().providerCount());
        data.put("published-tags", (long) tags);
        data.put("last-published", published == null ? "never" : published.toString());
        data.put("bootstrap-peers", (long) settings.bootstrap().size());
        if (!up && !closed) {
            data.put("reason", "no peer answered; the bootstrap peers " + settings.bootstrap() + " are unreachable");
        }
        return new DiscoveryHealth(up, data);
    }

    @Override
    public Optional<MessageHandler> messageHandler() {
        return Optional.of(handler);
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        tasks.forEach(task -> task.cancel(false));
        tasks.clear();
    }

    private static <T> T await(Supplier<CompletableFuture<T>> call, Duration timeout) throws ExecutionException, TimeoutException {
        try {
            return call.get().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GridException(ProblemType.SERVICE_UNAVAILABLE, "The server is stopping; try again");
        }
    }

    /** Runs a background task, logging (not throwing) what it throws, so that the schedule goes on. */
    private static void quietly(String task, Supplier<CompletableFuture<?>> work) {
        try {
            work.get().whenComplete((done, failure) -> {
                if (failure != null) {
                    LOG.log(Level.WARNING, "dht: " + task + " failed: " + failure);
                }
            });
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "dht: " + task + " failed: " + e);
        }
    }
}
