package org.gridplatform.client.federated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.gridplatform.api.training.FeatureScaling;
import org.gridplatform.spi.training.ModelParameters;
import org.gridplatform.spi.training.ModelSchema;
import org.gridplatform.spi.training.Task;
import org.junit.jupiter.api.Test;

/** The coordinator's arithmetic: metrics over nodes, folding the scaling into a model, and sampling. */
class CoordinatorArithmeticTest {

    @Test
    void aggregatesMeansByExampleCountsAndRmseAsTheRmseOfAllExamples() {
        Map<String, Double> all = Metrics.aggregate(List.of(
                new Metrics.Part(10, Map.of("accuracy", 1.0, "rmse", 1.0, "loss", 0.1)),
                new Metrics.Part(30, Map.of("accuracy", 0.5, "rmse", 3.0)),
                new Metrics.Part(0, Map.of("accuracy", 0.0))));

        assertThat(all.get("accuracy")).isCloseTo(0.625, within(1e-12));
        // squared errors: 10 * 1 + 30 * 9 = 280 over 40 examples
        assertThat(all.get("rmse")).isCloseTo(Math.sqrt(7), within(1e-12));
        assertThat(all.get("loss")).as("a metric only one node has").isCloseTo(0.1, within(1e-12));
    }

    @Test
    void foldingTheScalingGivesTheSameScoresOnRawValues() {
        ModelSchema schema = new ModelSchema(Task.CLASSIFICATION, List.of("a", "b"), List.of("p", "q"), "y");
        ModelParameters scaled = new ModelParameters(schema, new double[][] {{0.5, -2, 0.25}, {1.5, 3, -1}});
        Map<String, FeatureScaling> scaling = Map.of("a", new FeatureScaling(10, 4), "b", new FeatureScaling(-1, 0.5));
        ModelParameters raw = TribuoExport.foldScaling(scaled, scaling);

        double[] x = {13, 0.25};
        double[] xs = {(13 - 10) / 4.0, (0.25 + 1) / 0.5};
        for (int r = 0; r < 2; r++) {
            double[] w = scaled.weights()[r];
            double[] v = raw.weights()[r];
            assertThat(v[0] * x[0] + v[1] * x[1] + v[2]).isCloseTo(w[0] * xs[0] + w[1] * xs[1] + w[2], within(1e-12));
        }
    }

    @Test
    void samplesAreSeededSizedAndOrdered() {
        FederatedTraining training = FederatedTraining.builder(URI.create("http://127.0.0.1:1")).tags(List.of("#t"))
                .backend("tribuo-logistic").fraction(0.3).minNodes(2).seed(5).build();
        List<String> ids = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j");

        List<String> first = training.sample(ids, 1);
        assertThat(first).hasSize(3).isSorted().isSubsetOf(ids);
        assertThat(training.sample(ids, 1)).isEqualTo(first);
        assertThat(List.of(training.sample(ids, 2), training.sample(ids, 3), training.sample(ids, 4)))
                .as("rounds draw different samples").anySatisfy(s -> assertThat(s).isNotEqualTo(first));
        assertThat(training.sample(List.of("a", "b"), 1)).as("the minimum wins over the fraction").containsExactly("a", "b");
    }
}
