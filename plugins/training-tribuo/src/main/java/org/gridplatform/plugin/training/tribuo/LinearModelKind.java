package org.gridplatform.plugin.training.tribuo;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gridplatform.spi.training.ModelParameters;
import org.gridplatform.spi.training.ModelSchema;
import org.gridplatform.spi.training.Task;
import org.gridplatform.spi.training.TrainingData;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Output;
import org.tribuo.OutputFactory;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.common.sgd.AbstractLinearSGDModel;
import org.tribuo.common.sgd.AbstractLinearSGDTrainer;
import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

/**
 * What differs between the two backends: the task, Tribuo's output type and trainer, and the
 * metrics. Stateless.
 *
 * @param <T> Tribuo's output type
 */
abstract sealed class LinearModelKind<T extends Output<T>> permits LinearModelKind.Logistic, LinearModelKind.Linear {

    /** Multinomial logistic regression, {@code tribuo-logistic}. */
    static final Logistic LOGISTIC = new Logistic();
    /** Linear regression, {@code tribuo-linear}. */
    static final Linear LINEAR = new Linear();

    /**
     * @param backendName {@code tribuo-logistic} or {@code tribuo-linear}
     * @return that backend's kind
     * @throws IllegalArgumentException for another name
     */
    static LinearModelKind<?> named(String backendName) {
        return switch (backendName) {
            case "tribuo-logistic" -> LOGISTIC;
            case "tribuo-linear" -> LINEAR;
            default -> throw new IllegalArgumentException("There is no Tribuo backend named \"" + backendName
                    + "\": use tribuo-logistic or tribuo-linear");
        };
    }

    /** @return the backend's name */
    abstract String backendName();

    /** @return the task it trains models for */
    abstract Task task();

    abstract OutputFactory<T> outputFactory();

    /** @return Tribuo's output info of the schema: every output the schema names, with the ids of {@link #output(ModelSchema, int)} */
    abstract ImmutableOutputInfo<T> outputInfo(ModelSchema schema);

    /** @return the Tribuo output of parameter row {@code row} */
    abstract T output(ModelSchema schema, int row);

    /** @return the Tribuo output of example {@code example}, checked */
    abstract T output(TrainingData data, int example);

    /**
     * @param start the first weights, in Tribuo's id order
     * @return a trainer for one training step
     */
    abstract AbstractLinearSGDTrainer<T, ?, ? extends AbstractLinearSGDModel<T>> trainer(
            DenseMatrix start, StochasticGradientOptimiser optimiser, int epochs, int minibatchSize, long seed);

    /**
     * @param parameters parameters of {@code data}'s schema
     * @param data       at least one example
     * @return the metrics of the parameters on the examples
     */
    abstract Map<String, Double> metrics(ModelParameters parameters, TrainingData data);

    /**
     * @param schema a schema
     * @throws IllegalArgumentException if this kind cannot train models of it
     */
    void check(ModelSchema schema) {
        if (schema.task() != task()) {
            throw new IllegalArgumentException(backendName() + " trains " + describe(task()) + " models but the schema is for "
                    + describe(schema.task()) + " (target \"" + schema.target() + "\"): use "
                    + (this == LOGISTIC ? LINEAR.backendName() : LOGISTIC.backendName()) + " for this schema");
        }
        requireDistinct(schema.features(), "feature");
    }

    static void requireDistinct(List<String> names, String what) {
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (!seen.add(name)) {
                throw new IllegalArgumentException("The schema names the " + what + " \"" + name + "\" twice: give every "
                        + what + " a distinct name");
            }
        }
    }

    private static String describe(Task task) {
        return task == Task.CLASSIFICATION ? "classification" : "regression";
    }

    /** Multinomial logistic regression: softmax over the schema's labels, cross-entropy loss. */
    static final class Logistic extends LinearModelKind<Label> {

        private static final LabelFactory FACTORY = new LabelFactory();

        @Override
        String backendName() {
            return "tribuo-logistic";
        }

        @Override
        Task task() {
            return Task.CLASSIFICATION;
        }

        @Override
        OutputFactory<Label> outputFactory() {
            return FACTORY;
        }

        @Override
        void check(ModelSchema schema) {
            super.check(schema);
            requireDistinct(schema.labels(), "label");
        }

        @Override
        ImmutableOutputInfo<Label> outputInfo(ModelSchema schema) {
            Map<Label, Integer> ids = new HashMap<>();
            for (int r = 0; r < schema.labels().size(); r++) {
                ids.put(new Label(schema.labels().get(r)), r);
            }
            return FACTORY.constructInfoForExternalModel(ids);
        }

        @Override
        Label output(ModelSchema schema, int row) {
            return new Label(schema.labels().get(row));
        }

        @Override
        Label output(TrainingData data, int example) {
            return new Label(data.schema().labels().get(label(data, example)));
        }

        private static int label(TrainingData data, int example) {
            int label = data.label(example);
            if (label < 0 || label >= data.schema().labels().size()) {
                throw new IllegalArgumentException("Example " + example + " has the label index " + label + " but the schema has "
                        + data.schema().labels().size() + " labels: align the data to the schema");
            }
            return label;
        }

        @Override
        AbstractLinearSGDTrainer<Label, ?, ? extends AbstractLinearSGDModel<Label>> trainer(
                DenseMatrix start, StochasticGradientOptimiser optimiser, int epochs, int minibatchSize, long seed) {
            return new WarmStartLogisticTrainer(start, optimiser, epochs, minibatchSize, seed);
        }

        /** @return {@code loss}: the mean cross-entropy; {@code accuracy}: the share of examples whose label scores highest */
        @Override
        Map<String, Double> metrics(ModelParameters parameters, TrainingData data) {
            double[][] weights = parameters.weights();
            int bias = weights[0].length - 1;
            double[] scores = new double[weights.length];
            double loss = 0;
            long correct = 0;
            for (int i = 0; i < data.size(); i++) {
                double[] x = SchemaAlignment.features(data, i);
                int label = label(data, i);
                int best = 0;
                for (int r = 0; r < weights.length; r++) {
                    double score = weights[r][bias];
                    for (int j = 0; j < bias; j++) {
                        score += weights[r][j] * x[j];
                    }
                    scores[r] = score;
                    if (score > scores[best]) {
                        best = r;
                    }
                }
                // -log softmax(scores)[label], through log-sum-exp so that no probability underflows to 0
                double sum = 0;
                for (double score : scores) {
                    sum += Math.exp(score - scores[best]);
                }
                loss += scores[best] + Math.log(sum) - scores[label];
                if (best == label) {
                    correct++;
                }
            }
            return Map.of("loss", loss / data.size(), "accuracy", (double) correct / data.size());
        }
    }

    /** Linear regression of the schema's target, squared loss. */
    static final class Linear extends LinearModelKind<Regressor> {

        private static final RegressionFactory FACTORY = new RegressionFactory();

        @Override
        String backendName() {
            return "tribuo-linear";
        }

        @Override
        Task task() {
            return Task.REGRESSION;
        }

        @Override
        OutputFactory<Regressor> outputFactory() {
            return FACTORY;
        }

        @Override
        ImmutableOutputInfo<Regressor> outputInfo(ModelSchema schema) {
            return FACTORY.constructInfoForExternalModel(Map.of(output(schema, 0), 0));
        }

        @Override
        Regressor output(ModelSchema schema, int row) {
            // The value is not used: Tribuo identifies a regression output by its name.
            return new Regressor(schema.target(), Double.NaN);
        }

        @Override
        Regressor output(TrainingData data, int example) {
            return new Regressor(data.schema().target(), target(data, example));
        }

        private static double target(TrainingData data, int example) {
            double target = data.target(example);
            if (!Double.isFinite(target)) {
                throw new IllegalArgumentException("Example " + example + " has no finite value for the target \""
                        + data.schema().target() + "\": drop such examples before training");
            }
            return target;
        }

        @Override
        AbstractLinearSGDTrainer<Regressor, ?, ? extends AbstractLinearSGDModel<Regressor>> trainer(
                DenseMatrix start, StochasticGradientOptimiser optimiser, int epochs, int minibatchSize, long seed) {
            return new WarmStartLinearTrainer(start, optimiser, epochs, minibatchSize, seed);
        }

        /** @return {@code loss}: the mean squared error; {@code rmse}: its root; {@code mae}: the mean absolute error */
        @Override
        Map<String, Double> metrics(ModelParameters parameters, TrainingData data) {
            double[] weights = parameters.weights()[0];
            int bias = weights.length - 1;
            double squares = 0;
            double absolutes = 0;
            for (int i = 0; i < data.size(); i++) {
                double[] x = SchemaAlignment.features(data, i);
                double prediction = weights[bias];
                for (int j = 0; j < bias; j++) {
                    prediction += weights[j] * x[j];
                }
                double error = target(data, i) - prediction;
                squares += error * error;
                absolutes += Math.abs(error);
            }
            double mse = squares / data.size();
            return Map.of("loss", mse, "rmse", Math.sqrt(mse), "mae", absolutes / data.size());
        }
    }
}
