/**
 * A node's datasets in memory: reading them from the formats a data owner has, and what the node
 * may tell about them.
 *
 * <p>{@link org.gridplatform.node.data.CsvLoader} reads a CSV file with a header and
 * {@link org.gridplatform.node.data.IdxLoader} reads MNIST's IDX image and label files (gzip or
 * not). Both check the file as they go and stop at the first problem with a
 * {@link org.gridplatform.node.data.DatasetFormatException} whose message names the file and the
 * place: the line and column of a CSV file, the header field or item of an IDX file. Both give a
 * {@link org.gridplatform.node.data.LoadedDataset}: feature names, label names or a numeric
 * target, the values as a compact matrix, a fixed train / held-out split, and
 * {@link org.gridplatform.api.DatasetStatistics}.
 *
 * <p>What may leave the node is the schema (feature and label names, row count) and the per-feature
 * {@link org.gridplatform.api.FeatureStatistics} (count, min, max, mean, variance), which
 * coordinators pool with {@link org.gridplatform.api.FeatureStatistics#combine} to agree on
 * scaling. Rows, values and anything finer than those statistics stay on the node.
 *
 * <p>Plain Java: no CDI or JAX-RS. Loaders are stateless; a {@code LoadedDataset} is immutable and
 * safe to share between threads.
 */
package org.gridplatform.node.data;
