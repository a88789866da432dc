package org.gridplatform.spi.training;

import java.util.Map;

/**
 * Aggregate metrics of parameters on a node's held-out examples.
 *
 * @param examples the number of examples evaluated (the weight when aggregating over nodes)
 * @param metrics  such as {@code loss} and {@code accuracy} (classification) or {@code rmse} (regression)
 */
public record Evaluation(long examples, Map<String, Double> metrics) {

    /** Copies the metrics. */
    public Evaluation {
        metrics = Map.copyOf(metrics);
    }
}
