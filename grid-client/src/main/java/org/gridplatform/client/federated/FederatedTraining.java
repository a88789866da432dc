package org.gridplatform.client.federated;

import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import org.gridplatform.api.DatasetDescription;
import org.gridplatform.api.DatasetInfo;
import org.gridplatform.api.Limits;
import org.gridplatform.api.SearchResponse;
import org.gridplatform.api.TagQuery;
import org.gridplatform.api.training.EvaluationAnswer;
import org.gridplatform.api.training.EvaluationRequest;
import org.gridplatform.api.training.SchemaWire;
import org.gridplatform.api.training.TrainingPlanRequest;
import org.gridplatform.api.training.TrainingRunReport;
import org.gridplatform.api.training.TrainingStepAnswer;
import org.gridplatform.api.training.TrainingStepRequest;
import org.gridplatform.client.GatewayClient;
import org.gridplatform.client.GridClientException;
import org.gridplatform.client.CredentialsFile;
import org.gridplatform.client.NodeClient;
import org.gridplatform.client.NodeCredentials;
import org.gridplatform.spi.training.LocalUpdate;
import org.gridplatform.spi.training.ModelParameters;
import org.gridplatform.spi.training.ModelSchema;
import org.gridplatform.spi.training.Task;

/**
 * Federated averaging (FedAvg, McMahan et al. 2017) across the nodes a search finds, coordinated from
 * the data scientist's machine. The gateway only answers the search; parameters go straight between
 * this coordinator and the nodes, and the data never leaves them.
 *
 * <ol>
 *   <li>Search the gateway (or any node of a DHT grid) for the tags; read each node's matching
 *       datasets' schema and summary statistics.</li>
 *   <li>Agree on one schema and one feature scaling ({@link FederationSchema}).</li>
 *   <li>Register what stays the same for the run (data selection, backend, settings, schema, scaling) as a plan
 *       on every node at once ({@code POST /training/plans}); rounds then send each node only its plan's id and
 *       the parameters. A node that answers that it no longer holds the plan (it restarted, or the plan expired)
 *       gets it again, once per request, and the request is sent again. The plans are dropped at the end.</li>
 *   <li>Each round: send the global parameters to a sample of the nodes (a fraction, at least the
 *       minimum), let them train in parallel, and average the returned parameters weighted by their
 *       example counts. A node that errs or times out is dropped from that round (its step is
 *       cancelled); the round fails only if fewer than the minimum reported.</li>
 *   <li>Evaluate the new parameters on every node's held-out rows and aggregate the metrics by counts.</li>
 * </ol>
 *
 * <p><b>Reproducibility:</b> the seed decides the initial parameters (zeros), the sample of each round
 * and every node's step seed; nodes train deterministically and updates are averaged in node-id order,
 * so the same seed, data and settings give the same parameters, bit for bit.
 *
 * <pre>{@code
 * TrainingResult result = FederatedTraining.builder(URI.create("http://127.0.0.1:18300"))
 *         .tags(List.of("#iris")).backend("tribuo-logistic").rounds(20).token(token)
 *         .build().run();
 * TribuoExport.save(result, Path.of("iris.tribuo"));
 * }</pre>
 *
 * <p>One instance runs once. {@link #cancel()} may be called from any thread.
 */
public final class FederatedTraining {

    /** The most rounds a run may ask for. */
    public static final int MAX_ROUNDS = 10_000;
    /** The most nodes a run trains with; more found nodes are refused with a message. */
    public static final int MAX_NODES = 1_000;

    private static final Map<String, Task> KNOWN_BACKENDS = Map.of("tribuo-logistic", Task.CLASSIFICATION,
            "tribuo-linear", Task.REGRESSION);

    private final URI gateway;
    private final List<String> tags;
    private final String backend;
    private final int rounds;
    private final double fraction;
    private final int minNodes;
    private final Map<String, String> settings;
    private final long seed;
    private final Duration stepTimeout;
    private final NodeCredentials credentials;
    private final Map<String, NodeCredentials> nodeCredentials;
    private final CredentialsFile credentialsFile;
    private final TrainingListener listener;
    private final boolean reportToGateway;

    private final SSLContext tls;
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean cancelled;
    private final Map<String, InFlight> inFlight = new ConcurrentHashMap<>();
    private final List<Future<?>> running = Collections.synchronizedList(new ArrayList<>());

    private record InFlight(NodeClient node, String stepId) {
    }

    private FederatedTraining(Builder b) {
        this.gateway = Objects.requireNonNull(b.gateway, "gateway");
        this.tags = List.copyOf(TagQuery.of(b.tags).displayTags());
        this.backend = Objects.requireNonNull(b.backend, "backend: name a training backend, such as tribuo-logistic");
        this.rounds = b.rounds;
        this.fraction = b.fraction;
        this.minNodes = b.minNodes;
        this.seed = b.seed;
        Map<String, String> s = new TreeMap<>(b.settings);
        s.putIfAbsent("seed", Long.toString(b.seed));
        this.settings = Collections.unmodifiableMap(s);
        this.stepTimeout = b.stepTimeout;
        this.credentials = b.credentials;
        this.nodeCredentials = Map.copyOf(b.nodeCredentials);
        this.credentialsFile = b.credentialsFile;
        this.listener = b.listener;
        this.reportToGateway = b.reportToGateway;
        this.tls = b.tls;
    }

    /**
     * @param gateway a gateway's base URL, or any node's of a fully distributed (DHT) grid
     * @return a builder with the defaults: 20 rounds, every node each round, minimum 1, seed 42,
     *         step timeout 10 minutes, no credentials
     */
    public static Builder builder(URI gateway) {
        return new Builder(gateway);
    }

    /** Cancels the run: in-flight steps are cancelled on their nodes, and {@link #run()} returns the last finished round. */
    public void cancel() {
        cancelled = true;
        synchronized (running) {
            running.forEach(f -> f.cancel(true));
        }
        inFlight.values().forEach(this::cancelQuietly);
    }

    /**
     * Runs the training.
     *
     * @return the final parameters and the history; {@link TrainingResult#cancelled()} if cancelled
     * @throws FederatedTrainingException if no data matches, the data cannot train one model, or a round
     *                                    had fewer reports than the minimum
     * @throws GridClientException        if the gateway refuses the search or cannot be reached
     */
    public TrainingResult run() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("A FederatedTraining runs once; build another for another run");
        }
        Map<String, NodeClient> clients = new TreeMap<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
             RunBoard board = reportToGateway ? new RunBoard(gateway, tls, this::credentialsFor) : null) {
            TrainingResult.Plan plan = plan(pool, clients);
            listener.started(plan);
            TrainingListener reporting = board == null ? listener : new TrainingListener() {
                @Override
                public void round(RoundRecord round, ModelParameters global) {
                    board.report(plan, round.round(), TrainingRunReport.RUNNING, round.evaluation());
                    listener.round(round, global);
                }
            };
            if (board != null) {
                board.report(plan, 0, TrainingRunReport.RUNNING, Map.of());
            }
            try {
                TrainingResult result = train(pool, clients, plan, reporting);
                if (board != null) {
                    board.report(plan, result.history().size(), result.cancelled() ? TrainingRunReport.CANCELLED : TrainingRunReport.COMPLETED,
                            result.history().isEmpty() ? Map.of() : result.last().evaluation());
                }
                return result;
            } catch (RuntimeException e) {
                if (board != null) {
                    List<RoundRecord> done = e instanceof FederatedTrainingException f ? f.history() : List.of();
                    board.report(plan, done.size(), TrainingRunReport.FAILED, done.isEmpty() ? Map.of() : done.get(done.size() - 1).evaluation());
                }
                throw e;
            }
        } finally {
            clients.values().forEach(NodeClient::close);
        }
    }

    private TrainingResult.Plan plan(ExecutorService pool, Map<String, NodeClient> clients) {
        SearchResponse found;
        try (GatewayClient search = new GatewayClient(gateway, Duration.ofSeconds(30), tls)) {
            found = search.search(tags);
        }
        String query = String.join(" ", tags);
        if (found.nodeAddresses().isEmpty()) {
            throw new FederatedTrainingException("No node holds a dataset tagged " + query
                    + (found.unanswered().isEmpty() ? "" : " (these nodes did not answer: " + String.join(", ", found.unanswered()) + ")"),
                    List.of(), null);
        }
        if (found.nodeAddresses().size() > MAX_NODES) {
            throw new FederatedTrainingException(found.nodeAddresses().size() + " nodes hold data tagged " + query
                    + "; a run trains with at most " + MAX_NODES + ": add a tag to narrow the search", List.of(), null);
        }
        TagQuery match = TagQuery.of(tags);
        Map<String, Future<NodeDatasets>> described = new TreeMap<>();
        for (List<String> pair : found.nodeAddresses()) {
            String id = pair.get(0);
            NodeClient client = new NodeClient(URI.create(pair.get(1)), credentialsFor(id, URI.create(pair.get(1))), tls);
            clients.put(id, client);
            described.put(id, pool.submit(() -> {
                List<DatasetDescription> datasets = new ArrayList<>();
                for (DatasetInfo info : client.datasets()) {
                    if (match.matches(info.tags())) {
                        datasets.add(client.dataset(info.id()));
                    }
                }
                return new NodeDatasets(id, client.uri(), datasets);
            }));
        }
        List<NodeDatasets> nodes = new ArrayList<>();
        Map<String, String> excluded = new TreeMap<>();
        described.forEach((id, future) -> {
            try {
                NodeDatasets node = future.get();
                if (node.datasets().isEmpty()) {
                    excluded.put(id, "no dataset of the node matches " + query + " any more");
                } else {
                    nodes.add(node);
                }
            } catch (ExecutionException e) {
                excluded.put(id, e.getCause().getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FederatedTrainingException("Interrupted while reading the nodes' datasets", List.of(), e);
            }
        });
        if (nodes.size() < minNodes) {
            throw new FederatedTrainingException("Only " + nodes.size() + " node" + (nodes.size() == 1 ? "" : "s")
                    + " can take part, fewer than the minimum " + minNodes + describeReasons(excluded)
                    + (found.unanswered().isEmpty() ? "" : "; these nodes did not answer the search in time: "
                            + String.join(", ", found.unanswered())), List.of(), null);
        }
        FederationSchema agreed;
        try {
            agreed = FederationSchema.agree(nodes, backend, KNOWN_BACKENDS.get(backend.toLowerCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new FederatedTrainingException(e.getMessage(), List.of(), e);
        }
        excluded.keySet().forEach(id -> clients.remove(id).close());
        return new TrainingResult.Plan(tags, backend, settings, rounds, nodes, found.unanswered(), excluded,
                agreed.schema(), agreed.scaling());
    }

    private TrainingResult train(ExecutorService pool, Map<String, NodeClient> clients, TrainingResult.Plan plan,
                                 TrainingListener listener) {
        ModelSchema schema = plan.schema();
        SchemaWire wireSchema = new SchemaWire(schema.task() == Task.CLASSIFICATION ? "classification" : "regression",
                schema.features(), schema.labels(), schema.target());
        Map<String, Object> stepSettings = new TreeMap<>(settings);
        ModelParameters global = new ModelParameters(schema, new double[schema.outputs()][schema.features().size() + 1]);
        List<String> ids = plan.nodes().stream().map(NodeDatasets::nodeId).sorted().toList();
        // Written as JSON once for every node; the schema and scaling are most of it (about 68 KB for 784 features).
        NodeClient.Prepared registration = NodeClient.prepare(new TrainingPlanRequest(null, tags, backend, stepSettings,
                wireSchema, plan.scaling()));
        Map<String, NodePlan> plans = new TreeMap<>();
        ids.forEach(id -> plans.put(id, new NodePlan(clients.get(id), registration)));
        try {
            registerPlans(pool, plans);
            return rounds(pool, clients, plans, plan, listener, global, ids);
        } finally {
            dropPlans(pool, plans);
        }
    }

    /**
     * Registers the run's plan on every node at once. A node that refuses it is asked again by its first step, whose
     * failure then drops it from that round with the reason, as any failed step does.
     */
    private void registerPlans(ExecutorService pool, Map<String, NodePlan> plans) {
        long deadline = System.nanoTime() + stepTimeout.toNanos();
        List<Future<String>> registrations = new ArrayList<>();
        plans.values().forEach(node -> registrations.add(track(pool.submit(() -> node.id(deadline)))));
        try {
            for (Future<String> registration : registrations) {
                try {
                    registration.get();
                } catch (ExecutionException | java.util.concurrent.CancellationException e) {
                    // Asked again by the node's first step.
                }
            }
        } catch (InterruptedException e) {
            cancelled = true;
            Thread.currentThread().interrupt();
        } finally {
            running.clear();
        }
    }

    /** Drops the run's plans, in parallel and best effort; closing the run's executor waits for them. */
    private static void dropPlans(ExecutorService pool, Map<String, NodePlan> plans) {
        plans.values().forEach(node -> pool.submit(node::drop));
    }

    private TrainingResult rounds(ExecutorService pool, Map<String, NodeClient> clients, Map<String, NodePlan> plans,
                                  TrainingResult.Plan plan, TrainingListener listener, ModelParameters start,
                                  List<String> ids) {
        ModelSchema schema = plan.schema();
        ModelParameters global = start;
        List<RoundRecord> history = new ArrayList<>();
        for (int round = 1; round <= rounds && !cancelled; round++) {
            long roundStart = System.nanoTime();
            List<String> sample = sample(ids, round);
            double[][] weights = global.weights();
            // Written as JSON once per round, not once per node: the same parameters go to every node, each with its
            // own plan's id added in front (NodeClient.Prepared.withPlan). Packed (base64 of the doubles' bytes), so
            // that neither side prints or parses thousands of JSON numbers; the nodes answer packed too.
            NodeClient.Prepared request = NodeClient.prepare(TrainingStepRequest.forPlanPacked(null, null, weights));
            Map<String, Future<TrainingStepAnswer>> steps = new TreeMap<>();
            for (String id : sample) {
                steps.put(id, track(pool.submit(() -> step(clients.get(id), plans.get(id), request))));
            }
            List<LocalUpdate> updates = new ArrayList<>();
            List<Metrics.Part> trainingParts = new ArrayList<>();
            List<String> reported = new ArrayList<>();
            Map<String, String> dropped = new TreeMap<>();
            long slowestStep = 0;
            for (var entry : steps.entrySet()) {
                try {
                    TrainingStepAnswer answer = entry.getValue().get();
                    double[][] trained = answer.parameters(schema.outputs(), schema.features().size() + 1);
                    updates.add(new LocalUpdate(new ModelParameters(schema, trained), answer.examples(),
                            answer.metrics() == null ? Map.of() : answer.metrics()));
                    trainingParts.add(new Metrics.Part(answer.examples(), answer.metrics() == null ? Map.of() : answer.metrics()));
                    reported.add(entry.getKey());
                    slowestStep = Math.max(slowestStep, answer.durationMs());
                } catch (ExecutionException e) {
                    dropped.put(entry.getKey(), reason(e.getCause()));
                } catch (IllegalArgumentException e) {
                    dropped.put(entry.getKey(), "answered parameters that do not fit the schema: " + e.getMessage());
                } catch (InterruptedException | java.util.concurrent.CancellationException e) {
                    dropped.put(entry.getKey(), "cancelled");
                }
            }
            running.clear();
            if (cancelled) {
                break;
            }
            if (reported.size() < minNodes || updates.stream().allMatch(u -> u.examples() <= 0)) {
                throw new FederatedTrainingException("Round " + round + ": " + reported.size() + " of " + sample.size()
                        + " nodes reported, fewer than the minimum " + minNodes + describeReasons(dropped), history, null);
            }
            global = FederatedAveraging.average(updates);
            long trainingMs = (System.nanoTime() - roundStart) / 1_000_000;

            long evaluationStart = System.nanoTime();
            NodeClient.Prepared evaluation = NodeClient.prepare(EvaluationRequest.forPlanPacked(null, global.weights()));
            Map<String, Future<EvaluationAnswer>> evaluations = new TreeMap<>();
            for (String id : ids) {
                evaluations.put(id, track(pool.submit(() -> evaluate(clients.get(id), plans.get(id), evaluation))));
            }
            List<Metrics.Part> evaluationParts = new ArrayList<>();
            Map<String, String> unevaluated = new TreeMap<>();
            long evaluated = 0;
            long slowestEvaluation = 0;
            for (var entry : evaluations.entrySet()) {
                try {
                    EvaluationAnswer answer = entry.getValue().get();
                    evaluationParts.add(new Metrics.Part(answer.examples(), answer.metrics() == null ? Map.of() : answer.metrics()));
                    evaluated += answer.examples();
                    slowestEvaluation = Math.max(slowestEvaluation, answer.durationMs());
                } catch (ExecutionException e) {
                    unevaluated.put(entry.getKey(), reason(e.getCause()));
                } catch (InterruptedException | java.util.concurrent.CancellationException e) {
                    unevaluated.put(entry.getKey(), "cancelled");
                }
            }
            running.clear();
            long now = System.nanoTime();
            RoundRecord record = new RoundRecord(round, sample, reported, dropped,
                    updates.stream().mapToLong(LocalUpdate::examples).sum(), Metrics.aggregate(trainingParts),
                    Metrics.aggregate(evaluationParts), evaluated, unevaluated, (now - roundStart) / 1_000_000, trainingMs,
                    slowestStep, (now - evaluationStart) / 1_000_000, slowestEvaluation);
            history.add(record);
            listener.round(record, global);
        }
        if (Thread.interrupted()) {
            cancelled = true;
        }
        return new TrainingResult(plan, global, history, cancelled);
    }

    /** @return the round's sample: a seeded shuffle of the node ids, cut to the round's size, in id order */
    List<String> sample(List<String> ids, int round) {
        int size = Math.min(ids.size(), Math.max(minNodes, (int) Math.ceil(fraction * ids.size() - 1e-9)));
        if (size >= ids.size()) {
            return ids;
        }
        List<String> shuffled = new ArrayList<>(ids);
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + round);
        for (int i = shuffled.size() - 1; i > 0; i--) {
            Collections.swap(shuffled, i, random.nextInt(i + 1));
        }
        List<String> sample = new ArrayList<>(shuffled.subList(0, size));
        sample.sort(Comparator.naturalOrder());
        return sample;
    }

    private <T> Future<T> track(Future<T> future) {
        running.add(future);
        if (cancelled) {
            future.cancel(true);
        }
        return future;
    }

    /**
     * One step on one node: retried while the node says it is busy, within the step timeout; sent again once with the
     * plan registered again if the node no longer holds it; cancelled on the node on timeout.
     */
    private TrainingStepAnswer step(NodeClient node, NodePlan plan, NodeClient.Prepared request) throws InterruptedException {
        long deadline = System.nanoTime() + stepTimeout.toNanos();
        String planId = plan.id(deadline);
        boolean registeredAgain = false;
        while (true) {
            String stepId = UUID.randomUUID().toString();
            InFlight flight = new InFlight(node, stepId);
            inFlight.put(stepId, flight);
            try {
                return node.trainStep(request.withPlan(planId), stepId, remaining(deadline));
            } catch (GridClientException e) {
                if (e.getCause() instanceof HttpTimeoutException) {
                    cancelQuietly(flight);
                    throw e;
                }
                if (!registeredAgain && NodePlan.unknown(e)) {
                    registeredAgain = true;
                    planId = plan.renew(planId, deadline);
                    continue;
                }
                Duration wait = e.retryAfter().orElse(null);
                if (e.status() != 429 || wait == null || cancelled
                        || System.nanoTime() + wait.toNanos() >= deadline) {
                    throw e;
                }
                Thread.sleep(Math.max(100, wait.toMillis()));
            } finally {
                inFlight.remove(stepId);
            }
        }
    }

    /** One evaluation on one node, sent again once with the plan registered again if the node no longer holds it. */
    private EvaluationAnswer evaluate(NodeClient node, NodePlan plan, NodeClient.Prepared request) throws InterruptedException {
        long deadline = System.nanoTime() + stepTimeout.toNanos();
        String planId = plan.id(deadline);
        try {
            return node.evaluate(request.withPlan(planId), remaining(deadline));
        } catch (GridClientException e) {
            if (!NodePlan.unknown(e)) {
                throw e;
            }
            return node.evaluate(request.withPlan(plan.renew(planId, deadline)), remaining(deadline));
        }
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(deadline - System.nanoTime(), 1_000_000));
    }

    private void cancelQuietly(InFlight flight) {
        Thread.ofVirtual().start(() -> {
            try {
                flight.node().cancelStep(flight.stepId());
            } catch (RuntimeException ignored) {
                // The step finished or the node is gone: either way it no longer runs for this run.
            }
        });
    }

    /** A node's own credentials, else its entry in the credentials file (by id, then URL), else the default ones. */
    private NodeCredentials credentialsFor(String nodeId, URI uri) {
        NodeCredentials own = nodeCredentials.get(nodeId);
        if (own != null) {
            return own;
        }
        return (credentialsFile == null ? java.util.Optional.<NodeCredentials>empty() : credentialsFile.forNode(nodeId, uri))
                .orElse(credentials);
    }

    private static String reason(Throwable failure) {
        return failure == null || failure.getMessage() == null ? String.valueOf(failure) : failure.getMessage();
    }

    private static String describeReasons(Map<String, String> reasons) {
        if (reasons.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        reasons.forEach((id, why) -> parts.add(id + ": " + why));
        return " (" + String.join("; ", parts) + ")";
    }

    /** Collects a run's settings; {@link #build()} checks them. */
    public static final class Builder {

        private final URI gateway;
        private List<String> tags = List.of();
        private String backend;
        private int rounds = 20;
        private double fraction = 1.0;
        private int minNodes = 1;
        private Map<String, String> settings = Map.of();
        private long seed = 42;
        private Duration stepTimeout = Duration.ofMinutes(10);
        private NodeCredentials credentials;
        private final Map<String, NodeCredentials> nodeCredentials = new HashMap<>();
        private CredentialsFile credentialsFile;
        private TrainingListener listener = new TrainingListener() { };
        private boolean reportToGateway = true;
        private SSLContext tls;

        private Builder(URI gateway) {
            this.gateway = gateway;
        }

        /** @param tags the tags every dataset must carry, {@code #} optional; 1 to 32 @return this */
        public Builder tags(List<String> tags) {
            this.tags = List.copyOf(tags);
            return this;
        }

        /** @param backend the training backend, such as {@code tribuo-logistic} or {@code tribuo-linear} @return this */
        public Builder backend(String backend) {
            this.backend = backend;
            return this;
        }

        /** @param rounds rounds of federated averaging, 1 to {@value #MAX_ROUNDS} @return this */
        public Builder rounds(int rounds) {
            this.rounds = rounds;
            return this;
        }

        /** @param fraction the share of the nodes sampled each round, above 0 and at most 1 @return this */
        public Builder fraction(double fraction) {
            this.fraction = fraction;
            return this;
        }

        /** @param minNodes the fewest nodes that must report for a round to count (and to sample), at least 1 @return this */
        public Builder minNodes(int minNodes) {
            this.minNodes = minNodes;
            return this;
        }

        /**
         * @param settings the backend's settings for every step, such as {@code epochs} or {@code learning-rate};
         *                 the nodes check them
         * @return this
         */
        public Builder settings(Map<String, String> settings) {
            this.settings = new LinkedHashMap<>(settings);
            return this;
        }

        /** @param seed decides the sampling and every step's seed (unless the settings name one) @return this */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** @param stepTimeout how long one node's training step (or evaluation) may take, retries on busy nodes included @return this */
        public Builder stepTimeout(Duration stepTimeout) {
            this.stepTimeout = stepTimeout;
            return this;
        }

        /** @param token a token every node takes (rarely true: each node makes its own) @return this */
        public Builder token(String token) {
            return credentials(token == null ? null : NodeCredentials.token(token));
        }

        /** @param credentials the credentials for the nodes that have none of their own @return this */
        public Builder credentials(NodeCredentials credentials) {
            this.credentials = credentials;
            return this;
        }

        /** @param nodeId a node @param token its token, instead of the default credentials @return this */
        public Builder nodeToken(String nodeId, String token) {
            return nodeCredentials(nodeId, NodeCredentials.token(token));
        }

        /** @param nodeId a node @param credentials its credentials, instead of the default ones @return this */
        public Builder nodeCredentials(String nodeId, NodeCredentials credentials) {
            this.nodeCredentials.put(nodeId, Objects.requireNonNull(credentials, "credentials"));
            return this;
        }

        /**
         * @param file per-node credentials, consulted after {@link #nodeCredentials} and before {@link #credentials}
         * @return this
         */
        public Builder credentialsFile(CredentialsFile file) {
            this.credentialsFile = file;
            return this;
        }

        /**
         * @param report whether to show the run on the gateway's dashboard ({@code POST /training-runs}: tags,
         *               backend, node ids, round, status, held-out metrics; never data or models); default on
         * @return this
         */
        public Builder reportToGateway(boolean report) {
            this.reportToGateway = report;
            return this;
        }

        /**
         * @param tls whom an {@code https} gateway and nodes must be certified by, such as
         *            {@link org.gridplatform.client.TrustStore#sslContext()}; default {@code null}: the JVM's default
         *            trust store. Host names are always checked.
         * @return this
         */
        public Builder sslContext(SSLContext tls) {
            this.tls = tls;
            return this;
        }

        /** @param listener hears of the plan and each round @return this */
        public Builder listener(TrainingListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * @return the run
         * @throws IllegalArgumentException naming the setting that is out of range
         */
        public FederatedTraining build() {
            if (tags.isEmpty() || tags.size() > Limits.MAX_QUERY_TAGS) {
                throw new IllegalArgumentException("Give 1 to " + Limits.MAX_QUERY_TAGS + " tags, such as #iris");
            }
            if (backend == null || backend.isBlank()) {
                throw new IllegalArgumentException("Name a training backend, such as tribuo-logistic or tribuo-linear");
            }
            if (rounds < 1 || rounds > MAX_ROUNDS) {
                throw new IllegalArgumentException("rounds is " + rounds + ": use 1 to " + MAX_ROUNDS + ", such as 20");
            }
            if (!(fraction > 0 && fraction <= 1)) {
                throw new IllegalArgumentException("fraction is " + fraction + ": use a share above 0 and at most 1, such as 0.5");
            }
            if (minNodes < 1 || minNodes > MAX_NODES) {
                throw new IllegalArgumentException("min-nodes is " + minNodes + ": use 1 to " + MAX_NODES);
            }
            if (stepTimeout.isNegative() || stepTimeout.isZero()) {
                throw new IllegalArgumentException("The step timeout must be positive, such as 10m");
            }
            if (settings.size() > 64) {
                throw new IllegalArgumentException("There are " + settings.size() + " settings; a backend has far fewer");
            }
            return new FederatedTraining(this);
        }
    }
}
