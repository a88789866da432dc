package org.gridplatform.node;

import java.util.List;
import org.gridplatform.api.TagQuery;
import org.gridplatform.node.data.LoadedDataset;

/**
 * What training needs from the node's datasets: a dataset's loaded examples by id, and the ids of
 * the datasets a tag query selects. Implemented by the dataset catalog; the data never leaves the node.
 *
 * <p>Thread-safe.
 */
public interface TrainingDatasets {

    /**
     * @param id a dataset id
     * @return the dataset's examples, loaded once and shared (read-only) by concurrent steps
     * @throws org.gridplatform.api.GridException with {@code NOT_FOUND} if there is no such dataset
     */
    LoadedDataset loaded(String id);

    /**
     * @param query a validated query
     * @return the ids of the datasets that carry every tag of the query, ordered by id
     */
    List<String> matching(TagQuery query);
}
