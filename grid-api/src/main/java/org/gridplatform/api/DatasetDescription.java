package org.gridplatform.api;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/**
 * What {@code GET /datasets/{id}} tells about one dataset: the fields of a
 * {@link org.gridplatform.api.DatasetInfo} (same names, same meaning), and the schema and
 * statistics derived from the data. Aggregates only: never rows, samples or per-row values.
 *
 * @param id          the dataset's id on this node
 * @param name        a human name
 * @param tags        the tags it is found by, in display form
 * @param description free text; may be empty
 * @param target      the predicted column ({@code label} for IDX)
 * @param rows        the number of rows
 * @param columns     the columns in file order, each {@code numeric} or {@code text}
 * @param task        {@code classification} or {@code regression}
 * @param format      {@code csv} or {@code idx}
 * @param features    the feature names in column order
 * @param labels      for classification the label names in label order; {@code null} for regression
 * @param statistics  per feature (and for regression the target): count, min, max, mean, variance
 */
@JsonbPropertyOrder({"id", "name", "tags", "description", "target", "rows", "columns", "task", "format", "features",
        "labels", "statistics"})
public record DatasetDescription(String id, String name, List<String> tags, String description, String target, long rows,
                                 List<ColumnInfo> columns, String task, String format, List<String> features,
                                 List<String> labels, DatasetStatistics statistics) {
}
