package org.gridplatform.node.training;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gridplatform.api.InvalidRequestException;
import org.gridplatform.node.data.LoadedDataset;
import org.gridplatform.spi.training.ModelSchema;
import org.gridplatform.spi.training.Task;
import org.gridplatform.api.training.FeatureScaling;

/**
 * Builds a node's examples against the federation's agreed schema and scaling, so that column
 * {@code j} and label {@code r} mean the same on every node whatever the node's own column order
 * and label set.
 *
 * <ul>
 *   <li>Features are matched by name. A schema feature the node lacks is 0 after scaling (the value
 *       equal to its offset: the federation's mean, when the offset is the mean). A node feature the
 *       schema lacks is ignored. A node that has none of the schema's features is refused.</li>
 *   <li>Labels are matched by name. A schema label the node lacks is fine (its row still trains, on
 *       the other labels' examples). A node label the schema lacks is refused: its examples would
 *       have no row, and dropping them silently would bias every node's update.</li>
 *   <li>The task and the target must be the dataset's.</li>
 *   <li>Scaling is the agreed {@code (x - offset) / scale}, never the node's own statistics.</li>
 * </ul>
 *
 * <p>Pure and stateless.
 */
final class DatasetAlignment {

    private DatasetAlignment() {
    }

    /**
     * @param dataset the node's dataset
     * @param schema  the agreed schema
     * @param scaling the agreed scaling by feature name; a schema feature without one is not scaled
     * @return the dataset's training and held-out rows, aligned and scaled
     * @throws InvalidRequestException if the dataset does not fit the schema, saying what to change
     */
    static AlignedDataset align(LoadedDataset dataset, ModelSchema schema, Map<String, FeatureScaling> scaling) {
        requireFit(dataset, schema);
        List<String> names = schema.features();
        int width = names.size();
        int[] source = new int[width];
        double[] offset = new double[width];
        double[] scale = new double[width];
        int present = 0;
        for (int j = 0; j < width; j++) {
            source[j] = dataset.featureIndex(names.get(j));
            FeatureScaling s = scaling.get(names.get(j));
            offset[j] = s == null ? 0 : s.offset();
            scale[j] = s == null ? 1 : s.scale();
            if (source[j] >= 0) {
                present++;
            }
        }
        if (present == 0) {
            throw new InvalidRequestException("The dataset '" + dataset.id() + "' has none of the schema's features; its"
                    + " features are " + quoted(dataset.featureNames()) + ": name them in the schema, or select another dataset");
        }
        int[] labelRow = labelRows(dataset, schema);
        return new AlignedDataset(rows(dataset, schema, dataset.trainRows(), source, offset, scale, labelRow),
                rows(dataset, schema, dataset.heldOutRows(), source, offset, scale, labelRow));
    }

    private static void requireFit(LoadedDataset dataset, ModelSchema schema) {
        if (dataset.task() != schema.task()) {
            throw new InvalidRequestException("The dataset '" + dataset.id() + "' is for " + describe(dataset.task())
                    + " (target '" + dataset.targetName() + "') but the schema is for " + describe(schema.task())
                    + ": set the schema's task to " + describe(dataset.task()) + ", or select another dataset");
        }
        if (!dataset.targetName().equals(schema.target())) {
            throw new InvalidRequestException("The schema's target is '" + schema.target() + "' but the dataset '"
                    + dataset.id() + "' predicts '" + dataset.targetName() + "': set the schema's target to '"
                    + dataset.targetName() + "', or select another dataset");
        }
    }

    /** @return for classification, the schema row of each of the dataset's label indices; else {@code null} */
    private static int[] labelRows(LoadedDataset dataset, ModelSchema schema) {
        if (schema.task() != Task.CLASSIFICATION) {
            return null;
        }
        Map<String, Integer> rowOf = new HashMap<>();
        for (int r = 0; r < schema.labels().size(); r++) {
            rowOf.put(schema.labels().get(r), r);
        }
        List<String> labels = dataset.labelNames();
        int[] labelRow = new int[labels.size()];
        for (int i = 0; i < labels.size(); i++) {
            Integer row = rowOf.get(labels.get(i));
            if (row == null) {
                throw new InvalidRequestException("The dataset '" + dataset.id() + "' has the label '" + labels.get(i)
                        + "' that the schema does not list; add it to the schema's labels");
            }
            labelRow[i] = row;
        }
        return labelRow;
    }

    private static AlignedRows rows(LoadedDataset dataset, ModelSchema schema, int[] rows, int[] source, double[] offset,
                                    double[] scale, int[] labelRow) {
        int width = source.length;
        double[] raw = new double[dataset.featureCount()];
        double[][] features = new double[rows.length][];
        int[] labels = labelRow == null ? null : new int[rows.length];
        double[] targets = labelRow == null ? new double[rows.length] : null;
        for (int i = 0; i < rows.length; i++) {
            dataset.copyRow(rows[i], raw);
            double[] row = new double[width];
            for (int j = 0; j < width; j++) {
                // A missing feature stays 0: the scaled value of the agreed offset.
                if (source[j] >= 0) {
                    row[j] = (raw[source[j]] - offset[j]) / scale[j];
                }
            }
            features[i] = row;
            if (labels != null) {
                labels[i] = labelRow[dataset.label(rows[i])];
            } else {
                targets[i] = dataset.target(rows[i]);
            }
        }
        return new AlignedRows(schema, features, labels, targets);
    }

    private static String describe(Task task) {
        return task.name().toLowerCase(Locale.ROOT);
    }

    private static String quoted(List<String> names) {
        List<String> shown = names.size() > 10 ? names.subList(0, 10) : names;
        return "'" + String.join("', '", shown) + "'" + (names.size() > 10 ? " and " + (names.size() - 10) + " more" : "");
    }
}
