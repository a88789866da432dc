package org.gridplatform.node.training;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.logging.Logger;
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

/**
 * Training steps and evaluations on the node's own data: checks a request, selects the datasets and
 * the backend, aligns the data to the agreed schema (cached across rounds) and runs the backend on
 * the bounded {@link TrainingPool}. Only parameters, counts and aggregate metrics come back.
 *
 * <p>Configuration (read at deployment; an invalid value stops it):
 * {@code grid.node.training.concurrency} (training threads; default half the cores, at least 1),
 * {@code grid.node.training.queue} (waiting steps beyond those; default 4),
 * {@code grid.node.training.timeout} (per step, queue wait included; default {@code 10m}),
 * {@code grid.node.training.cache-bytes} (aligned rows kept across rounds; default 256 MiB), and each
 * backend's defaults under {@code grid.training.<backend>.}.
 */
@ApplicationScoped
public class TrainingService implements org.gridplatform.server.StartsAtDeployment {

    /** The most features a schema may have. */
    static final int MAX_FEATURES = 100_000;
    /** The most labels a schema may have. */
    static final int MAX_LABELS = 10_000;
    /** The most numbers a parameter matrix may have. */
    static final long MAX_PARAMETERS = 10_000_000;

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

    /** The application registry (MicroProfile Metrics), served at {@code GET /metrics}. */
    @Inject
    MetricRegistry registry;

    private Supplier<TrainingDatasets> datasets;
    private TrainingBackends backends;
    private TrainingPool pool;
    private AlignedDataCache cache;
    private TrainingMetrics metrics = TrainingMetrics.NONE;

    /** For CDI. */
    public TrainingService() {
    }

    /** For tests: the parts, without CDI or MicroProfile Config. */
    TrainingService(TrainingDatasets datasets, TrainingBackends backends, TrainingPool pool, AlignedDataCache cache) {
        this.datasets = () -> datasets;
        this.backends = backends;
        this.pool = pool;
        this.cache = cache;
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
            metrics = new TrainingMetrics(registry);
            LOG.info(() -> "Training backends " + backends.names() + " on " + threads + " thread(s), " + queue
                    + " waiting place(s), time limit " + timeout);
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
     *                       if no dataset matches, {@code 429} if the node is busy, {@code 503} past the time limit
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
        Job job = job(request.dataset(), request.tags(), request.backend(), request.schema(), request.scaling(),
                request.parameters());
        RequestSettings settings = RequestSettings.of(job.backend().name(), job.backend().keys(), request.settings(),
                job.backend().config());
        return pool.run(() -> {
            // Node compute includes aligning the rows to the schema and scaling (once per run, then cached): it is
            // local work on local data, not the platform's.
            long start = System.nanoTime();
            TrainingData data = job.rows(true);
            LocalUpdate update = job.backend().backend().train(data, job.parameters(), settings);
            long ms = (System.nanoTime() - start) / 1_000_000;
            return new TrainingStepAnswer(update.parameters().weights(), update.examples(), update.metrics(), ms);
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
        Job job = job(request.dataset(), request.tags(), request.backend(), request.schema(), request.scaling(),
                request.parameters());
        return pool.run(() -> {
            long start = System.nanoTime();
            TrainingData data = job.rows(false);
            Evaluation evaluation = job.backend().backend().evaluate(data, job.parameters());
            return new EvaluationAnswer(evaluation.examples(), evaluation.metrics(), (System.nanoTime() - start) / 1_000_000);
        });
    }

    /** A checked request: everything but the settings. */
    private record Job(TrainingBackends.Backend backend, ModelParameters parameters, Map<String, FeatureScaling> scaling,
                       List<LoadedDataset> datasets, AlignedDataCache cache) {

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
                    Map<String, FeatureScaling> scalingWire, double[][] weights) {
        TrainingBackends.Backend backend = backends.select(backendName);
        ModelSchema schema = schema(schemaWire);
        if (backend.backend().task() != schema.task()) {
            throw new InvalidRequestException("The backend " + backend.name() + " trains " + describe(backend.backend().task())
                    + " models but the schema is for " + describe(schema.task()) + ": choose a "
                    + describe(schema.task()) + " backend");
        }
        ModelParameters parameters = parameters(schema, weights);
        Map<String, FeatureScaling> scaling = scaling(schema, scalingWire);
        return new Job(backend, parameters, scaling, datasets(dataset, tags), cache);
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

    static ModelParameters parameters(ModelSchema schema, double[][] weights) {
        int columns = schema.features().size() + 1;
        if (weights == null) {
            throw new InvalidRequestException("The field 'parameters' is required: " + schema.outputs() + " rows of " + columns
                    + " numbers (one per feature, then the bias); start from zeros");
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
