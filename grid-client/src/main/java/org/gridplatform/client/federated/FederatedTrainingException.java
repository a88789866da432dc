package org.gridplatform.client.federated;

import java.util.List;

/**
 * A run that could not go on: no data matched, the data cannot train one model, or a round had fewer
 * reports than the run's minimum. The message says which and why; the rounds finished before it are kept.
 */
public class FederatedTrainingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<RoundRecord> history;

    /**
     * @param message what went wrong, for a person
     * @param history the rounds finished before it
     * @param cause   the underlying failure, or {@code null}
     */
    public FederatedTrainingException(String message, List<RoundRecord> history, Throwable cause) {
        super(message, cause);
        this.history = List.copyOf(history);
    }

    /** @return the rounds finished before the failure */
    public List<RoundRecord> history() {
        return history;
    }
}
