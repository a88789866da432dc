package org.gridplatform.api;

/** A request that breaks a documented rule; answered {@code 400}. */
public class InvalidRequestException extends GridException {

    private static final long serialVersionUID = 1L;

    /** @param detail what is wrong and how to fix it */
    public InvalidRequestException(String detail) {
        super(ProblemType.INVALID_REQUEST, detail);
    }
}
