package org.gridplatform.api;

import java.util.Objects;

/**
 * The root of Grid's error hierarchy: an error that a client caused or can act on, carrying the
 * HTTP status and the RFC 9457 problem type it maps to.
 *
 * <p>The {@linkplain #getMessage() message} is the problem's {@code detail}: it is shown to the
 * caller as it is, so it must say what to change and never contain stack traces, class names or
 * data values that should stay private.
 */
public class GridException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final ProblemType type;

    /**
     * @param type   the kind of problem, never {@code null}
     * @param detail what went wrong and what the caller should change, never {@code null}
     */
    public GridException(ProblemType type, String detail) {
        this(type, detail, null);
    }

    /**
     * @param type   the kind of problem, never {@code null}
     * @param detail what went wrong and what the caller should change, never {@code null}
     * @param cause  the underlying failure, kept for logs only; may be {@code null}
     */
    public GridException(ProblemType type, String detail, Throwable cause) {
        super(Objects.requireNonNull(detail, "detail"), cause);
        this.type = Objects.requireNonNull(type, "type");
        this.status = type.status();
    }

    /** @return the HTTP status this error is answered with */
    public int status() {
        return status;
    }

    /** @return the problem type this error is answered with */
    public ProblemType type() {
        return type;
    }

    /** @return this error as a problem details document for the request at {@code instance} */
    public Problem toProblem(String instance) {
        return new Problem(type.uri(), type.title(), status, getMessage(), instance);
    }
}
