package org.gridplatform.client.federated;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridplatform.api.FeatureStatistics;
import org.gridplatform.api.training.FeatureScaling;

/**
 * One feature scaling for every node, agreed from the nodes' summary statistics: standardisation
 * {@code (x - mean) / std} with the mean and variance of all nodes' rows pooled exactly
 * ({@link FeatureStatistics#combine}), as if one node held them all. Never per node: the same value
 * must mean the same thing on every node.
 */
public final class GlobalScaling {

    /** Below this standard deviation a feature counts as constant and is only centred. */
    private static final double CONSTANT = 1e-12;

    private GlobalScaling() {
    }

    /**
     * @param parts statistics of one feature over disjoint sets of rows, such as each node's
     * @return the statistics of all the rows together
     * @throws IllegalArgumentException if there are none, or they name different features
     */
    public static FeatureStatistics pool(List<FeatureStatistics> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("There are no statistics to pool");
        }
        FeatureStatistics all = parts.get(0);
        for (FeatureStatistics part : parts.subList(1, parts.size())) {
            all = all.combine(part);
        }
        return all;
    }

    /**
     * @param perFeature for each feature of the agreed schema, the statistics of every dataset that has it
     * @return the standardisation of each feature, in the same order; a constant feature gets scale 1
     */
    public static Map<String, FeatureScaling> standardise(Map<String, List<FeatureStatistics>> perFeature) {
        Map<String, FeatureScaling> scaling = new LinkedHashMap<>();
        perFeature.forEach((feature, parts) -> {
            FeatureStatistics all = pool(parts);
            double std = all.standardDeviation();
            scaling.put(feature, new FeatureScaling(all.mean(), std > CONSTANT ? std : 1.0));
        });
        return scaling;
    }
}
