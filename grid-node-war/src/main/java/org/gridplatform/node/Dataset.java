package org.gridplatform.node;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import org.gridplatform.node.data.LoadedDataset;
import org.gridplatform.api.DatasetDescription;

/**
 * A dataset held by this node: what it tells the grid, and its data, which stays here.
 *
 * @param description the metadata, schema and statistics that the API shows
 * @param normalTags  the tags in normal form, for matching queries
 * @param data        the loaded examples, for training; never leaves the node
 * @param home        where its files are: the data directory for a dataset an operator put there,
 *                    its own directory {@code <data-dir>/<id>} for an uploaded one
 * @param uploaded    whether the dataset lives in its own directory (uploads do)
 * @param open        whether anonymous callers may read its metadata ({@code "public": true} in it)
 */
public record Dataset(DatasetDescription description, Set<String> normalTags, LoadedDataset data, Path home,
                      boolean uploaded, boolean open) {

    /** @return the dataset's id */
    public String id() {
        return description.id();
    }

    /** @return the entry of {@code GET /datasets} */
    public DatasetSummary summary() {
        DatasetDescription d = description;
        return new DatasetSummary(d.id(), d.name(), d.tags(), d.description(), d.target(), d.rows(), d.columns(), d.task());
    }

    static String taskName(org.gridplatform.spi.training.Task task) {
        return task.name().toLowerCase(Locale.ROOT);
    }
}
