package org.gridplatform.node;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;
import org.gridplatform.api.ColumnInfo;

/**
 * One entry of {@code GET /datasets}: the fields of a {@link org.gridplatform.api.DatasetInfo} plus
 * the task. The schema's label names and the statistics are in {@code GET /datasets/{id}}
 * ({@link DatasetDescription}).
 *
 * @param id          the dataset's id on this node
 * @param name        a human name
 * @param tags        the tags it is found by, in display form
 * @param description free text; may be empty
 * @param target      the predicted column
 * @param rows        the number of rows
 * @param columns     the columns in file order
 * @param task        {@code classification} or {@code regression}
 */
@JsonbPropertyOrder({"id", "name", "tags", "description", "target", "rows", "columns", "task"})
public record DatasetSummary(String id, String name, List<String> tags, String description, String target, long rows,
                             List<ColumnInfo> columns, String task) {

    /**
     * The answer of {@code GET /datasets}.
     *
     * @param datasets ordered by id
     */
    public record Listing(List<DatasetSummary> datasets) {
    }
}
