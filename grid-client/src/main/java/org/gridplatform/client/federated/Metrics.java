package org.gridplatform.client.federated;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Aggregates the nodes' metrics into the metrics of all their examples together: a mean metric
 * (loss, accuracy, MAE) is the example-weighted mean of the nodes' values; RMSE is the square root of
 * the weighted mean of the squares, which is exactly the RMSE over all examples.
 */
public final class Metrics {

    /** The share of correct predictions. */
    public static final String ACCURACY = "accuracy";
    /** The root mean squared error. */
    public static final String RMSE = "rmse";

    private Metrics() {
    }

    /**
     * One node's metrics.
     *
     * @param examples how many examples they are over
     * @param values   by name
     */
    public record Part(long examples, Map<String, Double> values) {
    }

    /**
     * @param parts each node's metrics; metrics missing on some node are aggregated over the others
     * @return the aggregate of each metric, by name
     */
    public static Map<String, Double> aggregate(List<Part> parts) {
        Map<String, double[]> sums = new TreeMap<>();
        for (Part part : parts) {
            if (part.examples() <= 0) {
                continue;
            }
            part.values().forEach((name, value) -> {
                if (value != null && Double.isFinite(value)) {
                    double[] sum = sums.computeIfAbsent(name, n -> new double[2]);
                    sum[0] += part.examples() * (RMSE.equals(name) ? value * value : value);
                    sum[1] += part.examples();
                }
            });
        }
        Map<String, Double> result = new TreeMap<>();
        sums.forEach((name, sum) -> {
            double mean = sum[0] / sum[1];
            result.put(name, RMSE.equals(name) ? Math.sqrt(mean) : mean);
        });
        return result;
    }
}
