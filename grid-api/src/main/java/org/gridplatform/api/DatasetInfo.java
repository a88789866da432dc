package org.gridplatform.api;

import java.util.List;

/**
 * What a node tells about one of its datasets: metadata and shape, never rows or values.
 *
 * @param id          the dataset's id on its node
 * @param name        a human name
 * @param tags        the tags it is found by, in display form ({@code #tag})
 * @param description free text from the data owner; may be empty
 * @param target      the column a model predicts; may be {@code null} when the owner named none
 * @param rows        the number of data rows
 * @param columns     the columns in file order
 */
public record DatasetInfo(String id, String name, List<String> tags, String description, String target,
                          long rows, List<ColumnInfo> columns) {
}
