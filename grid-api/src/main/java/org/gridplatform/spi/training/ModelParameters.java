package org.gridplatform.spi.training;

import java.util.Arrays;

/**
 * A linear model's parameters: {@code weights[output][feature]} with the bias in the last column, so
 * each row has {@code features().size() + 1} numbers. Averaging two parameter sets of the same schema
 * element by element is meaningful (federated averaging).
 *
 * @param schema  what the rows and columns mean
 * @param weights {@code schema.outputs()} rows of {@code schema.features().size() + 1} finite numbers
 */
public record ModelParameters(ModelSchema schema, double[][] weights) {

    /** Checks the shape and copies the numbers. */
    public ModelParameters {
        int rows = schema.outputs();
        int columns = schema.features().size() + 1;
        if (weights.length != rows) {
            throw new IllegalArgumentException("The parameters have " + weights.length + " rows; the schema needs " + rows);
        }
        double[][] copy = new double[rows][];
        for (int r = 0; r < rows; r++) {
            if (weights[r] == null || weights[r].length != columns) {
                throw new IllegalArgumentException("Row " + r + " of the parameters has "
                        + (weights[r] == null ? 0 : weights[r].length) + " numbers; the schema needs " + columns
                        + " (one per feature, then the bias)");
            }
            for (double w : weights[r]) {
                if (!Double.isFinite(w)) {
                    throw new IllegalArgumentException("Row " + r + " of the parameters holds a number that is not finite");
                }
            }
            copy[r] = weights[r].clone();
        }
        weights = copy;
    }

    /** @return a copy of the weights */
    @Override
    public double[][] weights() {
        double[][] copy = new double[weights.length][];
        for (int r = 0; r < weights.length; r++) {
            copy[r] = weights[r].clone();
        }
        return copy;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ModelParameters p && p.schema.equals(schema) && Arrays.deepEquals(p.weights, weights);
    }

    @Override
    public int hashCode() {
        return 31 * schema.hashCode() + Arrays.deepHashCode(weights);
    }

    @Override
    public String toString() {
        return "ModelParameters[" + schema.outputs() + "x" + (schema.features().size() + 1) + "]";
    }
}
