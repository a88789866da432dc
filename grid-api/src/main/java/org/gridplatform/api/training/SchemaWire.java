package org.gridplatform.api.training;

import java.util.List;

/**
 * The agreed model schema as a coordinator sends it.
 *
 * @param task     {@code classification} or {@code regression}
 * @param features the feature names, in the order of the parameters' columns; at most 100,000
 * @param labels   for classification the label names, in the order of the parameters' rows (at most
 *                 10,000); empty or absent for regression
 * @param target   the name of the predicted column; must be the dataset's target
 */
public record SchemaWire(String task, List<String> features, List<String> labels, String target) {
}
