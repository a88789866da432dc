package org.gridplatform.api.training;

import jakarta.json.bind.annotation.JsonbProperty;
import java.util.Map;

/**
 * The answer to a training step: the new parameters, the number of examples they were trained on
 * (the weight in federated averaging) and aggregate metrics. Never examples or values.
 *
 * @param parameters the parameters after the local epochs, in the schema's order
 * @param examples   the number of training examples
 * @param metrics    aggregate metrics of the new parameters on the training examples
 * @param durationMs how long the step took on the node: aligning its rows when they are not cached yet (the first step of a run without a plan) and training; queue wait excluded
 */
public record TrainingStepAnswer(double[][] parameters, long examples, Map<String, Double> metrics,
                                 @JsonbProperty("duration-ms") long durationMs) {
}
