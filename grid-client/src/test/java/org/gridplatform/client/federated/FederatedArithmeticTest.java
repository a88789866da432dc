package org.gridplatform.client.federated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.gridplatform.api.FeatureStatistics;
import org.gridplatform.api.training.FeatureScaling;
import java.util.Map;
import org.gridplatform.spi.training.LocalUpdate;
import org.gridplatform.spi.training.ModelParameters;
import org.gridplatform.spi.training.ModelSchema;
import org.gridplatform.spi.training.Task;
import org.junit.jupiter.api.Test;

class FederatedArithmeticTest {

    private static final ModelSchema SCHEMA = new ModelSchema(Task.REGRESSION, List.of("x"), List.of(), "y");

    private static LocalUpdate update(double w, double b, long examples) {
        return new LocalUpdate(new ModelParameters(SCHEMA, new double[][] {{w, b}}), examples, Map.of());
    }

    @Test
    void averagesWeightedByExampleCounts() {
        ModelParameters avg = FederatedAveraging.average(List.of(update(1, 10, 30), update(4, 40, 10), update(100, 100, 0)));
        assertThat(avg.weights()[0][0]).isCloseTo((1 * 30 + 4 * 10) / 40.0, within(1e-12));
        assertThat(avg.weights()[0][1]).isCloseTo((10 * 30 + 40 * 10) / 40.0, within(1e-12));
    }

    @Test
    void refusesNothingToAverageAndMixedSchemas() {
        assertThatThrownBy(() -> FederatedAveraging.average(List.of(update(1, 1, 0))))
                .hasMessage("No node reported an update with examples; there is nothing to average");
        ModelSchema other = new ModelSchema(Task.REGRESSION, List.of("z"), List.of(), "y");
        LocalUpdate mixed = new LocalUpdate(new ModelParameters(other, new double[][] {{1, 1}}), 5, Map.of());
        assertThatThrownBy(() -> FederatedAveraging.average(List.of(update(1, 1, 5), mixed)))
                .hasMessage("The updates refer to different schemas; every node must train on the agreed one");
    }

    @Test
    void pooledMomentsEqualThoseOfAllRowsTogether() {
        double[] a = {1, 2, 3, 4};
        double[] b = {10, 20};
        FeatureStatistics pooled = GlobalScaling.pool(List.of(moments(a), moments(b)));
        FeatureStatistics all = moments(new double[] {1, 2, 3, 4, 10, 20});
        assertThat(pooled.count()).isEqualTo(6);
        assertThat(pooled.mean()).isCloseTo(all.mean(), within(1e-12));
        assertThat(pooled.variance()).isCloseTo(all.variance(), within(1e-9));
    }

    @Test
    void standardisesWithThePooledMeanAndDeviationAndLeavesConstantsUnscaled() {
        var scaling = GlobalScaling.standardise(Map.of(
                "x", List.of(moments(new double[] {1, 3}), moments(new double[] {5, 7})),
                "c", List.of(moments(new double[] {2, 2}))));
        assertThat(scaling.get("x").offset()).isCloseTo(4, within(1e-12));
        assertThat(scaling.get("x").scale()).isCloseTo(Math.sqrt(5), within(1e-12));
        assertThat(scaling.get("c")).isEqualTo(new FeatureScaling(2, 1));
    }

    private static FeatureStatistics moments(double[] values) {
        FeatureStatistics.Accumulator accumulator = new FeatureStatistics.Accumulator();
        for (double v : values) {
            accumulator.add(v);
        }
        return accumulator.toStatistics("x");
    }
}
