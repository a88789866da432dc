package org.gridplatform.plugin.training.tribuo;

import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance;
import java.util.Map;
import org.gridplatform.spi.config.ConfigKey;
import org.gridplatform.spi.training.ModelParameters;
import org.tribuo.Model;
import org.tribuo.Output;

/**
 * Turns the parameters a federated training run ends with into a standard Tribuo model, which Tribuo
 * users save ({@link Model#serializeToFile}), load ({@link Model#deserializeFromFile}) and predict
 * with, without any Grid class on their class path.
 *
 * <p>The model is built from the parameters alone: its feature and output statistics are zero, its
 * dataset provenance names no file and counts no example, and its trainer provenance records a
 * 0-epoch run of a Grid subclass of Tribuo's {@code LinearSGDTrainer} (Tribuo's only way to build a
 * linear model around given weights) plus the run entries {@code grid-backend} and {@code grid-origin}.
 *
 * <p>Thread-safe: it keeps no state.
 */
public final class TribuoModels {

    private TribuoModels() {
    }

    /**
     * @param parameters  the final parameters of a training run
     * @param backendName the backend that trained them: {@code tribuo-logistic} gives an
     *                    {@link org.tribuo.classification.sgd.linear.LinearSGDModel} (a {@code Model<Label>} whose
     *                    predictions carry the softmax probability of every label of the schema),
     *                    {@code tribuo-linear} an {@link org.tribuo.regression.sgd.linear.LinearSGDModel}
     *                    (a {@code Model<Regressor>} predicting the schema's target)
     * @return the model; its examples name their features as the schema does, and expect them scaled
     *         as they were in training
     * @throws IllegalArgumentException if no Tribuo backend has that name, or the parameters' schema
     *                                  is not for that backend's task
     */
    public static Model<?> toTribuoModel(ModelParameters parameters, String backendName) {
        return build(LinearModelKind.named(backendName), parameters);
    }

    private static <T extends Output<T>> Model<T> build(LinearModelKind<T> kind, ModelParameters parameters) {
        SchemaAlignment<T> alignment = new SchemaAlignment<>(parameters.schema(), kind);
        StepSettings defaults = StepSettings.read(TribuoModels::defaultValue, "");
        Map<String, Provenance> run = Map.of(
                "grid-backend", new StringProvenance("grid-backend", kind.backendName()),
                "grid-origin", new StringProvenance("grid-origin", "parameters of a Grid federated training run,"
                        + " loaded into Tribuo by a 0-epoch warm start"));
        // Zero epochs: Tribuo wraps the start weights in its own model class without seeing an example.
        return kind.trainer(alignment.toTribuo(parameters), defaults.tribuoOptimiser(), 0, 1, defaults.seed())
                .train(alignment.emptyDataset("Grid federated parameters (no examples)"), run);
    }

    private static <T> T defaultValue(ConfigKey<T> key) {
        return key.defaultValue().orElseThrow();
    }
}
