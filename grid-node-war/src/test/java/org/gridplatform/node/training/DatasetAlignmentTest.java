package org.gridplatform.node.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gridplatform.api.InvalidRequestException;
import org.gridplatform.node.data.LoadedDataset;
import org.gridplatform.spi.training.ModelSchema;
import org.gridplatform.spi.training.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.gridplatform.api.training.FeatureScaling;

class DatasetAlignmentTest {

    @TempDir
    Path dir;

    private LoadedDataset two;

    @BeforeEach
    void load() throws IOException {
        two = TrainingFixtures.twoLabels(dir);
    }

    private static ModelSchema classification(List<String> features, List<String> labels) {
        return new ModelSchema(Task.CLASSIFICATION, features, labels, "kind");
    }

    @Test
    void matchesFeaturesByNameInTheSchemasOrderAndIgnoresFeaturesTheSchemaLacks() {
        AlignedDataset aligned = DatasetAlignment.align(two, classification(List.of("y", "x"), List.of("a", "b")), Map.of());

        int[] train = two.trainRows();
        assertThat(aligned.train().size()).isEqualTo(train.length);
        for (int i = 0; i < train.length; i++) {
            int row = train[i];
            assertThat(aligned.train().features(i)).containsExactly(row % 2 == 0 ? 1 : -1, row);
        }
    }

    @Test
    void aSchemaFeatureTheNodeLacksIsZeroAfterScaling() {
        ModelSchema schema = classification(List.of("x", "missing"), List.of("a", "b"));
        AlignedDataset aligned = DatasetAlignment.align(two, schema,
                Map.of("x", new FeatureScaling(10, 2), "missing", new FeatureScaling(7, 3)));

        int row = two.trainRows()[0];
        assertThat(aligned.train().features(0)).containsExactly((row - 10) / 2.0, 0.0);
    }

    @Test
    void appliesTheAgreedScalingNotTheNodesStatistics() {
        AlignedDataset aligned = DatasetAlignment.align(two, classification(List.of("extra"), List.of("a", "b")),
                Map.of("extra", new FeatureScaling(100, 4)));

        for (int i = 0; i < aligned.heldOut().size(); i++) {
            int row = two.heldOutRows()[i];
            assertThat(aligned.heldOut().features(i)).containsExactly(row / 4.0);
        }
    }

    @Test
    void matchesLabelsByNameAndAcceptsSchemaLabelsTheNodeLacks() {
        ModelSchema schema = classification(List.of("x"), List.of("z", "b", "a"));
        AlignedDataset aligned = DatasetAlignment.align(two, schema, Map.of());

        int[] train = two.trainRows();
        for (int i = 0; i < train.length; i++) {
            assertThat(aligned.train().label(i)).isEqualTo(train[i] < 10 ? 2 : 1);
        }
    }

    @Test
    void refusesANodeLabelTheSchemaLacks() {
        assertThatThrownBy(() -> DatasetAlignment.align(two, classification(List.of("x"), List.of("a", "c")), Map.of()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("The dataset 'two' has the label 'b' that the schema does not list; add it to the schema's labels");
    }

    @Test
    void refusesAnotherTask() {
        assertThatThrownBy(() -> DatasetAlignment.align(two, new ModelSchema(Task.REGRESSION, List.of("x"), List.of(), "kind"),
                Map.of()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("The dataset 'two' is for classification (target 'kind') but the schema is for regression:"
                        + " set the schema's task to classification, or select another dataset");
    }

    @Test
    void refusesAnotherTarget() {
        assertThatThrownBy(() -> DatasetAlignment.align(two,
                new ModelSchema(Task.CLASSIFICATION, List.of("x"), List.of("a", "b"), "species"), Map.of()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("The schema's target is 'species' but the dataset 'two' predicts 'kind': set the schema's target"
                        + " to 'kind', or select another dataset");
    }

    @Test
    void refusesADatasetWithNoneOfTheSchemasFeatures() {
        assertThatThrownBy(() -> DatasetAlignment.align(two, classification(List.of("p", "q"), List.of("a", "b")), Map.of()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("The dataset 'two' has none of the schema's features; its features are 'x', 'extra', 'y':"
                        + " name them in the schema, or select another dataset");
    }

    @Test
    void trainsOnTheTrainingRowsAndEvaluatesOnTheFixedHeldOutRows() {
        AlignedDataset aligned = DatasetAlignment.align(two, classification(List.of("x"), List.of("a", "b")), Map.of());

        assertThat(aligned.train().size()).isEqualTo(16);
        assertThat(aligned.heldOut().size()).isEqualTo(4);
        for (int i = 0; i < 4; i++) {
            assertThat(aligned.heldOut().features(i)[0]).isEqualTo(two.heldOutRows()[i]);
        }
    }

    @Test
    void regressionKeepsTheTargets() throws IOException {
        LoadedDataset houses = TrainingFixtures.load(dir, "houses", "rooms,price\n1,10\n2,20\n3,30\n4,40\n5,50\n", "price",
                Task.REGRESSION);
        AlignedDataset aligned = DatasetAlignment.align(houses, new ModelSchema(Task.REGRESSION, List.of("rooms"), List.of(),
                "price"), Map.of());

        for (int i = 0; i < aligned.train().size(); i++) {
            assertThat(aligned.train().target(i)).isEqualTo(aligned.train().features(i)[0] * 10);
        }
    }

    @Test
    void theCacheBuildsOncePerDatasetSchemaAndScalingWithinItsBudget() {
        AlignedDataCache cache = new AlignedDataCache(1 << 20);
        ModelSchema schema = classification(List.of("x"), List.of("a", "b"));

        AlignedDataset first = cache.aligned(two, schema, Map.of());
        assertThat(cache.aligned(two, schema, Map.of())).isSameAs(first);
        assertThat(cache.aligned(two, schema, Map.of("x", new FeatureScaling(1, 2)))).isNotSameAs(first);
        assertThat(cache.size()).isEqualTo(2);

        AlignedDataCache none = new AlignedDataCache(0);
        assertThat(none.aligned(two, schema, Map.of())).isNotSameAs(none.aligned(two, schema, Map.of()));
        assertThat(none.size()).isZero();
    }
}
