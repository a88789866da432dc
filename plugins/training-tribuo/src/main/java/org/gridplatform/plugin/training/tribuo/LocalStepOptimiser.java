package org.gridplatform.plugin.training.tribuo;

import com.oracle.labs.mlrg.olcut.provenance.ConfiguredObjectProvenance;
import java.util.concurrent.CancellationException;
import org.tribuo.math.LinearParameters;
import org.tribuo.math.Parameters;
import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.la.Tensor;

/**
 * Tribuo's optimiser as a local training step uses it. Tribuo calls {@link #step} once per update,
 * which is where this wrapper:
 * <ul>
 * <li>stops the step with a {@link CancellationException} once the thread is interrupted;</li>
 * <li>turns Tribuo's minibatch gradient into the minibatch's mean: Tribuo 4.3 hands over the sum of
 * the minibatch's gradients times the minibatch size, which would make the meaning of the learning
 * rate depend on the square of the minibatch size;</li>
 * <li>applies the L2 weight decay, which Tribuo's linear SGD trainers lack: the weights (not the
 * biases) are multiplied by {@code 1 - decay} before each update is added (decoupled weight decay;
 * with plain SGD it equals an L2 penalty of {@code l2 / 2 * |w|^2}).</li>
 * </ul>
 * Its provenance is the wrapped optimiser's.
 */
final class LocalStepOptimiser implements StochasticGradientOptimiser {

    private final StochasticGradientOptimiser optimiser;
    private final double decay;
    private final int minibatchSize;
    private LinearParameters parameters;

    LocalStepOptimiser(StochasticGradientOptimiser optimiser, double decay, int minibatchSize) {
        this.optimiser = optimiser;
        this.decay = decay;
        this.minibatchSize = minibatchSize;
    }

    @Override
    public void initialise(Parameters parameters) {
        optimiser.initialise(parameters);
        if (!(parameters instanceof LinearParameters linear)) {
            throw new IllegalStateException("Expected linear parameters, got " + parameters.getClass().getName());
        }
        this.parameters = linear;
    }

    @Override
    public Tensor[] step(Tensor[] updates, double weight) {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("The training step was interrupted");
        }
        if (minibatchSize > 1) {
            for (Tensor update : updates) {
                update.scaleInPlace(1.0 / ((double) minibatchSize * minibatchSize));
            }
        }
        Tensor[] steps = optimiser.step(updates, weight);
        if (decay > 0) {
            DenseMatrix weights = parameters.getWeightMatrix();
            int lastWeight = weights.getDimension2Size() - 1;
            for (int row = 0; row < weights.getDimension1Size(); row++) {
                for (int column = 0; column < lastWeight; column++) {
                    weights.set(row, column, weights.get(row, column) * (1 - decay));
                }
            }
        }
        return steps;
    }

    @Override
    public void finalise() {
        optimiser.finalise();
    }

    @Override
    public void reset() {
        optimiser.reset();
        parameters = null;
    }

    @Override
    public LocalStepOptimiser copy() {
        return new LocalStepOptimiser(optimiser.copy(), decay, minibatchSize);
    }

    @Override
    public ConfiguredObjectProvenance getProvenance() {
        return optimiser.getProvenance();
    }

    @Override
    public String toString() {
        return "LocalStepOptimiser(" + optimiser + ",decay=" + decay + ",minibatchSize=" + minibatchSize + ")";
    }
}
