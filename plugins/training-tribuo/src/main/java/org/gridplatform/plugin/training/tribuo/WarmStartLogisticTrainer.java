package org.gridplatform.plugin.training.tribuo;

import java.util.SplittableRandom;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.math.LinearParameters;
import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.math.la.DenseMatrix;

/**
 * Tribuo's multinomial logistic regression ({@link LinearSGDTrainer} with {@link LogMulticlass}), starting
 * from given weights instead of zeros. Tribuo offers no setter for a trainer's first parameters;
 * {@link #createParameters} is its one extension point for them. A new trainer serves one training step.
 */
final class WarmStartLogisticTrainer extends LinearSGDTrainer {

    private final DenseMatrix start;

    /**
     * @param start the first weights, in Tribuo's id order: outputs x (features + 1), bias last
     */
    WarmStartLogisticTrainer(DenseMatrix start, StochasticGradientOptimiser optimiser, int epochs, int minibatchSize, long seed) {
        super(new LogMulticlass(), optimiser, epochs, -1, minibatchSize, seed);
        this.start = start.copy();
    }

    @Override
    protected LinearParameters createParameters(int numFeatures, int numOutputs, SplittableRandom localRNG) {
        return WarmStart.parameters(start, numFeatures, numOutputs);
    }
}
