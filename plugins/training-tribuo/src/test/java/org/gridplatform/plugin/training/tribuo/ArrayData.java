package org.gridplatform.plugin.training.tribuo;

import java.util.stream.IntStream;
import org.gridplatform.spi.training.ModelSchema;
import org.gridplatform.spi.training.Task;
import org.gridplatform.spi.training.TrainingData;

/**
 * Examples held in arrays, as a node's data source would hand them to a backend.
 *
 * @param schema  the schema the rows are aligned to
 * @param rows    one row of feature values per example
 * @param labels  label indices (classification), else {@code null}
 * @param targets target values (regression), else {@code null}
 */
record ArrayData(ModelSchema schema, double[][] rows, int[] labels, double[] targets) implements TrainingData {

    static ArrayData classification(ModelSchema schema, double[][] rows, int[] labels) {
        return new ArrayData(schema, rows, labels, null);
    }

    static ArrayData regression(ModelSchema schema, double[][] rows, double[] targets) {
        return new ArrayData(schema, rows, null, targets);
    }

    @Override
    public int size() {
        return rows.length;
    }

    @Override
    public double[] features(int example) {
        return rows[example];
    }

    @Override
    public int label(int example) {
        if (labels == null) {
            throw new UnsupportedOperationException("regression data");
        }
        return labels[example];
    }

    @Override
    public double target(int example) {
        if (targets == null) {
            throw new UnsupportedOperationException("classification data");
        }
        return targets[example];
    }

    /** @return the examples at these indices, in this order */
    ArrayData select(int... indices) {
        double[][] selected = IntStream.of(indices).mapToObj(i -> rows[i]).toArray(double[][]::new);
        return schema.task() == Task.CLASSIFICATION
                ? classification(schema, selected, IntStream.of(indices).map(i -> labels[i]).toArray())
                : regression(schema, selected, IntStream.of(indices).mapToDouble(i -> targets[i]).toArray());
    }
}
