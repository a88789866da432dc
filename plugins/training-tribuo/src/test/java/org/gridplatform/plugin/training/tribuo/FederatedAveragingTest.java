package org.gridplatform.plugin.training.tribuo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.gridplatform.spi.training.LocalUpdate;
import org.gridplatform.spi.training.ModelParameters;
import org.gridplatform.spi.training.TrainingBackend;
import org.junit.jupiter.api.Test;

/** Sanity checks of federated averaging (FedAvg) over the backends, with their default settings. */
class FederatedAveragingTest {

    private static final int ROUNDS = 20;

    @Test
    void irisOverThreeLabelSkewedNodesReachesCentralAccuracy() {
        TrainingBackend backend = new TribuoLogisticFactory().create(Settings.config("grid.training.tribuo-logistic"));
        ArrayData iris = Datasets.iris();
        // Half of each species on one node, half on the next: every node holds two species and lacks the third.
        List<List<Integer>> shards = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        int[] seen = new int[3];
        for (int i = 0; i < iris.size(); i++) {
            int species = iris.label(i);
            shards.get(seen[species]++ < 25 ? species : (species + 1) % 3).add(i);
        }
        List<ArrayData> nodes = shards.stream().map(s -> iris.select(s.stream().mapToInt(Integer::intValue).toArray())).toList();
        for (int node = 0; node < 3; node++) {
            ArrayData data = nodes.get(node);
            assertThat(IntStream.range(0, data.size()).map(data::label).distinct().count()).isEqualTo(2);
        }

        ModelParameters federated = federate(backend, nodes);
        assertThat(backend.evaluate(iris, federated).metrics().get("accuracy")).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void bostonHousingOverThreeNodesComesCloseToCentralTraining() {
        TrainingBackend backend = new TribuoLinearFactory().create(Settings.config("grid.training.tribuo-linear"));
        ArrayData boston = Datasets.boston();
        int[] order = IntStream.range(0, boston.size()).toArray();
        SplittableRandom random = new SplittableRandom(3);
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        List<ArrayData> nodes = IntStream.range(0, 3)
                .mapToObj(node -> boston.select(IntStream.range(0, order.length).filter(i -> i % 3 == node).map(i -> order[i]).toArray()))
                .toList();

        double federated = backend.evaluate(boston, federate(backend, nodes)).metrics().get("rmse");
        double central = backend.evaluate(boston, federate(backend, List.of(boston))).metrics().get("rmse");
        double leastSquares = leastSquaresRmse(boston);
        assertThat(central).isLessThan(leastSquares * 1.03);
        assertThat(federated).isLessThan(central * 1.03);
    }

    /** @return the parameters after {@link #ROUNDS} rounds of one step per node and weighted averaging */
    private static ModelParameters federate(TrainingBackend backend, List<ArrayData> nodes) {
        ModelParameters global = backend.initialParameters(nodes.get(0).schema(), 1);
        for (int round = 0; round < ROUNDS; round++) {
            List<LocalUpdate> updates = new ArrayList<>();
            for (ArrayData node : nodes) {
                updates.add(backend.train(node, global, Settings.of()));
            }
            global = Datasets.average(updates);
        }
        return global;
    }

    /** @return the training RMSE of ordinary least squares, the optimum a linear model can reach on the data */
    private static double leastSquaresRmse(ArrayData data) {
        int columns = data.schema().features().size() + 1;
        // The normal equations (X'X) w = X'y, with a column of ones for the bias, solved by Gaussian elimination
        double[][] system = new double[columns][columns + 1];
        for (int i = 0; i < data.size(); i++) {
            double[] x = withBias(data.features(i));
            for (int r = 0; r < columns; r++) {
                for (int c = 0; c < columns; c++) {
                    system[r][c] += x[r] * x[c];
                }
                system[r][columns] += x[r] * data.target(i);
            }
        }
        for (int pivot = 0; pivot < columns; pivot++) {
            int best = pivot;
            for (int r = pivot + 1; r < columns; r++) {
                if (Math.abs(system[r][pivot]) > Math.abs(system[best][pivot])) {
                    best = r;
                }
            }
            double[] swap = system[pivot];
            system[pivot] = system[best];
            system[best] = swap;
            for (int r = 0; r < columns; r++) {
                if (r != pivot) {
                    double factor = system[r][pivot] / system[pivot][pivot];
                    for (int c = pivot; c <= columns; c++) {
                        system[r][c] -= factor * system[pivot][c];
                    }
                }
            }
        }
        double squares = 0;
        for (int i = 0; i < data.size(); i++) {
            double[] x = withBias(data.features(i));
            double prediction = 0;
            for (int c = 0; c < columns; c++) {
                prediction += x[c] * system[c][columns] / system[c][c];
            }
            squares += (data.target(i) - prediction) * (data.target(i) - prediction);
        }
        return Math.sqrt(squares / data.size());
    }

    private static double[] withBias(double[] features) {
        double[] x = java.util.Arrays.copyOf(features, features.length + 1);
        x[features.length] = 1;
        return x;
    }
}
