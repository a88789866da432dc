package org.gridplatform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureStatisticsTest {

    private static FeatureStatistics of(String name, double... values) {
        FeatureStatistics.Accumulator accumulator = new FeatureStatistics.Accumulator();
        for (double value : values) {
            accumulator.add(value);
        }
        return accumulator.toStatistics(name);
    }

    @Test
    void matchesHandComputedValues() {
        // mean 40/8 = 5; squared deviations 9+1+1+1+0+0+4+16 = 32; population variance 32/8 = 4
        FeatureStatistics s = of("x", 2, 4, 4, 4, 5, 5, 7, 9);
        assertThat(s).isEqualTo(new FeatureStatistics("x", 8, 2, 9, 5, 4));
        assertThat(s.standardDeviation()).isEqualTo(2);
    }

    @Test
    void oneValueHasNoVariance() {
        assertThat(of("x", -3.5)).isEqualTo(new FeatureStatistics("x", 1, -3.5, -3.5, -3.5, 0));
    }

    @Test
    void staysAccurateForLargeValuesWithASmallSpread() {
        // deviations -6, -3, 3, 6 from 1e9 + 10: variance 90 / 4 = 22.5; E[x^2] - E[x]^2 would give garbage here
        FeatureStatistics s = of("x", 1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16);
        assertThat(s.mean()).isEqualTo(1e9 + 10);
        assertThat(s.variance()).isCloseTo(22.5, within(1e-9));
    }

    @Test
    void poolingTwoPartsGivesTheStatisticsOfTheWhole() {
        double[] all = {0.5, 3, 3, 8.25, -1, 4, 4, 2.5, 10, 7};
        FeatureStatistics whole = of("x", all);
        FeatureStatistics left = of("x", 0.5, 3, 3);
        FeatureStatistics right = of("x", 8.25, -1, 4, 4, 2.5, 10, 7);
        FeatureStatistics pooled = left.combine(right);
        assertThat(pooled.count()).isEqualTo(10);
        assertThat(pooled.min()).isEqualTo(-1);
        assertThat(pooled.max()).isEqualTo(10);
        assertThat(pooled.mean()).isCloseTo(whole.mean(), within(1e-12));
        assertThat(pooled.variance()).isCloseTo(whole.variance(), within(1e-12));
        assertThat(right.combine(left).variance()).isCloseTo(whole.variance(), within(1e-12));
    }

    @Test
    void poolsOnlyTheSameFeature() {
        assertThatThrownBy(() -> of("x", 1).combine(of("y", 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot pool statistics of 'x' with those of 'y'");
    }

    @Test
    void refusesValuesThatAreNotFiniteAndStatisticsOfNothing() {
        FeatureStatistics.Accumulator accumulator = new FeatureStatistics.Accumulator();
        assertThatThrownBy(() -> accumulator.add(Double.NaN)).hasMessage("Statistics take finite values only, not NaN");
        assertThatThrownBy(() -> accumulator.toStatistics("x")).isInstanceOf(IllegalStateException.class)
                .hasMessage("No value of 'x' was added");
        assertThatThrownBy(() -> new FeatureStatistics("x", 0, 0, 0, 0, 0))
                .hasMessage("Statistics of 'x' need a count of at least 1, not 0");
        assertThatThrownBy(() -> new FeatureStatistics("x", 2, 1, 0, 0.5, 0))
                .hasMessage("Statistics of 'x' need min <= max and a variance >= 0");
    }

    @Test
    void datasetStatisticsCountEveryRowAndFindFeaturesByName() {
        FeatureStatistics x = of("x", 1, 2);
        DatasetStatistics statistics = new DatasetStatistics(2, List.of(x, of("y", 3, 4)), null);
        assertThat(statistics.feature("x")).contains(x);
        assertThat(statistics.feature("z")).isEmpty();
        assertThatThrownBy(() -> new DatasetStatistics(3, List.of(x), null))
                .hasMessage("The statistics of 'x' count 2 values, not the dataset's 3 rows");
        assertThatThrownBy(() -> new DatasetStatistics(2, List.of(x, x), null))
                .hasMessage("The feature 'x' has statistics twice");
    }
}
