package org.gridplatform.client.federated;

import java.util.List;
import java.util.Map;
import org.gridplatform.api.training.FeatureScaling;
import org.gridplatform.spi.training.ModelParameters;
import org.gridplatform.spi.training.ModelSchema;

/**
 * The outcome of a run: the final global parameters, what they mean, and the history of every round.
 *
 * @param plan       the participants and the agreed schema and scaling
 * @param parameters the global parameters after the last finished round; they expect features scaled by
 *                   {@code plan.scaling()} ({@link TribuoExport} folds the scaling in)
 * @param history    one record per finished round
 * @param cancelled  {@code true} if the run was cancelled before its last round
 */
public record TrainingResult(Plan plan, ModelParameters parameters, List<RoundRecord> history, boolean cancelled) {

    /** Copies the history. */
    public TrainingResult {
        history = List.copyOf(history);
    }

    /**
     * What a run agreed on before its first round.
     *
     * @param tags         the query
     * @param backend      the training backend
     * @param settings     the settings sent with every step (the seed included)
     * @param rounds       the rounds asked for
     * @param nodes        the participating nodes and their matching datasets, by node id
     * @param unanswered   the nodes the search named as unanswered (not taking part)
     * @param excluded     the nodes found but left out before the first round, each with the reason
     * @param schema       the agreed schema
     * @param scaling      the agreed feature scaling
     */
    public record Plan(List<String> tags, String backend, Map<String, String> settings, int rounds, List<NodeDatasets> nodes,
                       List<String> unanswered, Map<String, String> excluded, ModelSchema schema,
                       Map<String, FeatureScaling> scaling) {

        /** Copies the collections. */
        public Plan {
            tags = List.copyOf(tags);
            settings = Map.copyOf(settings);
            nodes = List.copyOf(nodes);
            unanswered = List.copyOf(unanswered);
            excluded = Map.copyOf(excluded);
        }
    }

    /** @return the last round's record */
    public RoundRecord last() {
        if (history.isEmpty()) {
            throw new IllegalStateException("The run finished no round");
        }
        return history.get(history.size() - 1);
    }
}
