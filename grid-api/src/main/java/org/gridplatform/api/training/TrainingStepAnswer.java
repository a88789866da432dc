package org.gridplatform.api.training;

import jakarta.json.bind.annotation.JsonbCreator;
import jakarta.json.bind.annotation.JsonbProperty;
import java.util.Map;

/**
 * The answer to a training step: the new parameters, the number of examples they were trained on
 * (the weight in federated averaging) and aggregate metrics. Never examples or values.
 *
 * <p>The parameters come in the form the request sent them: as arrays of numbers ({@code parameters}), or packed
 * ({@code packed-parameters}, see {@link PackedParameters}) when the request was packed. {@link #parameters(int, int)}
 * reads either.
 *
 * @param parameters       the parameters after the local epochs, in the schema's order; {@code null} when packed
 * @param examples         the number of training examples
 * @param metrics          aggregate metrics of the new parameters on the training examples
 * @param durationMs       how long the step took on the node: aligning its rows when they are not cached yet (the first step of a run without a plan) and training; queue wait excluded
 * @param packedParameters the same parameters packed, or {@code null} when {@code parameters} carries them
 */
public record TrainingStepAnswer(double[][] parameters, long examples, Map<String, Double> metrics,
                                 @JsonbProperty("duration-ms") long durationMs,
                                 @JsonbProperty("packed-parameters") String packedParameters) {

    /** The canonical constructor, which JSON-B reads answers with. */
    @JsonbCreator
    public TrainingStepAnswer {
    }

    /** An answer with the parameters as arrays of numbers. */
    public TrainingStepAnswer(double[][] parameters, long examples, Map<String, Double> metrics, long durationMs) {
        this(parameters, examples, metrics, durationMs, null);
    }

    /**
     * An answer with the parameters packed, to a packed request.
     *
     * @param parameters the new parameters, a rectangular matrix
     * @param examples   the number of training examples
     * @param metrics    aggregate metrics
     * @param durationMs how long the step took on the node
     * @return the answer, with {@code packed-parameters} and no {@code parameters}
     */
    public static TrainingStepAnswer packed(double[][] parameters, long examples, Map<String, Double> metrics,
                                            long durationMs) {
        return new TrainingStepAnswer(null, examples, metrics, durationMs, PackedParameters.encode(parameters));
    }

    /**
     * The parameters in whichever form the node sent them.
     *
     * @param rows    the schema's outputs
     * @param columns the schema's features plus one (the bias)
     * @return {@code parameters}, or {@code packed-parameters} decoded to {@code rows} rows of {@code columns}
     * @throws IllegalArgumentException if the answer has neither, or its packed parameters are not of that shape
     */
    public double[][] parameters(int rows, int columns) {
        if (packedParameters != null) {
            return PackedParameters.decode(packedParameters, rows, columns);
        }
        if (parameters == null) {
            throw new IllegalArgumentException("The answer carries neither parameters nor packed-parameters");
        }
        return parameters;
    }
}
