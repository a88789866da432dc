package org.gridplatform.spi.training;

import java.util.List;
import java.util.Objects;

/**
 * The agreed shape of a model: every node builds its data against it, and parameters refer to it.
 *
 * @param task     what the model predicts
 * @param features the feature names, in the order of the parameters' columns; not empty
 * @param labels   for classification, the label names in the order of the parameters' rows (at least
 *                 two); empty for regression
 * @param target   the name of the column the model predicts
 */
public record ModelSchema(Task task, List<String> features, List<String> labels, String target) {

    /** Copies the lists and checks the shape. */
    public ModelSchema {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(target, "target");
        features = List.copyOf(features);
        labels = List.copyOf(labels);
        if (features.isEmpty()) {
            throw new IllegalArgumentException("A model schema needs at least one feature");
        }
        if (task == Task.CLASSIFICATION && labels.size() < 2) {
            throw new IllegalArgumentException("A classification schema needs at least two labels");
        }
        if (task == Task.REGRESSION && !labels.isEmpty()) {
            throw new IllegalArgumentException("A regression schema has no labels");
        }
    }

    /** @return the number of rows of a parameter matrix: one per label, or one for regression */
    public int outputs() {
        return task == Task.CLASSIFICATION ? labels.size() : 1;
    }
}
