package org.gridplatform.node.training;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.gridplatform.api.Durations;
import org.gridplatform.api.GridException;
import org.gridplatform.api.InvalidRequestException;
import org.gridplatform.api.ProblemType;
import org.gridplatform.api.TagQuery;
import org.gridplatform.api.Tags;
import org.gridplatform.api.Limits;
import org.gridplatform.node.TrainingDatasets;
import org.gridplatform.node.data.LoadedDataset;
import org.gridplatform.server.config.MicroProfilePluginConfig;
import org.gridplatform.server.discovery.DiscoveryHost;
import org.gridplatform.spi.training.Evaluation;
import org.gridplatform.spi.training.LocalUpdate;
import org.gridplatform.spi.training.ModelParameters;
import org.gridplatform.spi.training.ModelSchema;
import org.gridplatform.spi.training.Task;
import org.gridplatform.spi.training.TrainingData;
import org.gridplatform.api.training.TrainingStepRequest;
import org.gridplatform.api.training.TrainingStepAnswer;
import org.gridplatform.api.training.EvaluationRequest;
import org.gridplatform.api.training.EvaluationAnswer;
import org.gridplatform.api.training.SchemaWire;
import org.gridplatform.api.training.FeatureScaling;
import org.gridplatform.api.training.PackedParameters;
import org.gridplatform.api.training.TrainingPlanAnswer;
import org.gridplatform.api.training.TrainingPlanRequest;

/**
 * Training steps and evaluations on the node's own data: checks a request, selects the datasets and
 * the backend, aligns the data to the agreed schema (cached across rounds) and runs the backend on
 * the bounded {@link TrainingPool}. Only parameters, counts and aggregate metrics come back.
 *
 * <p>A coordinator may register what stays the same for a run as a {@linkplain TrainingPlan plan}
 * ({@link #register}), checked and aligned once, and then send only the plan's id and the parameters each round;
 * the full form, with the schema and scaling in every request, keeps working.
 *
 * <p>Configuration (read at deployment; an invalid value stops it):
 * {@code grid.node.training.concurrency} (training threads; default half the cores, at least 1),
 * {@code grid.node.training.queue} (waiting steps beyond those; default 4),
 * {@code grid.node.training.timeout} (per step, queue wait included; default {@code 10m}),
 * {@code grid.node.training.cache-bytes} (aligned rows kept across rounds; default 256 MiB),
 * {@code grid.node.training.max-plans} (plans kept; default 32), {@code grid.node.training.plan-idle-expiry}
 * (an unused plan is forgotten after it; default {@code 1h}), and each backend's defaults under
 * {@code grid.training.<backend>.}.
 */
@ApplicationScoped
public class TrainingService implements org.gridplatform.server.StartsAtDeployment {

    /** The most features a schema may have. */
    static final int MAX_FEATURES = 100_000;
    /** The most labels a schema may have. */
    static final int MAX_LABELS = 10_000;
    /** The most numbers a parameter matrix may have. */
    static final long MAX_PARAMETERS = 10_000_000;
    /** The plans' ids: what {@link java.util.UUID#toString()} writes. */
    private static final Pattern PLAN_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private static final Logger LOG = Logger.getLogger(TrainingService.class.getName());

    @Inject
    Instance<TrainingDatasets> catalog;

    @Inject
    Config config;

    @Inject
    @ConfigProperty(name = "grid.node.training.concurrency")
    java.util.Optional<Integer> concurrency;

    @Inject
    @ConfigProperty(name = "grid.node.training.queue", defaultValue = "4")
    int queue;

    @Inject
    @ConfigProperty(name = "grid.node.training.timeout", defaultValue = "10m")
    String timeout;

    @Inject
    @ConfigProperty(name = "grid.node.training.cache-bytes", defaultValue = "268435456")
    long cacheBytes;

    @Inject
    @ConfigProperty(name = "grid.node.training.max-plans", defaultValue = "32")
    int maxPlans;

    @Inject
    @ConfigProperty(name = "grid.node.training.plan-idle-expiry", defaultValue = "1h")
    String planIdleExpiry;

    /** The application registry (MicroProfile Metrics), served at {@code GET /metrics}. */
    @Inject
    MetricRegistry registry;

    private Supplier<TrainingDatasets> datasets;
    private TrainingBackends backends;
    private TrainingPool pool;
    private AlignedDataCache cache;
    private TrainingPlans plans;
    private TrainingMetrics metrics = TrainingMetrics.NONE;

    /** For CDI. */
    public TrainingService() {
    }

    /** For tests: the parts, without CDI or MicroProfile Config. */
    TrainingService(TrainingDatasets datasets, TrainingBackends backends, TrainingPool pool, AlignedDataCache cache) {
        this(datasets, backends, pool, cache, new TrainingPlans(32, Duration.ofHours(1), Clock.systemUTC()));
    }

    /** For tests: the parts, with a plan store of the test's own. */
    TrainingService(TrainingDatasets datasets, TrainingBackends backends, TrainingPool pool, AlignedDataCache cache,
                    TrainingPlans plans) {
        this.datasets = () -> datasets;
        this.backends = backends;
        this.pool = pool;
        this.cache = cache;
        this.plans = plans;
    }

    @PostConstruct
    void start() {
        try {
            int threads = concurrency.orElse(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
            ClassLoader loader = TrainingService.class.getClassLoader();
            backends = TrainingBackends.load(loader, factory -> new MicroProfilePluginConfig(config,
                    "grid.training." + factory.name(), factory.configKeys()));
            pool = new TrainingPool(threads, queue, Durations.parse(timeout, "grid.node.training.timeout"), loader);
            cache = new AlignedDataCache(cacheBytes);
            plans = new TrainingPlans(maxPlans, Durations.parse(planIdleExpiry, "grid.node.training.plan-idle-expiry"),
                    Clock.systemUTC());
            metrics = new TrainingMetrics(registry, plans::size);
            LOG.info(() -> "Training backends " + backends.names() + " on " + threads + " thread(s), " + queue
                    + " waiting place(s), time limit " + timeout + "; up to " + maxPlans + " plans, each kept "
                    + planIdleExpiry + " unused");
        } catch (IllegalArgumentException | IllegalStateException | InvalidRequestException e) {
            LOG.severe(DiscoveryHost.CONFIGURATION_ERROR + e.getMessage());
            throw e;
        }
        datasets = () -> {
            if (catalog.isUnsatisfied()) {
                throw new GridException(ProblemType.SERVICE_UNAVAILABLE, "This node offers no datasets for training");
            }
            return catalog.get();
        };
    }

    /** Creates the backends at deployment, so that a configuration error stops it rather than the first step. */
    @Override
    public void startAtDeployment() {
        backends.names();
    }

    @PreDestroy
    void stop() {
        if (pool != null) {
            pool.close();
        }
    }

    /**
     * Trains one local step.
     *
     * @param request the coordinator's request
     * @return the new parameters, the number of examples and the metrics
     * @throws GridException {@code 400} if the request does not fit the node's data or backends, {@code 404}
     *                       if no dataset matches or (type {@code unknown-training-plan}) the node does not hold the
     *                       named plan, {@code 429} if the node is busy, {@code 503} past the time limit
     */
    public TrainingStepAnswer step(TrainingStepRequest request) {
        return step(request, null);
    }

    /**
     * @param request the coordinator's request
     * @param stepId  the coordinator's id of this step, by which {@link #cancel(String)} stops it; may be {@code null}
     * @return as {@link #step(TrainingStepRequest)}
     */
    public TrainingStepAnswer step(TrainingStepRequest request, String stepId) {
        return metrics.step(() -> runStep(request, stepId));
    }

    private TrainingStepAnswer runStep(TrainingStepRequest request, String stepId) {
        Job job = request.planId() != null
                ? planJob(request.planId(), request.dataset(), request.tags(), request.backend(), request.schema(),
                        request.scaling(), new WireParameters(request.parameters(), request.packedParameters()),
                        request.settings())
                : job(request.dataset(), request.tags(), request.backend(), request.schema(), request.scaling(),
                        new WireParameters(request.parameters(), request.packedParameters()), request.settings());
        RequestSettings settings = RequestSettings.of(job.backend().name(), job.backend().keys(), job.settings(),
                job.backend().config());
        return pool.run(() -> {
            // Node compute includes aligning the rows to the schema and scaling (once per run, then cached): it is
            // local work on local data, not the platform's.
            long start = System.nanoTime();
            TrainingData data = job.rows(true);
            LocalUpdate update = job.backend().backend().train(data, job.parameters(), settings);
            long ms = (System.nanoTime() - start) / 1_000_000;
            // The answer's parameters in the request's form: a coordinator that packs reads packed answers.
            return job.packed()
                    ? TrainingStepAnswer.packed(update.parameters().weights(), update.examples(), update.metrics(), ms)
                    : new TrainingStepAnswer(update.parameters().weights(), update.examples(), update.metrics(), ms);
        }, stepId);
    }

    /**
     * Cancels a waiting or running step.
     *
     * @param stepId the coordinator's id of the step
     * @throws GridException {@code 404} if no step with this id waits or runs
     */
    public void cancel(String stepId) {
        if (!pool.cancel(stepId)) {
            throw new GridException(org.gridplatform.api.ProblemType.NOT_FOUND, "No training step with id " + stepId
                    + " is waiting or running; it may have finished");
        }
    }

    /**
     * Evaluates parameters on the held-out rows of the selected datasets.
     *
     * @param request the coordinator's request
     * @return the number of held-out examples and aggregate metrics
     * @throws GridException as {@link #step}
     */
    public EvaluationAnswer evaluate(EvaluationRequest request) {
        return metrics.evaluation(() -> runEvaluation(request));
    }

    private EvaluationAnswer runEvaluation(EvaluationRequest request) {
        Job job = request.planId() != null
                ? planJob(request.planId(), request.dataset(), request.tags(), request.backend(), request.schema(),
                        request.scaling(), new WireParameters(request.parameters(), request.packedParameters()), null)
                : job(request.dataset(), request.tags(), request.backend(), request.schema(), request.scaling(),
                        new WireParameters(request.parameters(), request.packedParameters()), null);
        return pool.run(() -> {
            long start = System.nanoTime();
            TrainingData data = job.rows(false);
            Evaluation evaluation = job.backend().backend().evaluate(data, job.parameters());
            return new EvaluationAnswer(evaluation.examples(), evaluation.metrics(), (System.nanoTime() - start) / 1_000_000);
        });
    }

    /** A checked request; its settings are checked by {@link RequestSettings} where they are used. */
    private record Job(TrainingBackends.Backend backend, ModelParameters parameters, boolean packed,
                       Map<String, FeatureScaling> scaling, List<LoadedDataset> datasets, AlignedDataCache cache,
                       Map<String, Object> settings) {

        AlignedRows rows(boolean train) {
            List<AlignedRows> parts = new ArrayList<>();
            for (LoadedDataset dataset : datasets) {
                AlignedDataset aligned = cache.aligned(dataset, parameters.schema(), scaling);
                parts.add(train ? aligned.train() : aligned.heldOut());
            }
            return AlignedRows.concat(parameters.schema(), parts);
        }
    }

    private Job job(String dataset, List<String> tags, String backendName, SchemaWire schemaWire,
                    Map<String, FeatureScaling> scalingWire, WireParameters weights, Map<String, Object> settings) {
        TrainingBackends.Backend backend = backends.select(backendName);
        ModelSchema schema = schema(schemaWire);
        requireTask(backend, schema);
        ModelParameters parameters = parameters(schema, weights);
        Map<String, FeatureScaling> scaling = scaling(schema, scalingWire);
        return new Job(backend, parameters, weights.packed() != null, scaling, datasets(dataset, tags), cache, settings);
    }

    /** A request in the plan form: only the parameters (and settings over the plan's) besides the plan's id. */
    private Job planJob(String planId, String dataset, List<String> tags, String backend, SchemaWire schema,
                        Map<String, FeatureScaling> scaling, WireParameters weights, Map<String, Object> settings) {
        List<String> extra = new ArrayList<>();
        if (dataset != null) {
            extra.add("'dataset'");
        }
        if (tags != null) {
            extra.add("'tags'");
        }
        if (backend != null) {
            extra.add("'backend'");
        }
        if (schema != null) {
            extra.add("'schema'");
        }
        if (scaling != null) {
            extra.add("'scaling'");
        }
        if (!extra.isEmpty()) {
            throw new InvalidRequestException("A request with 'plan-id' takes the data selection, backend, schema and"
                    + " scaling from its plan, but this one also has " + String.join(", ", extra) + ": send either 'plan-id'"
                    + " and 'parameters' or 'packed-parameters' (and optional 'settings'), or the full request without 'plan-id'");
        }
        TrainingPlan plan = plan(planId);
        Map<String, Object> merged = plan.settings();
        if (settings != null && !settings.isEmpty()) {
            merged = new HashMap<>(plan.settings());
            merged.putAll(settings);
        }
        return new Job(plan.backend(), parameters(plan.schema(), weights), weights.packed() != null, plan.scaling(),
                datasets(plan.dataset(), plan.tags()), cache, merged);
    }

    /**
     * Registers a plan: checks everything a step would check but the parameters, aligns the selected datasets to
     * the schema and scaling (on the training pool, so that the first round does not pay for it), and keeps it.
     *
     * @param request the plan
     * @return its id and when it expires unless used
     * @throws GridException {@code 400} if the plan does not fit the node's data or backends, {@code 404} if no
     *                       dataset matches, {@code 429} if the node is busy, {@code 503} past the time limit
     */
    public TrainingPlanAnswer register(TrainingPlanRequest request) {
        return metrics.plan(() -> {
            TrainingBackends.Backend backend = backends.select(request.backend());
            ModelSchema schema = schema(request.schema());
            requireTask(backend, schema);
            Map<String, FeatureScaling> scaling = scaling(schema, request.scaling());
            RequestSettings settings = RequestSettings.of(backend.name(), backend.keys(), request.settings(), backend.config());
            try {
                backend.backend().checkSettings(settings);
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException(e.getMessage());
            }
            List<LoadedDataset> selected = datasets(request.dataset(), request.tags());
            pool.run(() -> {
                for (LoadedDataset dataset : selected) {
                    cache.aligned(dataset, schema, scaling);
                }
                return null;
            });
            TrainingPlan plan = new TrainingPlan(backend, schema, scaling,
                    request.settings() == null ? Map.of() : Map.copyOf(request.settings()), request.dataset(),
                    request.tags() == null ? null : List.copyOf(request.tags()));
            TrainingPlans.Registered registered = plans.add(plan);
            return new TrainingPlanAnswer(registered.id(), registered.expiresAt());
        });
    }

    /**
     * Forgets a plan.
     *
     * @param planId the plan's id
     * @throws GridException {@code 400} if it is not a plan id, {@code 404 unknown-training-plan} if the node does
     *                       not hold it
     */
    public void dropPlan(String planId) {
        if (!plans.remove(validPlanId(planId))) {
            throw unknownPlan(planId);
        }
    }

    private TrainingPlan plan(String planId) {
        return plans.use(validPlanId(planId)).orElseThrow(() -> unknownPlan(planId));
    }

    private GridException unknownPlan(String planId) {
        return new GridException(ProblemType.UNKNOWN_TRAINING_PLAN, "This node holds no training plan " + planId
                + ": it was dropped, unused for " + plans.describeIdleExpiry()
                + " (grid.node.training.plan-idle-expiry), displaced by newer plans, or the node restarted; register the plan"
                + " again with POST /training/plans and use the new plan-id");
    }

    private static String validPlanId(String planId) {
        if (!PLAN_ID.matcher(planId).matches()) {
            throw new InvalidRequestException("plan-id is not an id this node gives: send the \"plan-id\" that"
                    + " POST /training/plans answered, such as \"0f8e3c1e-7a52-4d0c-9a43-1f9d0e5b6c7a\"");
        }
        return planId;
    }

    private static void requireTask(TrainingBackends.Backend backend, ModelSchema schema) {
        if (backend.backend().task() != schema.task()) {
            throw new InvalidRequestException("The backend " + backend.name() + " trains " + describe(backend.backend().task())
                    + " models but the schema is for " + describe(schema.task()) + ": choose a "
                    + describe(schema.task()) + " backend");
        }
    }

    static ModelSchema schema(SchemaWire wire) {
        if (wire == null) {
            throw new InvalidRequestException("The field 'schema' is required: {\"task\": \"classification\", \"features\": [...],"
                    + " \"labels\": [...], \"target\": \"...\"}");
        }
        if (wire.task() == null) {
            throw new InvalidRequestException("schema.task is required: classification or regression");
        }
        Task task = switch (wire.task().strip().toLowerCase(Locale.ROOT)) {
            case "classification" -> Task.CLASSIFICATION;
            case "regression" -> Task.REGRESSION;
            default -> throw new InvalidRequestException("schema.task is \"" + wire.task() + "\": use classification or regression");
        };
        if (wire.target() == null || wire.target().isBlank()) {
            throw new InvalidRequestException("schema.target is required: the name of the column the model predicts");
        }
        List<String> features = names(wire.features(), "features", MAX_FEATURES, true);
        List<String> labels = names(wire.labels(), "labels", MAX_LABELS, false);
        try {
            return new ModelSchema(task, features, labels, wire.target());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("schema: " + e.getMessage());
        }
    }

    private static List<String> names(List<String> names, String field, int max, boolean required) {
        if (names == null) {
            if (required) {
                throw new InvalidRequestException("schema." + field + " is required: the names, in the order of the parameters");
            }
            return List.of();
        }
        if (names.size() > max) {
            throw new InvalidRequestException("schema." + field + " has " + names.size() + " names; at most " + max + " are allowed");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name == null || name.isBlank()) {
                throw new InvalidRequestException("schema." + field + "[" + i + "] is empty: give every name");
            }
            if (!seen.add(name)) {
                throw new InvalidRequestException("schema." + field + " names '" + name + "' twice: give each a distinct name");
            }
        }
        return names;
    }

    /**
     * A request's parameters as it sent them: as arrays of numbers, or packed ({@link PackedParameters}); exactly one
     * should be non-null.
     */
    record WireParameters(double[][] arrays, String packed) {
    }

    static ModelParameters parameters(ModelSchema schema, WireParameters wire) {
        int columns = schema.features().size() + 1;
        if (wire.arrays() != null && wire.packed() != null) {
            throw new InvalidRequestException("The request has both 'parameters' and 'packed-parameters': send the parameters"
                    + " once, either as rows of numbers or packed (base64 of little-endian float64)");
        }
        if (wire.arrays() == null && wire.packed() == null) {
            throw new InvalidRequestException("The field 'parameters' is required: " + schema.outputs() + " rows of " + columns
                    + " numbers (one per feature, then the bias); start from zeros. Or send them packed, as"
                    + " 'packed-parameters': base64 of the " + (long) schema.outputs() * columns
                    + " numbers as little-endian float64, row after row");
        }
        double[][] weights;
        if (wire.packed() != null) {
            try {
                // Not-finite numbers pass the decoding; ModelParameters refuses them below, as in the array form.
                weights = PackedParameters.decode(wire.packed(), schema.outputs(), columns);
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException(e.getMessage());
            }
        } else {
            weights = wire.arrays();
        }
        long numbers = 0;
        for (double[] row : weights) {
            numbers += row == null ? 0 : row.length;
        }
        if (numbers > MAX_PARAMETERS) {
            throw new InvalidRequestException("The parameters have " + numbers + " numbers; at most " + MAX_PARAMETERS + " are allowed");
        }
        try {
            return new ModelParameters(schema, weights);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage());
        }
    }

    static Map<String, FeatureScaling> scaling(ModelSchema schema, Map<String, FeatureScaling> scaling) {
        if (scaling == null) {
            return Map.of();
        }
        if (scaling.keySet().stream().anyMatch(java.util.Objects::isNull)) {
            // JSON-B also reads a map from an array of {"key", "value"} entries, whose key may be missing.
            throw new InvalidRequestException("scaling has an entry without a feature name: write it as a JSON object by feature,"
                    + " such as {\"sepal_length\": {\"offset\": 5.8, \"scale\": 0.83}}");
        }
        Set<String> unknown = new TreeSet<>(scaling.keySet());
        schema.features().forEach(unknown::remove);
        if (!unknown.isEmpty()) {
            throw new InvalidRequestException("scaling names " + String.join(", ", unknown)
                    + ", which the schema's features do not list: scale only schema features");
        }
        for (var entry : scaling.entrySet()) {
            FeatureScaling s = entry.getValue();
            if (s == null || !Double.isFinite(s.offset()) || !Double.isFinite(s.scale()) || s.scale() <= 0) {
                throw new InvalidRequestException("scaling." + entry.getKey() + " needs a finite offset and a positive finite"
                        + " scale, such as {\"offset\": 5.8, \"scale\": 0.83}");
            }
        }
        return Map.copyOf(scaling);
    }

    private List<LoadedDataset> datasets(String id, List<String> tags) {
        if ((id == null) == (tags == null)) {
            throw new InvalidRequestException("Select the data with exactly one of 'dataset' (a dataset id) and 'tags'"
                    + " (such as [\"#iris\"])");
        }
        TrainingDatasets catalog = datasets.get();
        if (id != null) {
            return List.of(catalog.loaded(id));
        }
        if (tags.isEmpty() || tags.size() > Limits.MAX_QUERY_TAGS) {
            throw new InvalidRequestException("The field 'tags' needs 1 to " + Limits.MAX_QUERY_TAGS + " tags, such as [\"#iris\"]");
        }
        Set<String> normal = new TreeSet<>();
        for (int i = 0; i < tags.size(); i++) {
            normal.add(Tags.validate(tags.get(i), "tags[" + i + "]"));
        }
        TagQuery query = new TagQuery(normal);
        List<String> ids = catalog.matching(query);
        if (ids.isEmpty()) {
            throw new GridException(ProblemType.NOT_FOUND, "No dataset on this node carries every tag of "
                    + query.displayTags() + "; see GET /datasets");
        }
        return ids.stream().map(catalog::loaded).toList();
    }

    private static String describe(Task task) {
        return task.name().toLowerCase(Locale.ROOT);
    }
}
