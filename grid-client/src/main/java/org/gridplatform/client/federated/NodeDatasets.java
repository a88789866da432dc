package org.gridplatform.client.federated;

import java.net.URI;
import java.util.List;
import org.gridplatform.api.DatasetDescription;

/**
 * A node that takes part in a run, and the descriptions of its datasets that match the run's tags
 * (the node trains on all of them together).
 *
 * @param nodeId   the node's id
 * @param address  the node's base URL
 * @param datasets the matching datasets' metadata, schema and statistics; never rows
 */
public record NodeDatasets(String nodeId, URI address, List<DatasetDescription> datasets) {

    /** Copies the list. */
    public NodeDatasets {
        datasets = List.copyOf(datasets);
    }

    /** @return the number of rows of the matching datasets together */
    public long rows() {
        return datasets.stream().mapToLong(DatasetDescription::rows).sum();
    }
}
