package org.gridplatform.plugin.training.tribuo;

import org.tribuo.math.LinearParameters;
import org.tribuo.math.la.DenseMatrix;

/** What both warm-start trainers do in {@code createParameters}. */
final class WarmStart {

    private WarmStart() {
    }

    /**
     * @param start       the first weights
     * @param numFeatures the dataset's feature count, without the bias, as Tribuo passes it
     * @param numOutputs  the dataset's output count
     * @return a copy of {@code start}, for the trainer updates its parameters in place
     */
    static LinearParameters parameters(DenseMatrix start, int numFeatures, int numOutputs) {
        if (start.getDimension1Size() != numOutputs || start.getDimension2Size() != numFeatures + 1) {
            // SchemaAlignment builds both the dataset and the weights from one schema: this is a bug, not bad input.
            throw new IllegalStateException("The start weights are " + start.getDimension1Size() + "x" + start.getDimension2Size()
                    + " but the dataset needs " + numOutputs + "x" + (numFeatures + 1));
        }
        return new LinearParameters(start.copy());
    }
}
