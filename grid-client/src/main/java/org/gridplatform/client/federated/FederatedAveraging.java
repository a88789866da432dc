package org.gridplatform.client.federated;

import java.util.List;
import org.gridplatform.spi.training.LocalUpdate;
import org.gridplatform.spi.training.ModelParameters;

/**
 * Federated averaging: the new global parameters are the nodes' parameters averaged element by element,
 * each weighted by the number of examples it was trained on.
 */
public final class FederatedAveraging {

    private FederatedAveraging() {
    }

    /**
     * @param updates the round's updates, all over the same schema; updates with no examples count for nothing
     * @return the weighted average
     * @throws IllegalArgumentException if there is no update with examples, or the schemas differ
     */
    public static ModelParameters average(List<LocalUpdate> updates) {
        long total = 0;
        double[][] sum = null;
        ModelParameters first = null;
        for (LocalUpdate update : updates) {
            if (update.examples() <= 0) {
                continue;
            }
            ModelParameters p = update.parameters();
            if (first == null) {
                first = p;
                sum = new double[p.schema().outputs()][p.schema().features().size() + 1];
            } else if (!first.schema().equals(p.schema())) {
                throw new IllegalArgumentException("The updates refer to different schemas; every node must train on the agreed one");
            }
            double[][] w = p.weights();
            for (int r = 0; r < w.length; r++) {
                for (int c = 0; c < w[r].length; c++) {
                    sum[r][c] += w[r][c] * update.examples();
                }
            }
            total += update.examples();
        }
        if (first == null) {
            throw new IllegalArgumentException("No node reported an update with examples; there is nothing to average");
        }
        for (double[] row : sum) {
            for (int c = 0; c < row.length; c++) {
                row[c] /= total;
            }
        }
        return new ModelParameters(first.schema(), sum);
    }
}
