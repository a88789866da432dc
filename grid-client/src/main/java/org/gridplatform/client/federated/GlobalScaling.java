package org.gridplatform.client.federated;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One feature scaling for every node, agreed from the nodes' summary statistics: standardisation
 * {@code (x - mean) / std} with the pooled mean and variance of all nodes' rows, as if one node held
 * them all. Never per node: the same value must mean the same thing on every node.
 */
public final class GlobalScaling {

    /**
     * One node's statistics of one feature, as a node's {@code GET /datasets/{id}} reports them.
     *
     * @param count    rows
     * @param mean     mean
     * @param variance population variance
     */
    public record Moments(long count, double mean, double variance) {
    }

    /**
     * The scaling of one feature: {@code x' = (x - offset) / scale}.
     *
     * @param offset subtracted first
     * @param scale  divided by then; positive
     */
    public record Scale(double offset, double scale) {
    }

    private GlobalScaling() {
    }

    /**
     * Pools moments (Chan et al.'s parallel algorithm): exact, whatever the split of rows over nodes.
     *
     * @param parts the nodes' moments of one feature
     * @return the moments of all rows together
     */
    public static Moments pool(Collection<Moments> parts) {
        long n = 0;
        double mean = 0;
        double m2 = 0;
        for (Moments part : parts) {
            if (part.count() <= 0) {
                continue;
            }
            long combined = n + part.count();
            double delta = part.mean() - mean;
            mean += delta * part.count() / combined;
            m2 += part.variance() * part.count() + delta * delta * n * part.count() / combined;
            n = combined;
        }
        return new Moments(n, mean, n == 0 ? 0 : m2 / n);
    }

    /**
     * @param perFeature for each feature of the agreed schema, every node's moments
     * @return the standardisation of each feature; a constant feature gets scale 1
     */
    public static Map<String, Scale> standardise(Map<String, List<Moments>> perFeature) {
        Map<String, Scale> scaling = new LinkedHashMap<>();
        perFeature.forEach((feature, parts) -> {
            Moments all = pool(parts);
            double std = Math.sqrt(all.variance());
            scaling.put(feature, new Scale(all.mean(), std > 1e-12 ? std : 1.0));
        });
        return scaling;
    }
}
