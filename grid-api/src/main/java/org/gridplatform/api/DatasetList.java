package org.gridplatform.api;

import java.util.List;

/**
 * The body of a node's {@code GET /datasets}.
 *
 * @param datasets the node's datasets, ordered by id
 */
public record DatasetList(List<DatasetInfo> datasets) {
}
