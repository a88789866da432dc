package org.gridplatform.client;

import java.time.Duration;
import java.util.Optional;
import org.gridplatform.api.Problem;

/**
 * A call to a Grid server that failed: the server answered with an error (its problem details
 * are kept), or it could not be reached or did not answer in time.
 */
public class GridClientException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Problem problem;
    private final int status;
    private final Duration retryAfter;

    /**
     * @param message what failed, for a person
     * @param problem the server's problem details, or {@code null} if it did not answer with one
     * @param cause   the underlying failure, or {@code null}
     */
    public GridClientException(String message, Problem problem, Throwable cause) {
        this(message, problem, problem == null ? 0 : problem.status(), null, cause);
    }

    /**
     * @param message    what failed, for a person
     * @param problem    the server's problem details, or {@code null}
     * @param status     the HTTP status the server answered, or 0 if it did not answer
     * @param retryAfter the server's {@code Retry-After}, or {@code null}
     * @param cause      the underlying failure, or {@code null}
     */
    public GridClientException(String message, Problem problem, int status, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.problem = problem;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    /** @return the HTTP status of the server's answer, or 0 when there was no answer (unreachable, timed out) */
    public int status() {
        return status;
    }

    /** @return how long the server asked to wait before retrying ({@code 429}, {@code 503}), if it said */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** @return the server's problem details, when it answered with an error */
    public Optional<Problem> problem() {
        return Optional.ofNullable(problem);
    }
}
