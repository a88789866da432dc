package org.gridplatform.api.training;

/**
 * The globally agreed scaling of one feature: {@code x' = (x - offset) / scale}. A coordinator derives
 * it from the pooled summary statistics of all nodes (for example offset = mean, scale = standard
 * deviation); nodes never scale by their own statistics, or the same weight would mean different
 * things on different nodes.
 *
 * @param offset subtracted first; finite
 * @param scale  divided by next; finite and positive
 */
public record FeatureScaling(double offset, double scale) {
}
