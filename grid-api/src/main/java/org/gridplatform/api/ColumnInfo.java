package org.gridplatform.api;

/**
 * One column of a dataset: its name and the type inferred from its values.
 *
 * @param name the column's name in the header
 * @param type {@code "numeric"} when every value is a number, else {@code "text"}
 */
public record ColumnInfo(String name, String type) {

    /** The type of a column whose every value parses as a number. */
    public static final String NUMERIC = "numeric";
    /** The type of any other column. */
    public static final String TEXT = "text";
}
