package org.gridplatform.node;

import java.nio.file.Path;
import java.util.Set;
import org.gridplatform.api.DatasetInfo;

/**
 * A dataset held by this node: what it tells the grid, and where its data stays.
 *
 * @param info       the metadata and shape that the API shows
 * @param normalTags the tags in normal form, for matching queries
 * @param file       the data file on this node's disk; never leaves the node
 */
public record Dataset(DatasetInfo info, Set<String> normalTags, Path file) {
}
