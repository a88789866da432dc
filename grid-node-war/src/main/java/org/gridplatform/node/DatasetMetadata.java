package org.gridplatform.node;

import java.util.List;

/**
 * The small metadata file a data owner writes beside a dataset file: for {@code iris.csv},
 * {@code iris.meta.json}, such as
 * <pre>{"name": "Iris", "tags": ["#iris", "#flowers"], "description": "Fisher's irises", "target": "species"}</pre>
 *
 * @param name        a human name; the file's base name when absent
 * @param tags        the tags the dataset is found by
 * @param description free text; may be absent
 * @param target      the column a model predicts; may be absent
 */
public record DatasetMetadata(String name, List<String> tags, String description, String target) {

    /** The suffix of metadata files. */
    public static final String SUFFIX = ".meta.json";
}
