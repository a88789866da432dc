package org.gridplatform.node.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gridplatform.api.GridException;
import org.gridplatform.api.ProblemType;
import org.gridplatform.api.TagQuery;
import org.gridplatform.node.TrainingDatasets;
import org.gridplatform.node.data.CsvLoader;
import org.gridplatform.node.data.LoadedDataset;
import org.gridplatform.spi.config.ConfigKey;
import org.gridplatform.spi.config.PluginConfig;
import org.gridplatform.spi.training.Task;

/** Small datasets and fakes for the training tests. */
final class TrainingFixtures {

    private TrainingFixtures() {
    }

    /** 20 rows: two features and an extra column, labels a and b, target "kind". */
    static LoadedDataset twoLabels(Path dir) throws IOException {
        StringBuilder csv = new StringBuilder("x,extra,y,kind\n");
        for (int i = 0; i < 20; i++) {
            csv.append(i).append(',').append(100 + i).append(',').append(i % 2 == 0 ? 1 : -1).append(',')
                    .append(i < 10 ? "a" : "b").append('\n');
        }
        return load(dir, "two", csv.toString(), "kind", Task.CLASSIFICATION);
    }

    static LoadedDataset load(Path dir, String id, String csv, String target, Task task) throws IOException {
        Path file = Files.writeString(dir.resolve(id + ".csv"), csv);
        return CsvLoader.load(id, file, target, task);
    }

    /** The first 60 rows of Fisher's iris data would do; a generated, separable three-class set is enough. */
    static LoadedDataset flowers(Path dir) throws IOException {
        StringBuilder csv = new StringBuilder("sepal_length,sepal_width,petal_length,petal_width,species\n");
        String[] species = {"setosa", "versicolor", "virginica"};
        for (int i = 0; i < 90; i++) {
            int s = i % 3;
            double jitter = (i * 7 % 11) / 20.0;
            csv.append(5 + s + jitter).append(',').append(3 - s * 0.3 + jitter / 2).append(',')
                    .append(1.5 + 2 * s + jitter).append(',').append(0.2 + 0.8 * s + jitter / 3).append(',')
                    .append(species[s]).append('\n');
        }
        return load(dir, "flowers", csv.toString(), "species", Task.CLASSIFICATION);
    }

    /** A catalog of fixed datasets, tagged by id. */
    static TrainingDatasets catalog(Map<String, LoadedDataset> byId, Map<String, List<String>> tags) {
        return new TrainingDatasets() {
            @Override
            public LoadedDataset loaded(String id) {
                LoadedDataset dataset = byId.get(id);
                if (dataset == null) {
                    throw new GridException(ProblemType.NOT_FOUND, "There is no dataset '" + id + "' on this node");
                }
                return dataset;
            }

            @Override
            public List<String> matching(TagQuery query) {
                return tags.entrySet().stream().filter(e -> query.matches(e.getValue())).map(Map.Entry::getKey).sorted().toList();
            }
        };
    }

    /** A plugin configuration of text values, parsed by the keys. */
    static PluginConfig config(String prefix, Map<String, String> values) {
        Map<String, String> copy = new HashMap<>(values);
        return new PluginConfig() {
            @Override
            public <T> T get(ConfigKey<T> key) {
                return find(key).orElseThrow();
            }

            @Override
            public <T> java.util.Optional<T> find(ConfigKey<T> key) {
                String text = copy.get(key.name());
                return text == null ? key.defaultValue() : java.util.Optional.of(key.parse(text));
            }

            @Override
            public String prefix() {
                return prefix;
            }
        };
    }
}
