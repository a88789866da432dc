package org.gridplatform.spi.training;

import java.util.Map;

/**
 * What a training step returns to the coordinator: new parameters, how many examples they were
 * trained on (the weight in federated averaging), and aggregate metrics. Never examples or values.
 *
 * @param parameters the parameters after the local epochs
 * @param examples   the number of examples trained on
 * @param metrics    aggregate metrics such as {@code loss}, {@code accuracy} or {@code rmse}
 */
public record LocalUpdate(ModelParameters parameters, long examples, Map<String, Double> metrics) {

    /** Copies the metrics. */
    public LocalUpdate {
        metrics = Map.copyOf(metrics);
    }
}
