package org.gridplatform.client.federated;

import org.gridplatform.spi.training.ModelParameters;

/**
 * Hears how a run goes, for progress displays. Called on the thread that runs the training; keep it quick.
 */
public interface TrainingListener {

    /**
     * The nodes are found and agree on a schema; the first round is about to start.
     *
     * @param plan the participants and the agreed schema
     */
    default void started(TrainingResult.Plan plan) {
    }

    /** @param round a finished round */
    default void round(RoundRecord round) {
    }

    /**
     * A finished round and the global parameters it produced, for callers that evaluate them on data of their own
     * (such as a benchmark's test set). By default calls {@link #round(RoundRecord)}.
     *
     * @param round  a finished round
     * @param global the global parameters after it; they expect features scaled by the plan's scaling
     */
    default void round(RoundRecord round, ModelParameters global) {
        round(round);
    }
}
