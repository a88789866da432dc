package org.gridplatform.spi.training;

/**
 * Trains and evaluates one kind of model on a node's local data.
 *
 * <p><b>Threading:</b> thread-safe; the node may run several steps at once on a bounded pool.
 * <b>Determinism:</b> the same data, start parameters and settings (seed included) give the same
 * update. <b>Cancellation:</b> a step should check {@link Thread#isInterrupted()} between epochs or
 * minibatches and stop with an {@link java.util.concurrent.CancellationException}.
 *
 * <p>Errors the caller can fix (parameters of the wrong shape, settings out of range) are
 * {@link IllegalArgumentException}s with a message that says what to change.
 */
public interface TrainingBackend {

    /** @return what this backend's models predict */
    Task task();

    /**
     * @param schema the agreed schema
     * @param seed   the seed of the initial values
     * @return parameters to start federated training from
     */
    ModelParameters initialParameters(ModelSchema schema, long seed);

    /**
     * Trains for the settings' number of local epochs, starting from {@code start}.
     *
     * @param data     the node's training examples, aligned to {@code start.schema()}
     * @param start    the global parameters of this round
     * @param settings this step's settings
     * @return the new parameters, the number of examples, and metrics
     */
    LocalUpdate train(TrainingData data, ModelParameters start, TrainingSettings settings);

    /**
     * Checks settings as {@link #train} would, without training: the node calls it when a coordinator registers a
     * training plan, so that a plan whose settings no step could use is refused at once rather than at every round.
     * The default checks nothing.
     *
     * @param settings the settings of the steps to come
     * @throws IllegalArgumentException if {@link #train} would refuse them, saying what to change
     * @since 0.1
     */
    default void checkSettings(TrainingSettings settings) {
    }

    /**
     * @param data       the node's held-out examples, aligned to {@code parameters.schema()}
     * @param parameters the parameters to evaluate
     * @return aggregate metrics only
     */
    Evaluation evaluate(TrainingData data, ModelParameters parameters);
}
