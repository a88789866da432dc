package org.gridplatform.spi.training;

/**
 * A node's local examples, already aligned to a {@link ModelSchema} and scaled as agreed: column
 * {@code j} of {@link #features()} is {@code schema().features().get(j)}. It never leaves the node.
 *
 * <p>Implementations are immutable and may be shared by concurrent training steps.
 */
public interface TrainingData {

    /** @return the schema the data is aligned to */
    ModelSchema schema();

    /** @return the number of examples */
    int size();

    /**
     * @param example 0 .. {@code size() - 1}
     * @return the example's feature values, one per schema feature; the caller must not modify it
     */
    double[] features(int example);

    /**
     * @param example 0 .. {@code size() - 1}
     * @return for classification, the index of the example's label in {@code schema().labels()}
     * @throws UnsupportedOperationException for regression data
     */
    int label(int example);

    /**
     * @param example 0 .. {@code size() - 1}
     * @return for regression, the example's target value
     * @throws UnsupportedOperationException for classification data
     */
    double target(int example);
}
