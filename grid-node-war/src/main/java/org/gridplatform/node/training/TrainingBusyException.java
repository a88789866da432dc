package org.gridplatform.node.training;

import org.gridplatform.api.GridException;
import org.gridplatform.api.ProblemType;

/** Every training thread is busy and the queue is full: {@code 429} with a {@code Retry-After}. */
final class TrainingBusyException extends GridException {

    private static final long serialVersionUID = 1L;

    private final long retryAfterSeconds;

    TrainingBusyException(String detail, long retryAfterSeconds) {
        super(ProblemType.TOO_MANY_REQUESTS, detail);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** @return when a retry has a fair chance, in seconds */
    long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
