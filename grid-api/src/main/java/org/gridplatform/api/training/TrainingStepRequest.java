package org.gridplatform.api.training;

import jakarta.json.bind.annotation.JsonbCreator;
import jakarta.json.bind.annotation.JsonbProperty;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /training/steps}: train one local step from the coordinator's parameters.
 *
 * <p>Two forms, exactly one per request:
 * <ul>
 *   <li><b>full:</b> {@code dataset} or {@code tags}, {@code backend}, {@code schema}, optional {@code scaling} and
 *       {@code settings}, and the {@code parameters};</li>
 *   <li><b>plan:</b> {@code plan-id} (from {@code POST /training/plans}, see {@link TrainingPlanRequest}) and the
 *       {@code parameters}, optionally {@code settings} that override the plan's, key by key. The data selection,
 *       backend, schema and scaling come from the plan and must be absent.</li>
 * </ul>
 * In either form the parameters come as arrays of numbers ({@code parameters}) or packed ({@code packed-parameters},
 * see {@link PackedParameters}), exactly one of the two.
 *
 * @param dataset    the id of the dataset to train on; or {@code null} when {@code tags} select it (full form)
 * @param tags       tags that select every dataset carrying all of them (their training rows are
 *                   trained on together); or {@code null} when {@code dataset} names it (full form)
 * @param backend    the training backend, such as {@code tribuo-logistic} (full form)
 * @param settings   overrides of the backend's configured settings, such as
 *                   {@code {"epochs": 1, "learning-rate": "0.3", "seed": 42}}; strings, numbers or
 *                   booleans; may be absent
 * @param schema     the agreed schema (full form)
 * @param scaling    the agreed scaling per schema feature; a feature without one is not scaled; may be absent (full form)
 * @param parameters the round's global parameters: one row per output, one column per feature plus the bias; or
 *                   {@code null} when {@code packedParameters} carries them
 * @param planId     the registered plan that gives the selection, backend, schema, scaling and settings (plan form);
 *                   {@code null} in the full form
 * @param packedParameters the same parameters in the compact form ({@link PackedParameters}), or {@code null} when
 *                   {@code parameters} carries them: exactly one of the two per request. A node answers a packed
 *                   request with packed parameters.
 */
public record TrainingStepRequest(String dataset, List<String> tags, String backend, Map<String, Object> settings,
                                  SchemaWire schema, Map<String, FeatureScaling> scaling, double[][] parameters,
                                  @JsonbProperty("plan-id") String planId,
                                  @JsonbProperty("packed-parameters") String packedParameters) {

    /** The canonical constructor, which JSON-B reads requests with. */
    @JsonbCreator
    public TrainingStepRequest {
    }

    /** The full form, without a plan. */
    public TrainingStepRequest(String dataset, List<String> tags, String backend, Map<String, Object> settings,
                               SchemaWire schema, Map<String, FeatureScaling> scaling, double[][] parameters) {
        this(dataset, tags, backend, settings, schema, scaling, parameters, null, null);
    }

    /** Either form, with the parameters as arrays of numbers. */
    public TrainingStepRequest(String dataset, List<String> tags, String backend, Map<String, Object> settings,
                               SchemaWire schema, Map<String, FeatureScaling> scaling, double[][] parameters, String planId) {
        this(dataset, tags, backend, settings, schema, scaling, parameters, planId, null);
    }

    /**
     * The plan form.
     *
     * @param planId     the id {@code POST /training/plans} answered
     * @param settings   overrides of the plan's settings, or {@code null}
     * @param parameters the round's global parameters
     * @return the request
     */
    public static TrainingStepRequest forPlan(String planId, Map<String, Object> settings, double[][] parameters) {
        return new TrainingStepRequest(null, null, null, settings, null, null, parameters, planId, null);
    }

    /**
     * The plan form with the parameters packed ({@link PackedParameters}): the node answers with packed parameters.
     *
     * @param planId     the id {@code POST /training/plans} answered
     * @param settings   overrides of the plan's settings, or {@code null}
     * @param parameters the round's global parameters, a rectangular matrix
     * @return the request, with {@code packed-parameters} and no {@code parameters}
     */
    public static TrainingStepRequest forPlanPacked(String planId, Map<String, Object> settings, double[][] parameters) {
        return new TrainingStepRequest(null, null, null, settings, null, null, null, planId,
                PackedParameters.encode(parameters));
    }
}
