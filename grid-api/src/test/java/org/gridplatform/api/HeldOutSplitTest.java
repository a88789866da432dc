package org.gridplatform.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HeldOutSplitTest {

    @Test
    void holdsOutTwentyPercentAndCoversEveryRowOnce() {
        int[][] split = HeldOutSplit.of("iris", 150);
        assertThat(split[1]).hasSize(30).isSorted();
        assertThat(split[0]).hasSize(120).isSorted().doesNotContain(split[1]);
        assertThat(IntStream.concat(IntStream.of(split[0]), IntStream.of(split[1])).sorted().toArray())
                .isEqualTo(IntStream.range(0, 150).toArray());
    }

    @Test
    void dependsOnTheIdOnly() {
        assertThat(HeldOutSplit.of("iris", 150)[1]).isEqualTo(HeldOutSplit.of("iris", 150)[1])
                .isNotEqualTo(HeldOutSplit.of("iris-2", 150)[1]);
    }

    /**
     * Golden values: if this test fails, every node's held-out rows have changed, and models
     * evaluated before and after the change are no longer comparable. Change it only on purpose.
     */
    @Test
    void neverChanges() {
        assertThat(HeldOutSplit.seed("iris")).isEqualTo(GOLDEN_SEED);
        assertThat(HeldOutSplit.of("iris", 20)[1]).containsExactly(GOLDEN_HELD_OUT);
    }

    @Test
    void tinyDatasetsHoldOutWhatTwentyPercentRoundsDownTo() {
        assertThat(HeldOutSplit.of("x", 4)[1]).isEmpty();
        assertThat(HeldOutSplit.of("x", 5)[1]).hasSize(1);
        assertThat(HeldOutSplit.of("x", 1)[0]).containsExactly(0);
    }

    // Computed with an independent Python implementation of the algorithm in HeldOutSplit's comment.
    private static final long GOLDEN_SEED = 0x47612B3175FECE07L;
    private static final int[] GOLDEN_HELD_OUT = {1, 8, 14, 18};
}
