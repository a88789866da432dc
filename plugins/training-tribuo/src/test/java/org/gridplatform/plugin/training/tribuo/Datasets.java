package org.gridplatform.plugin.training.tribuo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.gridplatform.spi.training.LocalUpdate;
import org.gridplatform.spi.training.ModelParameters;
import org.gridplatform.spi.training.ModelSchema;
import org.gridplatform.spi.training.Task;

/** The test datasets of {@code src/test/resources/datasets} (see its README), and federated averaging. */
final class Datasets {

    static final List<String> IRIS_LABELS = List.of("setosa", "versicolor", "virginica");

    private Datasets() {
    }

    /** @return iris, features standardised over the whole file */
    static ArrayData iris() {
        List<String[]> lines = read("iris.csv");
        String[] header = lines.get(0);
        ModelSchema schema = new ModelSchema(Task.CLASSIFICATION, List.of(header).subList(0, 4), IRIS_LABELS, header[4]);
        double[][] rows = new double[lines.size() - 1][];
        int[] labels = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            String[] line = lines.get(i + 1);
            rows[i] = Arrays.stream(line, 0, 4).mapToDouble(Double::parseDouble).toArray();
            labels[i] = IRIS_LABELS.indexOf(line[4]);
        }
        return ArrayData.classification(schema, standardised(rows), labels);
    }

    /** @return Boston housing, features standardised over the whole file, target (MEDV, k$) as is */
    static ArrayData boston() {
        List<String[]> lines = read("boston-housing.csv");
        String[] header = lines.get(0);
        int features = header.length - 1;
        ModelSchema schema = new ModelSchema(Task.REGRESSION, List.of(header).subList(0, features), List.of(), header[features]);
        double[][] rows = new double[lines.size() - 1][];
        double[] targets = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            double[] values = Arrays.stream(lines.get(i + 1)).mapToDouble(Double::parseDouble).toArray();
            rows[i] = Arrays.copyOf(values, features);
            targets[i] = values[features];
        }
        return ArrayData.regression(schema, standardised(rows), targets);
    }

    private static List<String[]> read(String file) {
        try (var in = Datasets.class.getResourceAsStream("/datasets/" + file);
             var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<String[]> lines = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    lines.add(line.split(","));
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double[][] standardised(double[][] rows) {
        int columns = rows[0].length;
        double[][] result = new double[rows.length][columns];
        for (int j = 0; j < columns; j++) {
            double mean = 0;
            for (double[] row : rows) {
                mean += row[j] / rows.length;
            }
            double variance = 0;
            for (double[] row : rows) {
                variance += (row[j] - mean) * (row[j] - mean) / rows.length;
            }
            double deviation = Math.sqrt(variance);
            for (int i = 0; i < rows.length; i++) {
                result[i][j] = (rows[i][j] - mean) / deviation;
            }
        }
        return result;
    }

    /** @return the element-wise mean of the updates' parameters, weighted by their example counts (FedAvg) */
    static ModelParameters average(List<LocalUpdate> updates) {
        ModelSchema schema = updates.get(0).parameters().schema();
        double[][] sum = new double[schema.outputs()][schema.features().size() + 1];
        long total = updates.stream().mapToLong(LocalUpdate::examples).sum();
        for (LocalUpdate update : updates) {
            double[][] weights = update.parameters().weights();
            for (int r = 0; r < sum.length; r++) {
                for (int c = 0; c < sum[r].length; c++) {
                    sum[r][c] += weights[r][c] * update.examples() / total;
                }
            }
        }
        return new ModelParameters(schema, sum);
    }
}
