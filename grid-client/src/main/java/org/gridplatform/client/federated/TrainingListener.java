package org.gridplatform.client.federated;

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
}
