package org.gridplatform.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The fixed split of a dataset's rows into training and held-out rows. It depends only on the
 * dataset's id and row count, so a node gives the same split after every restart and no held-out
 * row is ever trained on, whichever run evaluates.
 *
 * <p>The algorithm is part of the contract, which is why it uses no JDK random generator (whose
 * algorithm a JDK may change): the seed is the first 8 bytes (big-endian) of the SHA-256 of the id
 * in UTF-8; SplitMix64 from that seed drives a Fisher-Yates shuffle of {@code 0 .. rows-1} (for
 * {@code i} from {@code rows-1} down to 1, swap {@code i} with {@code next() mod (i+1)}, unsigned);
 * the first {@code floor(rows * 20 / 100)} indices of the shuffle are held out. Both index arrays are
 * returned in ascending order. Changing any of this changes every node's held-out rows:
 * {@code HeldOutSplitTest} guards it with golden values.
 */
public final class HeldOutSplit {

    /** The share of rows held out for evaluation, in percent. */
    public static final int HELD_OUT_PERCENT = 20;

    private HeldOutSplit() {
    }

    /**
     * @param id   the dataset's id
     * @param rows the number of rows
     * @return {training rows, held-out rows}, each ascending; together {@code 0 .. rows-1}
     */
    public static int[][] of(String id, int rows) {
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        long state = seed(id);
        for (int i = rows - 1; i > 0; i--) {
            state += 0x9E3779B97F4A7C15L;
            int j = (int) Long.remainderUnsigned(mix(state), i + 1L);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        int heldOut = (int) ((long) rows * HELD_OUT_PERCENT / 100);
        int[] held = Arrays.copyOfRange(order, 0, heldOut);
        int[] train = Arrays.copyOfRange(order, heldOut, rows);
        Arrays.sort(held);
        Arrays.sort(train);
        return new int[][] {train, held};
    }

    static long seed(String id) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            long seed = 0;
            for (int i = 0; i < Long.BYTES; i++) {
                seed = (seed << 8) | (hash[i] & 0xFF);
            }
            return seed;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    /** SplitMix64's output function (Steele, Lea and Flood, 2014). */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
