package org.gridplatform.node.data;

import java.io.IOException;

/**
 * A dataset file that cannot be read as its format says. The message starts with the file's name
 * and says where the file is wrong (the line and column of a CSV file, the header field or item of
 * an IDX file) and what was found, so that it can be shown to the data owner as it is, for example
 * as the {@code detail} of a 400 problem: {@code iris.csv: line 17, column 'petal_length': "abc" is
 * not a number}. It never contains more than the one offending value.
 */
public class DatasetFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** @param message the file, the place and the problem */
    public DatasetFormatException(String message) {
        super(message);
    }

    /**
     * @param message the file, the place and the problem
     * @param cause   the parser's or decompressor's exception
     */
    public DatasetFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
