package org.gridplatform.plugin.training.tribuo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.gridplatform.spi.training.ModelParameters;
import org.gridplatform.spi.training.TrainingBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Feature;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

class TribuoModelsTest {

    @TempDir
    Path dir;

    @Test
    void aSavedAndLoadedLogisticModelPredictsTheParametersSoftmax() throws IOException {
        TrainingBackend backend = new TribuoLogisticFactory().create(Settings.config("grid.training.tribuo-logistic"));
        ArrayData iris = Datasets.iris();
        ModelParameters parameters = backend.train(iris, backend.initialParameters(iris.schema(), 0), Settings.of("epochs", "3")).parameters();

        Path file = dir.resolve("iris.tribuo");
        TribuoModels.toTribuoModel(parameters, "tribuo-logistic").serializeToFile(file);
        Model<?> loaded = Model.deserializeFromFile(file);

        assertThat(loaded).isInstanceOf(org.tribuo.classification.sgd.linear.LinearSGDModel.class);
        assertThat(loaded.generatesProbabilities()).isTrue();
        Model<Label> model = loaded.castModel(Label.class);
        double[][] weights = parameters.weights();
        for (int i = 0; i < iris.size(); i++) {
            Prediction<Label> prediction = model.predict(example(LabelFactory.UNKNOWN_LABEL, iris, i));
            double[] expected = LinearSgdBackendTest.softmax(weights, iris.features(i));
            for (int r = 0; r < 3; r++) {
                assertThat(prediction.getOutputScores().get(Datasets.IRIS_LABELS.get(r)).getScore()).isCloseTo(expected[r], within(1e-12));
            }
            assertThat(prediction.getOutput().getLabel()).isEqualTo(Datasets.IRIS_LABELS.get(LinearSgdBackendTest.argmax(expected)));
        }
    }

    @Test
    void aSavedAndLoadedLinearModelPredictsTheParametersLine() throws IOException {
        TrainingBackend backend = new TribuoLinearFactory().create(Settings.config("grid.training.tribuo-linear"));
        ArrayData boston = Datasets.boston();
        ModelParameters parameters = backend.train(boston, backend.initialParameters(boston.schema(), 0), Settings.of()).parameters();

        Path file = dir.resolve("boston.tribuo");
        TribuoModels.toTribuoModel(parameters, "tribuo-linear").serializeToFile(file);
        Model<Regressor> model = Model.deserializeFromFile(file).castModel(Regressor.class);

        assertThat(model).isInstanceOf(org.tribuo.regression.sgd.linear.LinearSGDModel.class);
        double[] weights = parameters.weights()[0];
        for (int i = 0; i < boston.size(); i++) {
            double expected = weights[13];
            for (int j = 0; j < 13; j++) {
                expected += weights[j] * boston.features(i)[j];
            }
            Regressor prediction = model.predict(example(RegressionFactory.UNKNOWN_REGRESSOR, boston, i)).getOutput();
            assertThat(prediction.getNames()).containsExactly("MEDV");
            assertThat(prediction.getValues()[0]).isCloseTo(expected, within(1e-9));
        }
    }

    @Test
    void theModelCarriesNoTraceOfANode() {
        ArrayData iris = Datasets.iris();
        Model<?> model = TribuoModels.toTribuoModel(LinearSgdBackendTest.randomParameters(iris.schema(), 1), "tribuo-logistic");
        String provenance = model.getProvenance().toString();
        for (String path : List.of(System.getProperty("user.dir"), System.getProperty("user.home"), System.getProperty("java.io.tmpdir"),
                dir.toString())) {
            assertThat(provenance).doesNotContain(path);
        }
        assertThat(provenance).doesNotContain("file:").contains("grid-backend=tribuo-logistic");
        assertThat(model.getFeatureIDMap().get("petal_length").getCount()).isZero();
        // One observation per label, as Tribuo records outputs of external models: not the node's counts
        assertThat(model.getOutputIDInfo().outputCountsIterable()).extracting(count -> count.getB()).containsOnly(1L);
    }

    @Test
    void mistakesSayWhatToChange() {
        ModelParameters iris = LinearSgdBackendTest.randomParameters(Datasets.iris().schema(), 1);
        assertThatThrownBy(() -> TribuoModels.toTribuoModel(iris, "tribuo-svm"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("There is no Tribuo backend named \"tribuo-svm\": use tribuo-logistic or tribuo-linear");
        assertThatThrownBy(() -> TribuoModels.toTribuoModel(iris, "tribuo-linear"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tribuo-linear trains regression models but the schema is for classification (target \"species\"):"
                        + " use tribuo-logistic for this schema");
    }

    /** @return example {@code i} as a Tribuo user would build it: features by name, in no particular order */
    private static <T extends org.tribuo.Output<T>> ArrayExample<T> example(T unknown, ArrayData data, int i) {
        List<Feature> features = new ArrayList<>();
        for (int j = 0; j < data.schema().features().size(); j++) {
            features.add(new Feature(data.schema().features().get(j), data.features(i)[j]));
        }
        Collections.reverse(features);
        return new ArrayExample<>(unknown, features);
    }
}
