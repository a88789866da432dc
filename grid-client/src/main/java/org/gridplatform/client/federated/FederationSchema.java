package org.gridplatform.client.federated;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.gridplatform.api.DatasetDescription;
import org.gridplatform.api.FeatureStatistics;
import org.gridplatform.api.training.FeatureScaling;
import org.gridplatform.spi.training.ModelSchema;
import org.gridplatform.spi.training.Task;

/**
 * What every node of a run agrees on before the first round: one schema and one feature scaling.
 *
 * <ul>
 *   <li>Every dataset must have the same task and the same target column; otherwise the data cannot
 *       train one model, and the message names the datasets that differ.</li>
 *   <li>The features are the union of the datasets' features, and the labels the union of their
 *       labels, each in order of first appearance (nodes by id, then datasets by id). A node fills a
 *       feature it lacks with 0 after scaling, the global mean.</li>
 *   <li>Each feature is standardised with the pooled statistics of every dataset that has it
 *       ({@link GlobalScaling}); regression targets are not scaled.</li>
 * </ul>
 *
 * @param schema  the agreed schema
 * @param scaling the agreed scaling of each feature, in the schema's order
 */
public record FederationSchema(ModelSchema schema, Map<String, FeatureScaling> scaling) {

    /** The most features a node accepts in a schema. */
    static final int MAX_FEATURES = 100_000;
    /** The most labels a node accepts in a schema. */
    static final int MAX_LABELS = 10_000;

    /** Copies the scaling. */
    public FederationSchema {
        scaling = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(scaling));
    }

    /**
     * @param nodes        the nodes and their matching datasets; at least one dataset
     * @param backend      the backend's name, for messages
     * @param backendTask  the task the backend trains, or {@code null} if unknown (the data decides)
     * @return the agreed schema and scaling
     * @throws IllegalArgumentException naming the datasets that cannot train one model, and why
     */
    public static FederationSchema agree(List<NodeDatasets> nodes, String backend, Task backendTask) {
        List<Located> datasets = new ArrayList<>();
        nodes.stream().sorted(Comparator.comparing(NodeDatasets::nodeId)).forEach(node -> node.datasets().stream()
                .sorted(Comparator.comparing(DatasetDescription::id))
                .forEach(d -> datasets.add(new Located(node.nodeId() + "/" + d.id(), d))));
        if (datasets.isEmpty()) {
            throw new IllegalArgumentException("No dataset matches the tags; there is nothing to train on");
        }
        Task task = sameTask(datasets);
        if (backendTask != null && backendTask != task) {
            throw new IllegalArgumentException("The backend " + backend + " trains " + describe(backendTask)
                    + " models but the datasets are for " + describe(task) + " (target '" + datasets.get(0).dataset().target()
                    + "'): choose a " + describe(task) + " backend, such as "
                    + (task == Task.CLASSIFICATION ? "tribuo-logistic" : "tribuo-linear"));
        }
        String target = sameTarget(datasets);

        Set<String> features = new LinkedHashSet<>();
        Set<String> labels = new LinkedHashSet<>();
        Map<String, List<FeatureStatistics>> statistics = new LinkedHashMap<>();
        for (Located located : datasets) {
            DatasetDescription d = located.dataset();
            if (d.features() == null || d.statistics() == null) {
                throw new IllegalArgumentException("The node did not describe the features and statistics of " + located.where()
                        + "; it may run an older version of Grid");
            }
            features.addAll(d.features());
            if (task == Task.CLASSIFICATION && d.labels() != null) {
                labels.addAll(d.labels());
            }
            for (FeatureStatistics s : d.statistics().features()) {
                statistics.computeIfAbsent(s.name(), n -> new ArrayList<>()).add(s);
            }
        }
        if (features.size() > MAX_FEATURES) {
            throw new IllegalArgumentException("The datasets have " + features.size() + " distinct features together; a node"
                    + " accepts at most " + MAX_FEATURES + ": narrow the tags to datasets with the same columns");
        }
        if (labels.size() > MAX_LABELS) {
            throw new IllegalArgumentException("The datasets have " + labels.size() + " distinct labels together; a node"
                    + " accepts at most " + MAX_LABELS);
        }
        if (task == Task.CLASSIFICATION && labels.size() < 2) {
            throw new IllegalArgumentException("The datasets have " + labels.size() + " label" + (labels.size() == 1 ? "" : "s")
                    + " (" + String.join(", ", labels) + ") together; a classifier needs at least two");
        }
        Map<String, List<FeatureStatistics>> perFeature = new LinkedHashMap<>();
        for (String feature : features) {
            List<FeatureStatistics> parts = statistics.get(feature);
            if (parts == null) {
                throw new IllegalArgumentException("No dataset gave statistics of its feature '" + feature + "'");
            }
            perFeature.put(feature, parts);
        }
        ModelSchema schema = new ModelSchema(task, List.copyOf(features),
                task == Task.CLASSIFICATION ? List.copyOf(labels) : List.of(), target);
        return new FederationSchema(schema, GlobalScaling.standardise(perFeature));
    }

    private record Located(String where, DatasetDescription dataset) {
    }

    private static Task sameTask(List<Located> datasets) {
        Map<String, List<String>> byTask = new TreeMap<>();
        for (Located d : datasets) {
            String task = d.dataset().task() == null ? "unknown" : d.dataset().task().toLowerCase(Locale.ROOT);
            byTask.computeIfAbsent(task, t -> new ArrayList<>()).add(d.where());
        }
        if (byTask.size() > 1) {
            throw new IllegalArgumentException("The datasets cannot train one model: their tasks differ ("
                    + describeGroups(byTask) + "); narrow the tags to datasets of one task");
        }
        return switch (byTask.keySet().iterator().next()) {
            case "classification" -> Task.CLASSIFICATION;
            case "regression" -> Task.REGRESSION;
            default -> throw new IllegalArgumentException("The datasets' task is " + byTask.keySet().iterator().next()
                    + "; Grid trains classification and regression models");
        };
    }

    private static String sameTarget(List<Located> datasets) {
        Map<String, List<String>> byTarget = new TreeMap<>();
        for (Located d : datasets) {
            byTarget.computeIfAbsent(String.valueOf(d.dataset().target()), t -> new ArrayList<>()).add(d.where());
        }
        if (byTarget.size() > 1) {
            throw new IllegalArgumentException("The datasets cannot train one model: they predict different columns ("
                    + describeGroups(byTarget) + "); narrow the tags, or ask the data owners to name the target alike");
        }
        return byTarget.keySet().iterator().next();
    }

    private static String describeGroups(Map<String, List<String>> groups) {
        List<String> parts = new ArrayList<>();
        groups.forEach((key, where) -> parts.add(key + ": " + String.join(", ", where.subList(0, Math.min(5, where.size())))
                + (where.size() > 5 ? " and " + (where.size() - 5) + " more" : "")));
        return String.join("; ", parts);
    }

    private static String describe(Task task) {
        return task == Task.CLASSIFICATION ? "classification" : "regression";
    }
}
