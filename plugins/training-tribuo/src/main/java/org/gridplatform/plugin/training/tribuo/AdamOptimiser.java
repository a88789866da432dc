package org.gridplatform.plugin.training.tribuo;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.provenance.ConfiguredObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.impl.ConfiguredObjectProvenanceImpl;
import java.util.function.DoubleUnaryOperator;
import org.tribuo.math.Parameters;
import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.math.la.Tensor;

/**
 * Adam (Kingma and Ba, 2015). Tribuo 4.3.2's {@code org.tribuo.math.optimisers.Adam} multiplies the
 * first moment by the root of the second moment where Adam divides by it, so its steps grow with the
 * gradient instead of being normalised (fixed upstream by oracle/tribuo pull request 401, after 4.3.2);
 * this is the algorithm as published, in Tribuo's optimiser interface.
 */
final class AdamOptimiser implements StochasticGradientOptimiser {

    @Config(mandatory = true, description = "The learning rate.")
    private double learningRate;
    @Config(description = "The decay of the first moment.")
    private double betaOne = 0.9;
    @Config(description = "The decay of the second moment.")
    private double betaTwo = 0.999;
    @Config(description = "Added to the root of the second moment, against division by 0.")
    private double epsilon = 1e-8;

    private Tensor[] firstMoment;
    private Tensor[] secondMoment;
    private int iterations;

    AdamOptimiser(double learningRate) {
        this.learningRate = learningRate;
    }

    @Override
    public void initialise(Parameters parameters) {
        firstMoment = parameters.getEmptyCopy();
        secondMoment = parameters.getEmptyCopy();
        iterations = 0;
    }

    @Override
    public Tensor[] step(Tensor[] updates, double weight) {
        iterations++;
        // Bias correction of both moments folded into the step size, as in section 2 of the paper.
        double stepSize = learningRate * Math.sqrt(1 - Math.pow(betaTwo, iterations)) / (1 - Math.pow(betaOne, iterations));
        DoubleUnaryOperator first = g -> (1 - betaOne) * weight * g;
        DoubleUnaryOperator second = g -> (1 - betaTwo) * weight * weight * g * g;
        DoubleUnaryOperator step = m -> stepSize * m;
        DoubleUnaryOperator normalise = v -> 1 / (Math.sqrt(v) + epsilon);
        for (int i = 0; i < updates.length; i++) {
            firstMoment[i].scaleInPlace(betaOne);
            firstMoment[i].intersectAndAddInPlace(updates[i], first);
            secondMoment[i].scaleInPlace(betaTwo);
            secondMoment[i].intersectAndAddInPlace(updates[i], second);
            updates[i].scaleInPlace(0);
            updates[i].intersectAndAddInPlace(firstMoment[i], step);
            updates[i].hadamardProductInPlace(secondMoment[i], normalise);
        }
        return updates;
    }

    @Override
    public void reset() {
        firstMoment = null;
        secondMoment = null;
        iterations = 0;
    }

    @Override
    public AdamOptimiser copy() {
        AdamOptimiser copy = new AdamOptimiser(learningRate);
        copy.betaOne = betaOne;
        copy.betaTwo = betaTwo;
        copy.epsilon = epsilon;
        return copy;
    }

    @Override
    public ConfiguredObjectProvenance getProvenance() {
        return new ConfiguredObjectProvenanceImpl(this, "StochasticGradientOptimiser");
    }

    @Override
    public String toString() {
        return "Adam(learningRate=" + learningRate + ",betaOne=" + betaOne + ",betaTwo=" + betaTwo + ",epsilon=" + epsilon + ")";
    }
}
