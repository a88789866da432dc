package org.gridplatform.node.training;

import java.util.List;
import org.gridplatform.spi.training.ModelSchema;
import org.gridplatform.spi.training.Task;
import org.gridplatform.spi.training.TrainingData;

/**
 * Examples aligned to a schema and scaled as agreed, as double rows ready for a backend. Immutable:
 * the rows are never written after construction, so concurrent steps share them.
 */
final class AlignedRows implements TrainingData {

    private final ModelSchema schema;
    private final double[][] features;
    private final int[] labels;
    private final double[] targets;

    /** Takes the arrays as they are: the caller keeps no reference that it writes to. */
    AlignedRows(ModelSchema schema, double[][] features, int[] labels, double[] targets) {
        this.schema = schema;
        this.features = features;
        this.labels = labels;
        this.targets = targets;
    }

    /**
     * @param schema the schema every part is aligned to
     * @param parts  rows of several datasets
     * @return all their rows, in order; the rows themselves are shared, not copied
     */
    static AlignedRows concat(ModelSchema schema, List<AlignedRows> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        int size = parts.stream().mapToInt(AlignedRows::size).sum();
        double[][] features = new double[size][];
        int[] labels = schema.task() == Task.CLASSIFICATION ? new int[size] : null;
        double[] targets = schema.task() == Task.REGRESSION ? new double[size] : null;
        int at = 0;
        for (AlignedRows part : parts) {
            System.arraycopy(part.features, 0, features, at, part.size());
            if (labels != null) {
                System.arraycopy(part.labels, 0, labels, at, part.size());
            } else {
                System.arraycopy(part.targets, 0, targets, at, part.size());
            }
            at += part.size();
        }
        return new AlignedRows(schema, features, labels, targets);
    }

    @Override
    public ModelSchema schema() {
        return schema;
    }

    @Override
    public int size() {
        return features.length;
    }

    @Override
    public double[] features(int example) {
        return features[example];
    }

    @Override
    public int label(int example) {
        if (labels == null) {
            throw new UnsupportedOperationException("Regression data has targets, not labels");
        }
        return labels[example];
    }

    @Override
    public double target(int example) {
        if (targets == null) {
            throw new UnsupportedOperationException("Classification data has labels, not targets");
        }
        return targets[example];
    }

    /** @return about how many bytes the rows take, for the cache's budget */
    long memoryBytes() {
        long row = 16L + 8L * schema.features().size();
        return (long) features.length * (row + 8 + (labels != null ? 4 : 8));
    }
}
