package org.gridplatform.client.federated;

import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.exceptions.CsvException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import org.gridplatform.api.HeldOutSplit;
import org.gridplatform.api.training.FeatureScaling;
import org.gridplatform.spi.config.ConfigKey;
import org.gridplatform.spi.config.PluginConfig;
import org.gridplatform.spi.training.ModelParameters;
import org.gridplatform.spi.training.ModelSchema;
import org.gridplatform.spi.training.Task;
import org.gridplatform.spi.training.TrainingBackend;
import org.gridplatform.spi.training.TrainingBackendFactory;
import org.gridplatform.spi.training.TrainingSettings;

/**
 * The baseline a federated run is judged against: the same backend, settings, schema, scaling and
 * number of rounds, trained in this process on all the nodes' training rows pooled in one place
 * (FedAvg with a single client holding everything), and evaluated on all their held-out rows.
 * Only a party that holds copies of the data can run it: the demo, the tests and the benchmarks.
 *
 * <p>The rows are split as the nodes split them ({@link HeldOutSplit}, by dataset id and row count),
 * so both models are evaluated on exactly the same held-out rows.
 */
public final class CentralTraining {

    private CentralTraining() {
    }

    /**
     * A copy of a node's CSV dataset.
     *
     * @param id  the dataset's id on its node, which decides its held-out rows
     * @param csv the CSV file (header row, the target column, numeric features)
     */
    public record LocalDataset(String id, Path csv) {
    }

    /**
     * The baseline's outcome.
     *
     * @param parameters the final parameters (over scaled features)
     * @param rounds     the held-out metrics after each round
     * @param examples   the training examples
     * @param heldOut    the held-out examples
     */
    public record Result(ModelParameters parameters, List<Map<String, Double>> rounds, int examples, int heldOut) {

        /** @return the held-out metrics after the last round */
        public Map<String, Double> last() {
            return rounds.get(rounds.size() - 1);
        }
    }

    /**
     * Pooled data, split as the nodes split it.
     *
     * @param training the training rows of every dataset
     * @param heldOut  the held-out rows of every dataset
     */
    public record Pooled(ArrayData training, ArrayData heldOut) {
    }

    /**
     * Reads copies of the nodes' CSV datasets, aligned to the agreed schema and scaled as the nodes do
     * (a schema feature a file lacks is 0 after scaling).
     *
     * @param datasets the copies
     * @param schema   the agreed schema
     * @param scaling  the agreed scaling
     * @return the pooled training and held-out rows
     * @throws IOException              if a file cannot be read
     * @throws IllegalArgumentException if a file does not fit the schema, naming the file and line
     */
    public static Pooled pool(List<LocalDataset> datasets, ModelSchema schema, Map<String, FeatureScaling> scaling)
            throws IOException {
        List<double[]> trainX = new ArrayList<>();
        List<double[]> heldX = new ArrayList<>();
        List<Double> trainY = new ArrayList<>();
        List<Double> heldY = new ArrayList<>();
        for (LocalDataset dataset : datasets) {
            List<String[]> rows = read(dataset.csv());
            String[] header = rows.get(0);
            Map<String, Integer> column = new HashMap<>();
            for (int c = 0; c < header.length; c++) {
                column.put(header[c].strip(), c);
            }
            Integer target = column.get(schema.target());
            if (target == null) {
                throw new IllegalArgumentException(dataset.csv() + " has no column '" + schema.target() + "'");
            }
            List<String[]> data = rows.subList(1, rows.size());
            int[][] split = HeldOutSplit.of(dataset.id(), data.size());
            for (int part = 0; part < 2; part++) {
                for (int r : split[part]) {
                    String[] row = data.get(r);
                    double[] x = new double[schema.features().size()];
                    for (int f = 0; f < x.length; f++) {
                        String name = schema.features().get(f);
                        Integer c = column.get(name);
                        FeatureScaling s = scaling.get(name);
                        double raw = c == null ? (s == null ? 0 : s.offset()) : number(row[c], dataset.csv(), r + 2, name);
                        x[f] = s == null ? raw : (raw - s.offset()) / s.scale();
                    }
                    double y;
                    if (schema.task() == Task.CLASSIFICATION) {
                        y = schema.labels().indexOf(row[target].strip());
                        if (y < 0) {
                            throw new IllegalArgumentException(dataset.csv() + ": line " + (r + 2) + " has the label '"
                                    + row[target].strip() + "', which the schema lacks");
                        }
                    } else {
                        y = number(row[target], dataset.csv(), r + 2, schema.target());
                    }
                    (part == 0 ? trainX : heldX).add(x);
                    (part == 0 ? trainY : heldY).add(y);
                }
            }
        }
        return new Pooled(arrays(schema, trainX, trainY), arrays(schema, heldX, heldY));
    }

    /**
     * Trains the baseline.
     *
     * @param data     the pooled rows
     * @param backend  the backend's name, found by {@link ServiceLoader}
     * @param settings the run's settings
     * @param rounds   how many steps of the backend (one per round, as a federated round)
     * @return the final parameters and the held-out metrics after each round
     * @throws IllegalArgumentException if no backend has that name, or a setting is invalid
     */
    public static Result train(Pooled data, String backend, Map<String, String> settings, int rounds) {
        TrainingBackendFactory factory = ServiceLoader.load(TrainingBackendFactory.class).stream()
                .map(ServiceLoader.Provider::get).filter(f -> f.name().equals(backend)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No training backend named " + backend + " is on the class path"));
        TrainingBackend trainer = factory.create(new Defaults("grid.training." + backend));
        TrainingSettings stepSettings = new MapSettings(factory.configKeys(), settings);
        ModelSchema schema = data.training().schema();
        ModelParameters parameters = new ModelParameters(schema, new double[schema.outputs()][schema.features().size() + 1]);
        List<Map<String, Double>> history = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            parameters = trainer.train(data.training(), parameters, stepSettings).parameters();
            history.add(trainer.evaluate(data.heldOut(), parameters).metrics());
        }
        return new Result(parameters, history, data.training().size(), data.heldOut().size());
    }

    private static List<String[]> read(Path csv) throws IOException {
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
             CSVReader rows = new CSVReaderBuilder(reader).build()) {
            List<String[]> all = new ArrayList<>();
            for (String[] row : rows.readAll()) {
                if (!(row.length == 1 && row[0].isBlank())) {
                    all.add(row);
                }
            }
            if (all.isEmpty()) {
                throw new IllegalArgumentException(csv + " is empty");
            }
            return all;
        } catch (CsvException e) {
            throw new IllegalArgumentException(csv + ": " + e.getMessage(), e);
        }
    }

    private static double number(String text, Path file, int line, String column) {
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ": line " + line + ", column '" + column + "': \"" + text
                    + "\" is not a number", e);
        }
    }

    private static ArrayData arrays(ModelSchema schema, List<double[]> x, List<Double> y) {
        double[][] features = x.toArray(new double[0][]);
        if (schema.task() == Task.CLASSIFICATION) {
            return new ArrayData(schema, features, y.stream().mapToInt(Double::intValue).toArray(), null);
        }
        return new ArrayData(schema, features, null, y.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** A backend configured with its keys' defaults, as a node without configuration has it. */
    private record Defaults(String prefix) implements PluginConfig {
        @Override
        public <T> T get(ConfigKey<T> key) {
            return key.defaultValue().orElseThrow(() -> new IllegalStateException("The setting " + key.name() + " has no default"));
        }

        @Override
        public <T> Optional<T> find(ConfigKey<T> key) {
            return key.defaultValue();
        }
    }

    /** The run's settings over the keys' defaults, parsed as a node parses a step's settings. */
    private static final class MapSettings implements TrainingSettings {
        private final Map<String, Object> values = new HashMap<>();

        MapSettings(Set<ConfigKey<?>> keys, Map<String, String> settings) {
            Map<String, ConfigKey<?>> byName = new HashMap<>();
            keys.forEach(k -> byName.put(k.name(), k));
            settings.forEach((name, text) -> {
                ConfigKey<?> key = byName.get(name);
                if (key == null) {
                    throw new IllegalArgumentException("The backend has no setting " + name + "; its settings are "
                            + String.join(", ", new TreeSet<>(byName.keySet())));
                }
                values.put(name, key.parse(text));
            });
        }

        @Override
        public <T> T get(ConfigKey<T> key) {
            return find(key).orElseThrow(() -> new IllegalStateException("The setting " + key.name() + " has no value"));
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> Optional<T> find(ConfigKey<T> key) {
            Object value = values.get(key.name());
            return value != null ? Optional.of((T) value) : key.defaultValue();
        }
    }
}
