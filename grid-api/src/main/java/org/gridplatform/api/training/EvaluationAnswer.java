package org.gridplatform.api.training;

import jakarta.json.bind.annotation.JsonbProperty;
import java.util.Map;

/**
 * Aggregate metrics of parameters on the node's held-out rows: nothing per example.
 *
 * @param examples   the number of held-out examples (the weight when averaging over nodes)
 * @param metrics    such as {@code loss} and {@code accuracy}, or {@code loss}, {@code rmse} and {@code mae}
 * @param durationMs how long the evaluation took on the node, aligning its held-out rows included; queue wait excluded
 */
public record EvaluationAnswer(long examples, Map<String, Double> metrics, @JsonbProperty("duration-ms") long durationMs) {
}
