package org.gridplatform.api.training;

import java.util.List;
import java.util.Map;

/**
 * {@code POST /training/evaluations}: evaluate parameters on the node's held-out rows. The fields mean
 * what they mean in {@link TrainingStepRequest}; there are no settings.
 *
 * @param dataset    the dataset's id, or {@code null} when {@code tags} select the datasets
 * @param tags       tags that select the datasets, or {@code null}
 * @param backend    the backend whose metrics to compute, such as {@code tribuo-logistic}
 * @param schema     the agreed schema
 * @param scaling    the agreed scaling, may be absent
 * @param parameters the parameters to evaluate
 */
public record EvaluationRequest(String dataset, List<String> tags, String backend, SchemaWire schema,
                                Map<String, FeatureScaling> scaling, double[][] parameters) {
}
