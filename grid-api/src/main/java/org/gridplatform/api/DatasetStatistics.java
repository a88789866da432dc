package org.gridplatform.api;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The summary of a whole dataset that may leave the node: its row count and, per feature, the
 * {@link FeatureStatistics}. Nothing finer (no histogram, no quantile, no value) is kept here.
 *
 * <p>The statistics are of every row of the dataset as loaded (training and held-out rows alike)
 * and of the values as read from the file, before they are stored in single precision.
 *
 * @param rows     the number of rows; every statistic's count
 * @param features one entry per feature, in the dataset's feature order
 * @param target   for a regression dataset, the statistics of the target (a coordinator may agree on
 *                 scaling it too); {@code null} for classification
 */
public record DatasetStatistics(long rows, List<FeatureStatistics> features, FeatureStatistics target) {

    /** Copies the list and checks that every statistic counts every row. */
    public DatasetStatistics {
        features = List.copyOf(features);
        Set<String> names = new HashSet<>();
        for (FeatureStatistics feature : features) {
            if (feature.count() != rows) {
                throw new IllegalArgumentException("The statistics of '" + feature.name() + "' count " + feature.count()
                        + " values, not the dataset's " + rows + " rows");
            }
            if (!names.add(feature.name())) {
                throw new IllegalArgumentException("The feature '" + feature.name() + "' has statistics twice");
            }
        }
        if (target != null && target.count() != rows) {
            throw new IllegalArgumentException("The target's statistics count " + target.count()
                    + " values, not the dataset's " + rows + " rows");
        }
    }

    /**
     * @param name a feature name
     * @return the feature's statistics, if the dataset has that feature
     */
    public Optional<FeatureStatistics> feature(String name) {
        Objects.requireNonNull(name, "name");
        return features.stream().filter(f -> f.name().equals(name)).findFirst();
    }
}
