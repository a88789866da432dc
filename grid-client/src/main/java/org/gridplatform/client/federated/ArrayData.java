package org.gridplatform.client.federated;

import java.util.Objects;
import org.gridplatform.spi.training.ModelSchema;
import org.gridplatform.spi.training.Task;
import org.gridplatform.spi.training.TrainingData;

/**
 * Examples held in arrays, already aligned to a schema and scaled: what {@link CentralTraining} trains
 * on in the data scientist's own process. Immutable once built; the arrays are not copied.
 */
public final class ArrayData implements TrainingData {

    private final ModelSchema schema;
    private final double[][] features;
    private final int[] labels;
    private final double[] targets;

    /**
     * @param schema   the schema the columns follow
     * @param features one row of {@code schema.features().size()} values per example
     * @param labels   for classification, each example's label index into {@code schema.labels()}; else {@code null}
     * @param targets  for regression, each example's target; else {@code null}
     */
    public ArrayData(ModelSchema schema, double[][] features, int[] labels, double[] targets) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.features = features;
        this.labels = labels;
        this.targets = targets;
        if (schema.task() == Task.CLASSIFICATION ? labels == null || labels.length != features.length
                : targets == null || targets.length != features.length) {
            throw new IllegalArgumentException("Give one " + (schema.task() == Task.CLASSIFICATION ? "label" : "target")
                    + " per example");
        }
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
        return labels[example];
    }

    @Override
    public double target(int example) {
        return targets[example];
    }
}
