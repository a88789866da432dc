package org.gridplatform.api.training;

import java.util.List;
import java.util.Map;

/**
 * {@code POST /training/plans}: what stays the same for every round of one federated run on one node, registered
 * once so that each round's {@link TrainingStepRequest} and {@link EvaluationRequest} carry only the plan's id and
 * the parameters. The node checks everything here at registration (and aligns its data to the schema and scaling
 * then), so a plan that does not fit the node is refused before the first round.
 *
 * <p>The fields mean what they mean in {@link TrainingStepRequest}, and have the same limits.
 *
 * @param dataset  the id of the dataset to train on; or {@code null} when {@code tags} select it
 * @param tags     tags that select every dataset carrying all of them; or {@code null} when {@code dataset} names it
 * @param backend  the training backend, such as {@code tribuo-logistic}
 * @param settings overrides of the backend's configured settings for every step of the plan; may be absent
 * @param schema   the agreed schema
 * @param scaling  the agreed scaling per schema feature; may be absent
 */
public record TrainingPlanRequest(String dataset, List<String> tags, String backend, Map<String, Object> settings,
                                  SchemaWire schema, Map<String, FeatureScaling> scaling) {
}
