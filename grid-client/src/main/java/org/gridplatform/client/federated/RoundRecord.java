package org.gridplatform.client.federated;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * What happened in one round of a run: who was asked, who answered, the metrics, and where the time went.
 *
 * @param round                 the round, from 1
 * @param sampled               the nodes sent a training step, by id
 * @param reported              the nodes whose update was averaged, by id
 * @param dropped               the sampled nodes that did not report, each with the reason
 * @param trainingExamples      the examples the reported updates were trained on together
 * @param trainingMetrics       the nodes' training metrics averaged by their example counts (of the new local parameters
 *                              on their own training rows)
 * @param evaluation            the new global parameters' metrics on every node's held-out rows, aggregated by counts
 *                              (federated evaluation): {@code loss} and {@code accuracy}, or {@code loss}, {@code rmse}
 *                              and {@code mae}; empty if no node evaluated
 * @param evaluatedExamples     the held-out examples behind {@code evaluation}
 * @param unevaluated           the nodes whose evaluation failed, each with the reason
 * @param durationMs            the round's wall time: training, averaging and evaluation
 * @param trainingMs            the wall time of the training phase (from sending the steps to averaging the updates)
 * @param slowestStepMs         the longest local training of the round as the nodes measured it (compute only)
 * @param evaluationMs          the wall time of the evaluation phase
 * @param slowestEvaluationMs   the longest evaluation of the round as the nodes measured it
 */
@JsonbPropertyOrder({"round", "sampled", "reported", "dropped", "trainingExamples", "trainingMetrics", "evaluation",
        "evaluatedExamples", "unevaluated", "durationMs", "trainingMs", "slowestStepMs", "evaluationMs", "slowestEvaluationMs"})
public record RoundRecord(int round, List<String> sampled, List<String> reported, Map<String, String> dropped,
                          @JsonbProperty("training-examples") long trainingExamples,
                          @JsonbProperty("training-metrics") Map<String, Double> trainingMetrics,
                          Map<String, Double> evaluation,
                          @JsonbProperty("evaluated-examples") long evaluatedExamples,
                          Map<String, String> unevaluated,
                          @JsonbProperty("duration-ms") long durationMs,
                          @JsonbProperty("training-ms") long trainingMs,
                          @JsonbProperty("slowest-step-ms") long slowestStepMs,
                          @JsonbProperty("evaluation-ms") long evaluationMs,
                          @JsonbProperty("slowest-evaluation-ms") long slowestEvaluationMs) {

    /** Copies the collections. */
    public RoundRecord {
        sampled = List.copyOf(sampled);
        reported = List.copyOf(reported);
        dropped = Map.copyOf(dropped);
        trainingMetrics = Map.copyOf(trainingMetrics);
        evaluation = Map.copyOf(evaluation);
        unevaluated = Map.copyOf(unevaluated);
    }

    /**
     * The share of the round's wall time not spent computing on a node: HTTP, JSON, queueing, averaging
     * and the coordinator's own work. Nodes train in parallel, so the compute of a round is its slowest
     * step plus its slowest evaluation.
     *
     * @return between 0 and 1
     */
    public double platformShare() {
        if (durationMs <= 0) {
            return 0;
        }
        return Math.max(0, Math.min(1, 1 - (double) (slowestStepMs + slowestEvaluationMs) / durationMs));
    }

    /**
     * @return the headline metric of the held-out evaluation: accuracy for classification, RMSE for
     *         regression; {@code NaN} if no node evaluated
     */
    public double headline() {
        Double value = evaluation.containsKey(Metrics.ACCURACY) ? evaluation.get(Metrics.ACCURACY) : evaluation.get(Metrics.RMSE);
        return value == null ? Double.NaN : value;
    }
}
