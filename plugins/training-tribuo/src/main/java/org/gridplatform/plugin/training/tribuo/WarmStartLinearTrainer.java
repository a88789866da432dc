package org.gridplatform.plugin.training.tribuo;

import java.util.SplittableRandom;
import org.tribuo.math.LinearParameters;
import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.regression.sgd.linear.LinearSGDTrainer;
import org.tribuo.regression.sgd.objectives.SquaredLoss;

/**
 * Tribuo's linear regression ({@link LinearSGDTrainer} with {@link SquaredLoss}), starting from given
 * weights instead of zeros; see {@link WarmStartLogisticTrainer}. A new trainer serves one training step.
 */
final class WarmStartLinearTrainer extends LinearSGDTrainer {

    private final DenseMatrix start;

    /**
     * @param start the first weights, in Tribuo's id order: 1 x (features + 1), bias last
     */
    WarmStartLinearTrainer(DenseMatrix start, StochasticGradientOptimiser optimiser, int epochs, int minibatchSize, long seed) {
        super(new SquaredLoss(), optimiser, epochs, -1, minibatchSize, seed);
        this.start = start.copy();
    }

    @Override
    protected LinearParameters createParameters(int numFeatures, int numOutputs, SplittableRandom localRNG) {
        return WarmStart.parameters(start, numFeatures, numOutputs);
    }
}
