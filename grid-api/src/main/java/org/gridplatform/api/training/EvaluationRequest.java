package org.gridplatform.api.training;

import jakarta.json.bind.annotation.JsonbCreator;
import jakarta.json.bind.annotation.JsonbProperty;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /training/evaluations}: evaluate parameters on the node's held-out rows. The fields and the two
 * forms (full, or {@code plan-id} and {@code parameters}) are those of {@link TrainingStepRequest}; there are no
 * settings.
 *
 * @param dataset    the dataset's id, or {@code null} when {@code tags} select the datasets (full form)
 * @param tags       tags that select the datasets, or {@code null} (full form)
 * @param backend    the backend whose metrics to compute, such as {@code tribuo-logistic} (full form)
 * @param schema     the agreed schema (full form)
 * @param scaling    the agreed scaling, may be absent (full form)
 * @param parameters the parameters to evaluate, or {@code null} when {@code packedParameters} carries them
 * @param planId     the registered plan that gives the selection, backend, schema and scaling (plan form);
 *                   {@code null} in the full form
 * @param packedParameters the same parameters in the compact form ({@link PackedParameters}), or {@code null} when
 *                   {@code parameters} carries them: exactly one of the two per request
 */
public record EvaluationRequest(String dataset, List<String> tags, String backend, SchemaWire schema,
                                Map<String, FeatureScaling> scaling, double[][] parameters,
                                @JsonbProperty("plan-id") String planId,
                                @JsonbProperty("packed-parameters") String packedParameters) {

    /** The canonical constructor, which JSON-B reads requests with. */
    @JsonbCreator
    public EvaluationRequest {
    }

    /** The full form, without a plan. */
    public EvaluationRequest(String dataset, List<String> tags, String backend, SchemaWire schema,
                             Map<String, FeatureScaling> scaling, double[][] parameters) {
        this(dataset, tags, backend, schema, scaling, parameters, null, null);
    }

    /** Either form, with the parameters as arrays of numbers. */
    public EvaluationRequest(String dataset, List<String> tags, String backend, SchemaWire schema,
                             Map<String, FeatureScaling> scaling, double[][] parameters, String planId) {
        this(dataset, tags, backend, schema, scaling, parameters, planId, null);
    }

    /**
     * The plan form.
     *
     * @param planId     the id {@code POST /training/plans} answered
     * @param parameters the parameters to evaluate
     * @return the request
     */
    public static EvaluationRequest forPlan(String planId, double[][] parameters) {
        return new EvaluationRequest(null, null, null, null, null, parameters, planId, null);
    }

    /**
     * The plan form with the parameters packed ({@link PackedParameters}).
     *
     * @param planId     the id {@code POST /training/plans} answered
     * @param parameters the parameters to evaluate, a rectangular matrix
     * @return the request, with {@code packed-parameters} and no {@code parameters}
     */
    public static EvaluationRequest forPlanPacked(String planId, double[][] parameters) {
        return new EvaluationRequest(null, null, null, null, null, null, planId, PackedParameters.encode(parameters));
    }
}
