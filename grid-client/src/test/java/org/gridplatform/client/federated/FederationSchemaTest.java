package org.gridplatform.client.federated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.gridplatform.api.DatasetDescription;
import org.gridplatform.api.DatasetStatistics;
import org.gridplatform.api.FeatureStatistics;
import org.gridplatform.spi.training.Task;
import org.junit.jupiter.api.Test;

class FederationSchemaTest {

    @Test
    void takesTheUnionOfFeaturesAndLabelsInOrderOfFirstAppearanceAndPoolsTheStatistics() {
        NodeDatasets bob = node("bob", dataset("d", "classification", "species", List.of("a", "c"), List.of("setosa", "virginica"),
                stats("a", 10, 1, 0), stats("c", 10, 5, 4)));
        NodeDatasets alice = node("alice", dataset("d", "classification", "species", List.of("a", "b"), List.of("setosa", "versicolor"),
                stats("a", 30, 3, 1), stats("b", 30, 0, 0)));

        FederationSchema agreed = FederationSchema.agree(List.of(bob, alice), "tribuo-logistic", Task.CLASSIFICATION);

        assertThat(agreed.schema().features()).containsExactly("a", "b", "c");
        assertThat(agreed.schema().labels()).containsExactly("setosa", "versicolor", "virginica");
        assertThat(agreed.schema().target()).isEqualTo("species");
        // a: 10 rows of mean 1 (variance 0) and 30 of mean 3 (variance 1): mean 2.5, variance (30 + 40 * 0.75) / 40 = 1.5
        assertThat(agreed.scaling().get("a").offset()).isCloseTo(2.5, within(1e-12));
        assertThat(agreed.scaling().get("a").scale()).isCloseTo(Math.sqrt(1.5), within(1e-12));
        assertThat(agreed.scaling().get("b").scale()).as("a constant feature is only centred").isEqualTo(1.0);
        assertThat(agreed.scaling().get("c").offset()).isEqualTo(5.0);
        assertThat(agreed.scaling().get("c").scale()).isCloseTo(2.0, within(1e-12));
    }

    @Test
    void refusesDatasetsOfDifferentTasksOrTargetsNamingThem() {
        NodeDatasets a = node("alice", dataset("iris", "classification", "species", List.of("x"), List.of("p", "q"), stats("x", 5, 0, 1)));
        NodeDatasets b = node("bob", dataset("boston", "regression", "MEDV", List.of("x"), null, stats("x", 5, 0, 1)));
        NodeDatasets c = node("carol", dataset("iris", "classification", "kind", List.of("x"), List.of("p", "q"), stats("x", 5, 0, 1)));

        assertThatThrownBy(() -> FederationSchema.agree(List.of(a, b), "tribuo-logistic", Task.CLASSIFICATION))
                .hasMessage("The datasets cannot train one model: their tasks differ (classification: alice/iris;"
                        + " regression: bob/boston); narrow the tags to datasets of one task");
        assertThatThrownBy(() -> FederationSchema.agree(List.of(a, c), "tribuo-logistic", Task.CLASSIFICATION))
                .hasMessageStartingWith("The datasets cannot train one model: they predict different columns"
                        + " (kind: carol/iris; species: alice/iris)");
        assertThatThrownBy(() -> FederationSchema.agree(List.of(b), "tribuo-logistic", Task.CLASSIFICATION))
                .hasMessage("The backend tribuo-logistic trains classification models but the datasets are for regression"
                        + " (target 'MEDV'): choose a regression backend, such as tribuo-linear");
        assertThatThrownBy(() -> FederationSchema.agree(List.of(node("dave")), "tribuo-logistic", null))
                .hasMessageContaining("No dataset matches");
    }

    @Test
    void aClassifierNeedsTwoLabelsAcrossAllNodes() {
        NodeDatasets a = node("alice", dataset("d", "classification", "y", List.of("x"), List.of("only"), stats("x", 5, 0, 1)));
        assertThatThrownBy(() -> FederationSchema.agree(List.of(a), "tribuo-logistic", Task.CLASSIFICATION))
                .hasMessageContaining("1 label (only) together; a classifier needs at least two");
    }

    private static NodeDatasets node(String id, DatasetDescription... datasets) {
        return new NodeDatasets(id, URI.create("http://127.0.0.1:1"), List.of(datasets));
    }

    private static DatasetDescription dataset(String id, String task, String target, List<String> features, List<String> labels,
                                              FeatureStatistics... statistics) {
        long rows = statistics[0].count();
        return new DatasetDescription(id, id, List.of("#t"), "", target, rows, List.of(), task, "csv", features, labels,
                new DatasetStatistics(rows, new ArrayList<>(List.of(statistics)), null));
    }

    private static FeatureStatistics stats(String name, long count, double mean, double variance) {
        return new FeatureStatistics(name, count, mean - 10, mean + 10, mean, variance);
    }
}
