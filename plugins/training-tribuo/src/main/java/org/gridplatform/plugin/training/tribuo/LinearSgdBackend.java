package org.gridplatform.plugin.training.tribuo;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.gridplatform.spi.training.Evaluation;
import org.gridplatform.spi.training.LocalUpdate;
import org.gridplatform.spi.training.ModelParameters;
import org.gridplatform.spi.training.ModelSchema;
import org.gridplatform.spi.training.Task;
import org.gridplatform.spi.training.TrainingBackend;
import org.gridplatform.spi.training.TrainingData;
import org.gridplatform.spi.training.TrainingSettings;
import org.tribuo.ImmutableDataset;
import org.tribuo.Output;
import org.tribuo.common.sgd.AbstractLinearSGDModel;
import org.tribuo.math.la.DenseMatrix;

/**
 * A Tribuo linear SGD backend. It keeps no state between calls: each step builds its own Tribuo
 * dataset, optimiser and trainer, so concurrent steps share nothing and a step depends only on its
 * data, start parameters and settings.
 *
 * @param <T> Tribuo's output type
 */
final class LinearSgdBackend<T extends Output<T>> implements TrainingBackend {

    private final LinearModelKind<T> kind;

    LinearSgdBackend(LinearModelKind<T> kind) {
        this.kind = kind;
    }

    @Override
    public Task task() {
        return kind.task();
    }

    /** @return zeros: a convex model needs no random start, so the seed is not used */
    @Override
    public ModelParameters initialParameters(ModelSchema schema, long seed) {
        kind.check(schema);
        return new ModelParameters(schema, new double[schema.outputs()][schema.features().size() + 1]);
    }

    @Override
    public LocalUpdate train(TrainingData data, ModelParameters start, TrainingSettings settings) {
        StepSettings step = StepSettings.read(settings::get, "");
        SchemaAlignment<T> alignment = new SchemaAlignment<>(start.schema(), kind);
        requireSameSchema(data, start);
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("The training step was interrupted");
        }
        if (data.size() == 0) {
            return new LocalUpdate(start, 0, Map.of());
        }
        ImmutableDataset<T> dataset = alignment.dataset(data);
        // The same seed in every round would replay one example order in every round; mixing in the
        // round's start parameters varies the order per round and still repeats exactly.
        long seed = step.seed() * 31 + Arrays.deepHashCode(start.weights());
        AbstractLinearSGDModel<T> model = kind.trainer(alignment.toTribuo(start), step.newOptimiser(), step.epochs(),
                step.minibatchSize(), seed).train(dataset);
        DenseMatrix weights = model.getWeightsCopy();
        requireFinite(weights, step);
        ModelParameters trained = alignment.toSchema(weights);
        return new LocalUpdate(trained, data.size(), kind.metrics(trained, data));
    }

    @Override
    public void checkSettings(TrainingSettings settings) {
        StepSettings.read(settings::get, "");
    }

    @Override
    public Evaluation evaluate(TrainingData data, ModelParameters parameters) {
        kind.check(parameters.schema());
        requireSameSchema(data, parameters);
        if (data.size() == 0) {
            return new Evaluation(0, Map.of());
        }
        return new Evaluation(data.size(), kind.metrics(parameters, data));
    }

    private static void requireFinite(DenseMatrix weights, StepSettings step) {
        for (int r = 0; r < weights.getDimension1Size(); r++) {
            for (int c = 0; c < weights.getDimension2Size(); c++) {
                if (!Double.isFinite(weights.get(r, c))) {
                    throw new IllegalArgumentException("The training step diverged: its weights overflowed. Lower learning-rate"
                            + " (it is " + step.learningRate() + " with the optimiser " + step.optimiser()
                            + "), or agree on a scaling that brings the features and the target to about 1");
                }
            }
        }
    }

    private static void requireSameSchema(TrainingData data, ModelParameters parameters) {
        ModelSchema ours = data.schema();
        ModelSchema theirs = parameters.schema();
        if (ours.equals(theirs)) {
            return;
        }
        String difference;
        if (ours.task() != theirs.task()) {
            difference = "the data is for " + ours.task().name().toLowerCase(Locale.ROOT) + ", the parameters for "
                    + theirs.task().name().toLowerCase(Locale.ROOT);
        } else if (!ours.features().equals(theirs.features())) {
            difference = "the data's features are " + ours.features() + ", the parameters' " + theirs.features();
        } else if (!ours.labels().equals(theirs.labels())) {
            difference = "the data's labels are " + ours.labels() + ", the parameters' " + theirs.labels();
        } else {
            difference = "the data's target is \"" + ours.target() + "\", the parameters' \"" + theirs.target() + "\"";
        }
        throw new IllegalArgumentException("The data and the parameters have different schemas (" + difference
                + "): align the data to the parameters' schema");
    }

    @Override
    public String toString() {
        return kind.backendName();
    }
}
