package org.gridplatform.client;

import java.util.Optional;
import org.gridplatform.api.Problem;

/**
 * A call to a Grid server that failed: the server answered with an error (its problem details
 * are kept), or it could not be reached or did not answer in time.
 */
public class GridClientException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Problem problem;

    /**
     * @param message what failed, for a person
     * @param problem the server's problem details, or {@code null} if it did not answer with one
     * @param cause   the underlying failure, or {@code null}
     */
    public GridClientException(String message, Problem problem, Throwable cause) {
        super(message, cause);
        this.problem = problem;
    }

    /** @return the server's problem details, when it answered with an error */
    public Optional<Problem> problem() {
        return Optional.ofNullable(problem);
    }
}
