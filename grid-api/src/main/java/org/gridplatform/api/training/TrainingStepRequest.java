package org.gridplatform.api.training;

import java.util.List;
import java.util.Map;

/**
 * {@code POST /training/steps}: train one local step from the coordinator's parameters.
 *
 * @param dataset    the id of the dataset to train on; or {@code null} when {@code tags} select it
 * @param tags       tags that select every dataset carrying all of them (their training rows are
 *                   trained on together); or {@code null} when {@code dataset} names it
 * @param backend    the training backend, such as {@code tribuo-logistic}
 * @param settings   overrides of the backend's configured settings, such as
 *                   {@code {"epochs": 1, "learning-rate": "0.3", "seed": 42}}; strings, numbers or
 *                   booleans; may be absent
 * @param schema     the agreed schema
 * @param scaling    the agreed scaling per schema feature; a feature without one is not scaled; may be absent
 * @param parameters the round's global parameters: one row per output, one column per feature plus the bias
 */
public record TrainingStepRequest(String dataset, List<String> tags, String backend, Map<String, Object> settings,
                                  SchemaWire schema, Map<String, FeatureScaling> scaling, double[][] parameters) {
}
