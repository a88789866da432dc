package org.gridplatform.api.training;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.util.Base64;

/**
 * The compact form of a parameter matrix on the wire, the field {@code "packed-parameters"}: the numbers as
 * little-endian IEEE-754 float64 (8 bytes each), row after row, encoded as base64 with the standard alphabet
 * ({@code A-Z a-z 0-9 + /}, padded with {@code =}; RFC 4648 section 4, no line breaks). The shape is not encoded:
 * it is the schema's ({@code outputs} rows of {@code features + 1} columns).
 *
 * <p>Decoding gives back exactly the doubles encoded, bit for bit, so a seeded run gives the same results in either
 * form; it is several times smaller than JSON numbers and needs no number parsing or printing. Not-finite values
 * pass through unchanged: whoever uses the parameters checks them (the node refuses them as it does in the array
 * form). Stateless and thread-safe.
 */
public final class PackedParameters {

    private PackedParameters() {
    }

    /**
     * @param parameters a rectangular matrix: every row of the same length; no rows gives {@code ""}
     * @return the base64 of its numbers as little-endian float64, row-major
     * @throws IllegalArgumentException if a row is {@code null} or of another length than the first, or the matrix is
     *                                  too large for one array of bytes
     */
    public static String encode(double[][] parameters) {
        int columns = parameters.length == 0 ? 0 : length(parameters[0], 0);
        long count = (long) parameters.length * columns;
        if (count > Integer.MAX_VALUE / Double.BYTES) {
            throw new IllegalArgumentException("The parameters have " + count + " numbers; at most "
                    + Integer.MAX_VALUE / Double.BYTES + " can be packed");
        }
        ByteBuffer bytes = ByteBuffer.allocate((int) count * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        DoubleBuffer doubles = bytes.asDoubleBuffer();
        for (int r = 0; r < parameters.length; r++) {
            if (length(parameters[r], r) != columns) {
                throw new IllegalArgumentException("Row " + r + " of the parameters has " + parameters[r].length
                        + " numbers but row 0 has " + columns + ": packed parameters are a rectangular matrix");
            }
            doubles.put(parameters[r]);
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    private static int length(double[] row, int r) {
        if (row == null) {
            throw new IllegalArgumentException("Row " + r + " of the parameters is null");
        }
        return row.length;
    }

    /**
     * @param packed  base64 of {@code rows * columns} little-endian float64 values, row-major, as {@link #encode} writes
     * @param rows    the number of rows the schema gives
     * @param columns the number of columns the schema gives
     * @return the matrix, {@code rows} rows of {@code columns} numbers, bit for bit as encoded
     * @throws IllegalArgumentException if {@code packed} is not base64, or does not hold exactly
     *                                  {@code rows * columns * 8} bytes; the message names the count expected
     */
    public static double[][] decode(String packed, int rows, int columns) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(packed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("packed-parameters is not base64 with the standard alphabet (A-Z a-z 0-9 + /,"
                    + " padded with =, no line breaks): " + e.getMessage());
        }
        long count = (long) rows * columns;
        if (bytes.length != count * Double.BYTES) {
            throw new IllegalArgumentException("packed-parameters holds " + bytes.length + " bytes; " + rows + " rows of "
                    + columns + " need " + count + " numbers, " + count * Double.BYTES
                    + " bytes as little-endian float64 (8 bytes a number, row after row)");
        }
        DoubleBuffer doubles = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer();
        double[][] parameters = new double[rows][columns];
        for (double[] row : parameters) {
            doubles.get(row);
        }
        return parameters;
    }
}
