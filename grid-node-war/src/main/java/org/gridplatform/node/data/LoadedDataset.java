package org.gridplatform.node.data;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.gridplatform.spi.training.Task;
import org.gridplatform.api.DatasetStatistics;

/**
 * One dataset in a node's memory, ready to be aligned to an agreed schema and trained on: ordered
 * feature names, for classification the ordered label names and a label index per row, for
 * regression a target value per row, the feature values, the statistics, and a fixed split into
 * training and held-out rows. Made by {@link CsvLoader} and {@link IdxLoader}.
 *
 * <p><b>Storage.</b> The features are one row-major {@code float[]} ({@code rows x features}). Single
 * precision halves the memory of doubles: Fashion-MNIST's 60,000 x 784 training images take 188 MB
 * instead of 376 MB, a typical node's 6,000-row shard 19 MB instead of 38 MB, and one flat array
 * has no per-row object overhead. It loses nothing that matters: IDX pixels are 8-bit and
 * {@code k / 255} keeps 7 significant digits; CSV measurements rarely carry more than 7 significant
 * digits, and SGD-style training does not notice a relative error of 6e-8. Values whose magnitude
 * does not fit a float are rejected when loading. Training code widens a row with
 * {@link #copyRow(int, double[])}. The {@link #statistics() statistics} are of the values as read,
 * in double precision.
 *
 * <p><b>Labels.</b> CSV label names are sorted by {@link String#compareTo} (so every node that sees
 * the same names orders them alike); IDX label names follow the class index ("0" .. "9", or the
 * names given for the indices). {@link #label(int)} is an index into {@link #labelNames()}.
 *
 * <p><b>Split.</b> {@link #trainRows()} and {@link #heldOutRows()} come from a shuffle seeded by the
 * dataset's id: 20 % held out, the same after every restart for the same id and row count (see
 * {@link org.gridplatform.api.HeldOutSplit}).
 *
 * <p>Immutable and thread-safe; accessors that return arrays return copies.
 */
public final class LoadedDataset {

    private final String id;
    private final Task task;
    private final String targetName;
    private final List<String> featureNames;
    private final Map<String, Integer> featureIndex;
    private final List<String> labelNames;
    private final int rows;
    private final float[] features;
    private final int[] labels;
    private final double[] targets;
    private final DatasetStatistics statistics;
    private final int[] trainRows;
    private final int[] heldOutRows;

    /**
     * Takes the arrays as they are (the loaders made them and keep no reference).
     *
     * @param labels  one label index per row for classification, else {@code null}
     * @param targets one value per row for regression, else {@code null}
     */
    LoadedDataset(String id, Task task, String targetName, List<String> featureNames, List<String> labelNames,
                  int rows, float[] features, int[] labels, double[] targets, DatasetStatistics statistics) {
        this.id = Objects.requireNonNull(id, "id");
        this.task = Objects.requireNonNull(task, "task");
        this.targetName = Objects.requireNonNull(targetName, "targetName");
        this.featureNames = List.copyOf(featureNames);
        this.featureIndex = IntStream.range(0, this.featureNames.size()).boxed()
                .collect(Collectors.toUnmodifiableMap(this.featureNames::get, Function.identity()));
        this.labelNames = List.copyOf(labelNames);
        this.rows = rows;
        this.features = Objects.requireNonNull(features, "features");
        this.labels = labels;
        this.targets = targets;
        this.statistics = Objects.requireNonNull(statistics, "statistics");
        if (rows < 1 || this.featureNames.isEmpty() || features.length != (long) rows * this.featureNames.size()) {
            throw new IllegalArgumentException("A dataset needs at least one row and one feature, and "
                    + "rows x features values");
        }
        if (task == Task.CLASSIFICATION && (labels == null || labels.length != rows || targets != null
                || this.labelNames.isEmpty())) {
            throw new IllegalArgumentException("A classification dataset needs label names and one label per row");
        }
        if (task == Task.REGRESSION && (targets == null || targets.length != rows || labels != null
                || !this.labelNames.isEmpty())) {
            throw new IllegalArgumentException("A regression dataset needs one target per row and no labels");
        }
        if (statistics.rows() != rows || statistics.features().size() != this.featureNames.size()) {
            throw new IllegalArgumentException("The statistics must be of these rows and features");
        }
        int[][] split = org.gridplatform.api.HeldOutSplit.of(id, rows);
        this.trainRows = split[0];
        this.heldOutRows = split[1];
    }

    /** @return the dataset's id on its node; it seeds the split */
    public String id() {
        return id;
    }

    /** @return whether a model predicts a label or a number */
    public Task task() {
        return task;
    }

    /** @return the name of the predicted column: the CSV target column, {@code "label"} for IDX */
    public String targetName() {
        return targetName;
    }

    /** @return the feature names in column order */
    public List<String> featureNames() {
        return featureNames;
    }

    /**
     * @param name a feature name
     * @return its column, or -1 if the dataset has no such feature (for aligning to a schema)
     */
    public int featureIndex(String name) {
        return featureIndex.getOrDefault(name, -1);
    }

    /** @return for classification the label names in index order; empty for regression */
    public List<String> labelNames() {
        return labelNames;
    }

    /** @return the number of rows */
    public int rowCount() {
        return rows;
    }

    /** @return the number of features, the columns of the feature matrix */
    public int featureCount() {
        return featureNames.size();
    }

    /**
     * @param row     0 .. {@code rowCount() - 1}
     * @param feature 0 .. {@code featureCount() - 1}
     * @return the stored value
     */
    public float value(int row, int feature) {
        Objects.checkIndex(row, rows);
        Objects.checkIndex(feature, featureNames.size());
        return features[row * featureNames.size() + feature];
    }

    /**
     * Widens one row into a caller's buffer, so that a training loop allocates nothing per row.
     *
     * @param row  0 .. {@code rowCount() - 1}
     * @param into an array of at least {@code featureCount()} elements; its first
     *             {@code featureCount()} elements are overwritten
     */
    public void copyRow(int row, double[] into) {
        Objects.checkIndex(row, rows);
        int width = featureNames.size();
        if (into.length < width) {
            throw new IllegalArgumentException("The buffer holds " + into.length + " values; a row has " + width);
        }
        int start = row * width;
        for (int j = 0; j < width; j++) {
            into[j] = features[start + j];
        }
    }

    /**
     * @param row 0 .. {@code rowCount() - 1}
     * @return the row's label, an index into {@link #labelNames()}
     * @throws UnsupportedOperationException for a regression dataset
     */
    public int label(int row) {
        if (labels == null) {
            throw new UnsupportedOperationException("The regression dataset " + id + " has targets, not labels");
        }
        return labels[Objects.checkIndex(row, rows)];
    }

    /**
     * @param row 0 .. {@code rowCount() - 1}
     * @return the row's target value
     * @throws UnsupportedOperationException for a classification dataset
     */
    public double target(int row) {
        if (targets == null) {
            throw new UnsupportedOperationException("The classification dataset " + id + " has labels, not targets");
        }
        return targets[Objects.checkIndex(row, rows)];
    }

    /** @return the per-feature statistics, which may leave the node */
    public DatasetStatistics statistics() {
        return statistics;
    }

    /** @return the rows to train on, ascending; a copy */
    public int[] trainRows() {
        return trainRows.clone();
    }

    /** @return the rows held out for evaluation, ascending; a copy */
    public int[] heldOutRows() {
        return heldOutRows.clone();
    }

    /** @return about how many bytes the arrays of this dataset take, for logs and limits */
    public long memoryBytes() {
        return 4L * features.length + (labels == null ? 0 : 4L * labels.length)
                + (targets == null ? 0 : 8L * targets.length) + 4L * rows;
    }

    /** Shape only: never values. */
    @Override
    public String toString() {
        return "LoadedDataset[id=" + id + ", task=" + task + ", rows=" + rows + ", features=" + featureNames.size()
                + (labels == null ? "" : ", labels=" + labelNames.size()) + "]";
    }

    // For tests in this package: the class counts, which do not leave the node.
    int[] labelCounts() {
        if (labels == null) {
            throw new UnsupportedOperationException("A regression dataset has no labels");
        }
        int[] counts = new int[labelNames.size()];
        Arrays.stream(labels).forEach(l -> counts[l]++);
        return counts;
    }
}
