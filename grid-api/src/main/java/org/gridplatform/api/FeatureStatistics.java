package org.gridplatform.api;

import java.util.Objects;

/**
 * Summary statistics of one feature (or of a regression target) over a dataset's rows: all that a
 * node tells about the feature's values. A coordinator pools the statistics of several nodes with
 * {@link #combine} and derives an agreed scaling from the result (for example standardisation with
 * {@link #mean()} and {@link #standardDeviation()}, or min-max scaling).
 *
 * <p>The variance is the <em>population</em> variance (the sum of squared deviations divided by
 * {@code count}, not {@code count - 1}): it is what standardisation divides by, and it pools
 * exactly. Values are accumulated with Welford's algorithm ({@link Accumulator}) and pooled with
 * Chan, Golub and LeVeque's update, both of which stay accurate where the textbook
 * {@code E[x²] - E[x]²} loses every digit (large values with a small spread).
 *
 * @param name     the feature's name
 * @param count    the number of values; at least 1
 * @param min      the smallest value
 * @param max      the largest value
 * @param mean     the arithmetic mean
 * @param variance the population variance; 0 or more
 */
public record FeatureStatistics(String name, long count, double min, double max, double mean, double variance) {

    /** Checks that the numbers can be statistics of at least one finite value. */
    public FeatureStatistics {
        Objects.requireNonNull(name, "name");
        if (count < 1) {
            throw new IllegalArgumentException("Statistics of '" + name + "' need a count of at least 1, not " + count);
        }
        if (!Double.isFinite(min) || !Double.isFinite(max) || !Double.isFinite(mean) || !Double.isFinite(variance)) {
            throw new IllegalArgumentException("Statistics of '" + name + "' must be finite numbers");
        }
        if (min > max || variance < 0) {
            throw new IllegalArgumentException("Statistics of '" + name + "' need min <= max and a variance >= 0");
        }
    }

    /** @return the population standard deviation, the square root of {@link #variance()} */
    public double standardDeviation() {
        return Math.sqrt(variance);
    }

    /**
     * Pools these statistics with another set of the same feature, as if the values of both had
     * been accumulated together (Chan, Golub and LeVeque, 1979). Exact up to rounding; the order
     * of pooling changes the result by rounding only.
     *
     * @param other statistics of the same feature over other rows, for example another node's
     * @return the statistics of the union of both sets of rows
     * @throws IllegalArgumentException if the names differ
     */
    public FeatureStatistics combine(FeatureStatistics other) {
        if (!name.equals(other.name)) {
            throw new IllegalArgumentException("Cannot pool statistics of '" + name + "' with those of '" + other.name + "'");
        }
        long n = count + other.count;
        double delta = other.mean - mean;
        double pooledMean = mean + delta * ((double) other.count / n);
        double m2 = variance * count + other.variance * other.count + delta * delta * ((double) count * other.count / n);
        return new FeatureStatistics(name, n, Math.min(min, other.min), Math.max(max, other.max), pooledMean,
                Math.max(0, m2 / n));
    }

    /**
     * Accumulates the statistics of one feature a value at a time with Welford's algorithm. Not
     * thread-safe: one accumulator per feature and thread.
     */
    public static final class Accumulator {

        private long count;
        private double mean;
        private double m2;
        private double min = Double.POSITIVE_INFINITY;
        private double max = Double.NEGATIVE_INFINITY;

        /**
         * @param value a finite value
         * @throws IllegalArgumentException if it is NaN or infinite
         */
        public void add(double value) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("Statistics take finite values only, not " + value);
            }
            count++;
            double delta = value - mean;
            mean += delta / count;
            // delta and (value - mean) have the same sign, so m2 never decreases: no negative variance.
            m2 += delta * (value - mean);
            if (value < min) {
                min = value;
            }
            if (value > max) {
                max = value;
            }
        }

        /** @return how many values were added */
        public long count() {
            return count;
        }

        /**
         * @param name the feature's name
         * @return the statistics of the values added so far
         * @throws IllegalStateException if no value was added
         */
        public FeatureStatistics toStatistics(String name) {
            if (count == 0) {
                throw new IllegalStateException("No value of '" + name + "' was added");
            }
            return new FeatureStatistics(name, count, min, max, mean, m2 / count);
        }
    }
}
