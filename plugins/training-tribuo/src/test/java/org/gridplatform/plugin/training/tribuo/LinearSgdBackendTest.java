package org.gridplatform.plugin.training.tribuo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.gridplatform.spi.training.Evaluation;
import org.gridplatform.spi.training.LocalUpdate;
import org.gridplatform.spi.training.ModelParameters;
import org.gridplatform.spi.training.ModelSchema;
import org.gridplatform.spi.training.Task;
import org.gridplatform.spi.training.TrainingBackend;
import org.junit.jupiter.api.Test;

class LinearSgdBackendTest {

    private final TrainingBackend logistic = new TribuoLogisticFactory().create(Settings.config("grid.training.tribuo-logistic"));
    private final TrainingBackend linear = new TribuoLinearFactory().create(Settings.config("grid.training.tribuo-linear"));

    @Test
    void initialParametersAreZerosOfTheSchemasShape() {
        ModelSchema schema = Datasets.iris().schema();
        ModelParameters initial = logistic.initialParameters(schema, 7);
        assertThat(initial.schema()).isEqualTo(schema);
        assertThat(initial.weights()).isDeepEqualTo(new double[3][5]);
        assertThat(linear.initialParameters(Datasets.boston().schema(), 7).weights()).isDeepEqualTo(new double[1][14]);
    }

    @Test
    void zeroEpochsReturnTheStartParametersExactly() {
        ArrayData iris = Datasets.iris();
        ModelParameters start = randomParameters(iris.schema(), 3);
        LocalUpdate update = logistic.train(iris, start, Settings.of("epochs", "0"));
        assertThat(update.parameters()).isEqualTo(start);
        assertThat(update.examples()).isEqualTo(150);
        assertThat(update.metrics()).isEqualTo(logistic.evaluate(iris, start).metrics());

        ArrayData boston = Datasets.boston();
        ModelParameters linearStart = randomParameters(boston.schema(), 4);
        assertThat(linear.train(boston, linearStart, Settings.of("epochs", "0")).parameters()).isEqualTo(linearStart);
    }

    @Test
    void trainingStartsFromTheGivenParameters() {
        ArrayData iris = Datasets.iris();
        ModelParameters zeros = logistic.initialParameters(iris.schema(), 0);
        ModelParameters trained = logistic.train(iris, zeros, Settings.of("epochs", "10")).parameters();
        assertThat(maxDifference(trained, zeros)).isGreaterThan(1);

        // A tiny learning rate barely moves the parameters: from wherever they started.
        Settings tiny = Settings.of("optimiser", "sgd", "learning-rate", "1e-6");
        assertThat(maxDifference(logistic.train(iris, trained, tiny).parameters(), trained)).isLessThan(1e-3);
        assertThat(maxDifference(logistic.train(iris, zeros, tiny).parameters(), zeros)).isLessThan(1e-3);

        // One epoch from trained parameters keeps their quality; one from zeros does not reach it.
        double fromTrained = logistic.train(iris, trained, Settings.of()).metrics().get("loss");
        double fromZeros = logistic.train(iris, zeros, Settings.of()).metrics().get("loss");
        assertThat(fromTrained).isLessThan(logistic.evaluate(iris, trained).metrics().get("loss") * 1.2).isLessThan(fromZeros);
    }

    @Test
    void labelsTheNodeLacksKeepTheirRowsAndLearnOnlyFromTheSoftmax() {
        ArrayData iris = Datasets.iris();
        int[] noVersicolor = IntStream.range(0, iris.size()).filter(i -> iris.label(i) != 1).toArray();
        ArrayData node = iris.select(noVersicolor);
        ModelParameters start = randomParameters(iris.schema(), 5);
        double[][] before = start.weights();
        LocalUpdate update = logistic.train(node, start, Settings.of("epochs", "3"));
        double[][] after = update.parameters().weights();

        assertThat(after).hasDimensions(3, 5);
        // Versicolor is never the true label here, so every update lowers its score: its bias only falls,
        // and so does its probability on the node's examples.
        assertThat(after[1][4]).isLessThan(before[1][4]);
        assertThat(meanProbability(update.parameters(), node, 1)).isLessThan(meanProbability(start, node, 1));
        assertThat(meanProbability(update.parameters(), node, 0)).isGreaterThan(meanProbability(start, node, 0));
    }

    @Test
    void rowsFollowTheSchemasLabelOrderNotTribuos() {
        ArrayData iris = Datasets.iris();
        // The same examples against a schema that lists the labels in another order
        List<String> permuted = List.of("virginica", "setosa", "versicolor");
        ModelSchema other = new ModelSchema(Task.CLASSIFICATION, iris.schema().features(), permuted, "species");
        int[] labels = IntStream.range(0, iris.size()).map(i -> permuted.indexOf(Datasets.IRIS_LABELS.get(iris.label(i)))).toArray();
        ArrayData relabelled = ArrayData.classification(other, iris.rows(), labels);

        double[][] weights = logistic.train(iris, logistic.initialParameters(iris.schema(), 0), Settings.of("epochs", "2"))
                .parameters().weights();
        double[][] otherWeights = logistic.train(relabelled, logistic.initialParameters(other, 0), Settings.of("epochs", "2"))
                .parameters().weights();
        for (int r = 0; r < 3; r++) {
            assertThat(otherWeights[permuted.indexOf(Datasets.IRIS_LABELS.get(r))]).containsExactly(weights[r], within(1e-9));
        }
    }

    @Test
    void featureJLandsInColumnJWhateverTribuoNumbersIt() {
        // Names whose sorted order (Tribuo's ids) differs from the schema's order
        List<String> names = List.of("zeta", "f10", "alpha", "f2", "Beta", "f1", "mu", "_x", "f9");
        ModelSchema classes = new ModelSchema(Task.CLASSIFICATION, names, List.of("no", "yes"), "label");
        ModelSchema values = new ModelSchema(Task.REGRESSION, names, List.of(), "value");
        SplittableRandom random = new SplittableRandom(11);
        double[][] rows = new double[300][names.size()];
        for (double[] row : rows) {
            for (int j = 0; j < row.length; j++) {
                row[j] = random.nextDouble(-1, 1);
            }
        }
        for (int j = 0; j < names.size(); j++) {
            int feature = j;
            ArrayData labelled = ArrayData.classification(classes, rows, IntStream.range(0, rows.length)
                    .map(i -> rows[i][feature] > 0 ? 1 : 0).toArray());
            double[][] w = logistic.train(labelled, logistic.initialParameters(classes, 0), Settings.of("epochs", "3"))
                    .parameters().weights();
            assertThat(argmax(IntStream.range(0, names.size()).mapToDouble(c -> w[1][c] - w[0][c]).toArray()))
                    .as("the column of %s", names.get(j)).isEqualTo(j);

            ArrayData valued = ArrayData.regression(values, rows, IntStream.range(0, rows.length)
                    .mapToDouble(i -> 3 * rows[i][feature] + 1).toArray());
            double[] v = linear.train(valued, linear.initialParameters(values, 0), Settings.of("epochs", "20")).parameters().weights()[0];
            for (int c = 0; c < names.size(); c++) {
                assertThat(v[c]).as("the weight of %s", names.get(c)).isCloseTo(c == j ? 3 : 0, within(0.1));
            }
            assertThat(v[names.size()]).as("the bias").isCloseTo(1, within(0.1));
        }
    }

    @Test
    void theSameSeedDataAndStartGiveTheSameUpdate() {
        ArrayData iris = Datasets.iris();
        ModelParameters start = randomParameters(iris.schema(), 9);
        Settings settings = Settings.of("seed", "7", "epochs", "2");
        LocalUpdate first = logistic.train(iris, start, settings);
        LocalUpdate second = logistic.train(iris, start, settings);
        assertThat(second.parameters()).isEqualTo(first.parameters());
        assertThat(second.metrics()).isEqualTo(first.metrics());
        assertThat(logistic.train(iris, start, settings.with("seed", "8")).parameters()).isNotEqualTo(first.parameters());

        ArrayData boston = Datasets.boston();
        ModelParameters linearStart = linear.initialParameters(boston.schema(), 0);
        assertThat(linear.train(boston, linearStart, settings).parameters()).isEqualTo(linear.train(boston, linearStart, settings).parameters());
    }

    @Test
    void concurrentStepsDoNotDisturbEachOther() throws Exception {
        ArrayData iris = Datasets.iris();
        List<ModelParameters> starts = IntStream.range(0, 6).mapToObj(seed -> randomParameters(iris.schema(), seed)).toList();
        List<ModelParameters> sequential = starts.stream().map(start -> logistic.train(iris, start, Settings.of()).parameters()).toList();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<ModelParameters>> futures = new ArrayList<>();
            for (ModelParameters start : starts) {
                futures.add(pool.submit(() -> logistic.train(iris, start, Settings.of()).parameters()));
            }
            for (int i = 0; i < starts.size(); i++) {
                assertThat(futures.get(i).get(30, TimeUnit.SECONDS)).isEqualTo(sequential.get(i));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anInterruptedStepStopsWithACancellation() throws Exception {
        ArrayData iris = Datasets.iris();
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> logistic.train(iris, logistic.initialParameters(iris.schema(), 0), Settings.of()))
                    .isInstanceOf(CancellationException.class).hasMessage("The training step was interrupted");
        } finally {
            Thread.interrupted();
        }

        // Interrupted in the middle of a step that would run for minutes
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        ArrayData big = iris.select(java.util.stream.IntStream.range(0, 150_000).map(i -> i % iris.size()).toArray());
        Thread training = new Thread(() -> {
            try {
                logistic.train(big, logistic.initialParameters(iris.schema(), 0), Settings.of("epochs", "1000"));
            } catch (Throwable e) {
                outcome.set(e);
            }
        });
        training.start();
        Thread.sleep(200);
        training.interrupt();
        training.join(1000);
        assertThat(training.isAlive()).isFalse();
        assertThat(outcome.get()).isInstanceOf(CancellationException.class).hasMessage("The training step was interrupted");
    }

    @Test
    void evaluationIsTheExactSoftmaxCrossEntropy() {
        ModelSchema schema = new ModelSchema(Task.CLASSIFICATION, List.of("a", "b"), List.of("x", "y", "z"), "label");
        ModelParameters parameters = new ModelParameters(schema, new double[][] {{1, -2, 0.5}, {0, 3, -1}, {-1, 1, 800}});
        double[][] rows = {{0.5, 0.25}, {-1, 2}, {2, -3}, {0, 0}};
        int[] labels = {0, 1, 2, 0};
        Evaluation evaluation = logistic.evaluate(ArrayData.classification(schema, rows, labels), parameters);

        double loss = 0;
        int correct = 0;
        for (int i = 0; i < rows.length; i++) {
            double[] scores = new double[3];
            for (int r = 0; r < 3; r++) {
                double[] w = parameters.weights()[r];
                scores[r] = w[0] * rows[i][0] + w[1] * rows[i][1] + w[2];
            }
            double max = Math.max(scores[0], Math.max(scores[1], scores[2]));
            loss += max + Math.log(Math.exp(scores[0] - max) + Math.exp(scores[1] - max) + Math.exp(scores[2] - max)) - scores[labels[i]];
            correct += argmax(scores) == labels[i] ? 1 : 0;
        }
        assertThat(evaluation.examples()).isEqualTo(4);
        assertThat(evaluation.metrics()).containsOnlyKeys("loss", "accuracy");
        // label z scores 800 and more: a naive softmax would overflow
        assertThat(evaluation.metrics().get("loss")).isFinite().isCloseTo(loss / 4, within(1e-12));
        assertThat(evaluation.metrics().get("accuracy")).isEqualTo(correct / 4.0).isEqualTo(0.25);
    }

    @Test
    void regressionEvaluationIsMseRmseAndMae() {
        ModelSchema schema = new ModelSchema(Task.REGRESSION, List.of("a", "b"), List.of(), "y");
        ModelParameters parameters = new ModelParameters(schema, new double[][] {{2, -1, 0.5}});
        double[][] rows = {{1, 1}, {0, 2}, {3, -1}};
        double[] targets = {1.5, -1, 9}; // predictions 1.5, -1.5, 7.5: errors 0, 0.5, 1.5
        Evaluation evaluation = linear.evaluate(ArrayData.regression(schema, rows, targets), parameters);
        assertThat(evaluation.examples()).isEqualTo(3);
        assertThat(evaluation.metrics()).containsOnlyKeys("loss", "rmse", "mae");
        assertThat(evaluation.metrics().get("loss")).isCloseTo(2.5 / 3, within(1e-12));
        assertThat(evaluation.metrics().get("rmse")).isCloseTo(Math.sqrt(2.5 / 3), within(1e-12));
        assertThat(evaluation.metrics().get("mae")).isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void aMinibatchUpdateUsesTheMeanGradient() {
        ModelSchema schema = new ModelSchema(Task.REGRESSION, List.of("a", "b"), List.of(), "y");
        double[][] rows = {{1, 0}, {0, 1}, {1, 1}, {2, -1}};
        double[] targets = {1, 2, 3, 4};
        // From zeros, the squared loss's descent direction for one example is (y - 0) * (x, 1).
        double[] expected = new double[3];
        for (int i = 0; i < 4; i++) {
            expected[0] += 0.1 * targets[i] * rows[i][0] / 4;
            expected[1] += 0.1 * targets[i] * rows[i][1] / 4;
            expected[2] += 0.1 * targets[i] / 4;
        }
        for (String size : List.of("4", "8")) {
            ModelParameters after = linear.train(ArrayData.regression(schema, rows, targets), linear.initialParameters(schema, 0),
                    Settings.of("optimiser", "sgd", "learning-rate", "0.1", "minibatch-size", size)).parameters();
            if (size.equals("4")) {
                assertThat(after.weights()[0]).containsExactly(expected, within(1e-12));
            } else {
                // A minibatch larger than the data: one update, the mean over the minibatch size
                assertThat(after.weights()[0]).containsExactly(new double[] {expected[0] / 4, expected[1] / 4, expected[2] / 4},
                        within(1e-12));
            }
        }
    }

    @Test
    void l2ShrinksTheWeightsButNotTheBias() {
        ModelSchema schema = new ModelSchema(Task.REGRESSION, List.of("a", "b"), List.of(), "y");
        double[][] rows = {{1, 0}, {0, 1}, {1, 1}};
        // Targets the start parameters predict exactly: the loss has no gradient, only the decay acts.
        ModelParameters start = new ModelParameters(schema, new double[][] {{2, -1, 0.5}});
        double[] targets = {2.5, -0.5, 1.5};
        ModelParameters after = linear.train(ArrayData.regression(schema, rows, targets), start,
                Settings.of("optimiser", "sgd", "learning-rate", "0.1", "l2", "0.5", "minibatch-size", "3")).parameters();
        assertThat(after.weights()[0]).containsExactly(new double[] {2 * 0.95, -1 * 0.95, 0.5}, within(1e-12));
    }

    @Test
    void adamTakesStepsOfAboutTheLearningRate() {
        // Adam's first step moves every weight with a gradient by the learning rate, whatever the gradient's size.
        ModelSchema schema = new ModelSchema(Task.REGRESSION, List.of("a"), List.of(), "y");
        for (double target : new double[] {0.01, 1000}) {
            ModelParameters after = linear.train(ArrayData.regression(schema, new double[][] {{1}}, new double[] {target}),
                    linear.initialParameters(schema, 0), Settings.of("optimiser", "adam", "learning-rate", "0.05")).parameters();
            assertThat(after.weights()[0]).containsExactly(new double[] {0.05, 0.05}, within(1e-5));
        }
    }

    @Test
    void emptyDataLeavesTheParametersAndHasNoMetrics() {
        ModelSchema schema = Datasets.iris().schema();
        ModelParameters start = randomParameters(schema, 1);
        ArrayData none = ArrayData.classification(schema, new double[0][], new int[0]);
        assertThat(logistic.train(none, start, Settings.of())).isEqualTo(new LocalUpdate(start, 0, Map.of()));
        assertThat(logistic.evaluate(none, start)).isEqualTo(new Evaluation(0, Map.of()));
    }

    @Test
    void mistakesTheCallerCanFixSayWhatToChange() {
        ArrayData iris = Datasets.iris();
        ArrayData boston = Datasets.boston();
        ModelParameters irisStart = logistic.initialParameters(iris.schema(), 0);
        assertThatThrownBy(() -> logistic.initialParameters(boston.schema(), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tribuo-logistic trains classification models but the schema is for regression (target \"MEDV\"):"
                        + " use tribuo-linear for this schema");
        assertThatThrownBy(() -> linear.train(iris, irisStart, Settings.of()))
                .hasMessage("tribuo-linear trains regression models but the schema is for classification (target \"species\"):"
                        + " use tribuo-logistic for this schema");
        assertThatThrownBy(() -> linear.evaluate(iris, irisStart)).hasMessageStartingWith("tribuo-linear trains regression models");

        ModelSchema threeFeatures = new ModelSchema(Task.CLASSIFICATION, iris.schema().features().subList(0, 3), Datasets.IRIS_LABELS, "species");
        assertThatThrownBy(() -> logistic.train(iris, logistic.initialParameters(threeFeatures, 0), Settings.of()))
                .hasMessage("The data and the parameters have different schemas (the data's features are [sepal_length, sepal_width,"
                        + " petal_length, petal_width], the parameters' [sepal_length, sepal_width, petal_length]): align the data"
                        + " to the parameters' schema");
        ModelSchema twoLabels = new ModelSchema(Task.CLASSIFICATION, iris.schema().features(), List.of("setosa", "versicolor"), "species");
        assertThatThrownBy(() -> logistic.evaluate(iris, logistic.initialParameters(twoLabels, 0)))
                .hasMessage("The data and the parameters have different schemas (the data's labels are [setosa, versicolor, virginica],"
                        + " the parameters' [setosa, versicolor]): align the data to the parameters' schema");

        ModelSchema twice = new ModelSchema(Task.CLASSIFICATION, List.of("a", "b", "a"), List.of("x", "y"), "label");
        assertThatThrownBy(() -> logistic.initialParameters(twice, 0))
                .hasMessage("The schema names the feature \"a\" twice: give every feature a distinct name");
        ModelSchema twiceLabelled = new ModelSchema(Task.CLASSIFICATION, List.of("a"), List.of("x", "y", "x"), "label");
        assertThatThrownBy(() -> logistic.initialParameters(twiceLabelled, 0))
                .hasMessage("The schema names the label \"x\" twice: give every label a distinct name");

        ModelSchema schema = new ModelSchema(Task.CLASSIFICATION, List.of("a", "b"), List.of("x", "y"), "label");
        ModelParameters start = logistic.initialParameters(schema, 0);
        assertThatThrownBy(() -> logistic.train(ArrayData.classification(schema, new double[][] {{1, 2}, {1, Double.NaN}}, new int[] {0, 1}),
                start, Settings.of()))
                .hasMessage("Example 1 has no finite value for the feature \"b\": impute missing values or drop such examples before training");
        assertThatThrownBy(() -> logistic.evaluate(ArrayData.classification(schema, new double[][] {{1, 2, 3}}, new int[] {0}), start))
                .hasMessage("Example 0 has 3 feature values but the schema has 2 features: align the data to the schema");
        assertThatThrownBy(() -> logistic.train(ArrayData.classification(schema, new double[][] {{1, 2}}, new int[] {2}), start, Settings.of()))
                .hasMessage("Example 0 has the label index 2 but the schema has 2 labels: align the data to the schema");
        ModelSchema regression = new ModelSchema(Task.REGRESSION, List.of("a"), List.of(), "y");
        assertThatThrownBy(() -> linear.train(ArrayData.regression(regression, new double[][] {{1}}, new double[] {Double.POSITIVE_INFINITY}),
                linear.initialParameters(regression, 0), Settings.of()))
                .hasMessage("Example 0 has no finite value for the target \"y\": drop such examples before training");

        assertThatThrownBy(() -> logistic.train(iris, irisStart, Settings.of("learning-rate", "fast")))
                .hasMessage("learning-rate is \"fast\": use a decimal number, such as 0.1");
        assertThatThrownBy(() -> linear.train(boston, linear.initialParameters(boston.schema(), 0),
                Settings.of("optimiser", "sgd", "learning-rate", "5")))
                .hasMessage("The training step diverged: its weights overflowed. Lower learning-rate (it is 5.0 with the optimiser sgd),"
                        + " or agree on a scaling that brings the features and the target to about 1");
    }

    static ModelParameters randomParameters(ModelSchema schema, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] weights = new double[schema.outputs()][schema.features().size() + 1];
        for (double[] row : weights) {
            for (int c = 0; c < row.length; c++) {
                row[c] = random.nextDouble(-1, 1);
            }
        }
        return new ModelParameters(schema, weights);
    }

    private static double maxDifference(ModelParameters a, ModelParameters b) {
        double[][] x = a.weights();
        double[][] y = b.weights();
        double max = 0;
        for (int r = 0; r < x.length; r++) {
            for (int c = 0; c < x[r].length; c++) {
                max = Math.max(max, Math.abs(x[r][c] - y[r][c]));
            }
        }
        return max;
    }

    /** @return the mean softmax probability of label {@code label} over the examples */
    static double meanProbability(ModelParameters parameters, ArrayData data, int label) {
        double[][] w = parameters.weights();
        double sum = 0;
        for (int i = 0; i < data.size(); i++) {
            sum += softmax(w, data.features(i))[label];
        }
        return sum / data.size();
    }

    static double[] softmax(double[][] w, double[] x) {
        double[] scores = new double[w.length];
        for (int r = 0; r < w.length; r++) {
            scores[r] = w[r][x.length];
            for (int j = 0; j < x.length; j++) {
                scores[r] += w[r][j] * x[j];
            }
        }
        double max = scores[argmax(scores)];
        double total = 0;
        for (int r = 0; r < scores.length; r++) {
            scores[r] = Math.exp(scores[r] - max);
            total += scores[r];
        }
        for (int r = 0; r < scores.length; r++) {
            scores[r] /= total;
        }
        return scores;
    }

    static int argmax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
