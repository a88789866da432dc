package org.gridplatform.node.training;

import java.util.List;
import java.util.Map;
import org.gridplatform.api.training.FeatureScaling;
import org.gridplatform.spi.training.ModelSchema;

/**
 * A registered, checked training plan: what stays the same for every round of one federated run. The datasets are
 * kept as the request selected them (an id or tags) and looked up again for every step, as in the full form, so a
 * dataset published or deleted during a run is seen as it would be without a plan.
 *
 * @param backend  the backend
 * @param schema   the checked schema
 * @param scaling  the checked scaling, immutable
 * @param settings the plan's settings as the request gave them (already checked against the backend's keys), immutable
 * @param dataset  the selected dataset's id, or {@code null}
 * @param tags     the selecting tags, or {@code null}
 */
record TrainingPlan(TrainingBackends.Backend backend, ModelSchema schema, Map<String, FeatureScaling> scaling,
                    Map<String, Object> settings, String dataset, List<String> tags) {
}
