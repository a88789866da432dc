package org.gridplatform.node;

import jakarta.json.bind.annotation.JsonbProperty;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.gridplatform.api.GridException;
import org.gridplatform.api.Tags;
import org.gridplatform.spi.training.Task;

/**
 * The small metadata file a data owner writes beside a dataset: for {@code iris.csv},
 * {@code iris.meta.json}, such as
 * <pre>{"name": "Iris", "tags": ["#iris", "#flowers"], "description": "Fisher's irises", "target": "species"}</pre>
 * and for MNIST-style IDX files
 * <pre>{"name": "Fashion-MNIST shard 1", "tags": ["#fashion-mnist"], "format": "idx",
 *  "images": "train-images-idx3-ubyte.gz", "labels": "train-labels-idx1-ubyte.gz",
 *  "label-names": ["T-shirt/top", "Trouser", ...]}</pre>
 * The same JSON is the {@code metadata} part of an upload ({@code POST /datasets}).
 *
 * @param name        a human name; the file's base name when absent (uploads need one: the id is made from it)
 * @param tags        the tags the dataset is found by
 * @param description free text; may be absent
 * @param target      the column a model predicts (CSV: required; IDX: always {@code label})
 * @param task        {@code classification} or {@code regression}; inferred from the target column when absent
 * @param format      {@code csv} or {@code idx}; {@code csv} when absent
 * @param images      IDX only: the images file's name, beside the metadata file
 * @param labels      IDX only: the labels file's name, beside the metadata file
 * @param labelNames  IDX only, optional: the class names in label order
 * @param open        {@code "public": true} lets anonymous callers read this dataset's metadata
 *                    ({@code GET /datasets}); absent or {@code false}, only the node's users see it. Its tags are
 *                    announced to discovery either way, and its rows are never served to anyone.
 */
public record DatasetMetadata(String name, List<String> tags, String description, String target, String task,
                              String format, String images, String labels,
                              @JsonbProperty("label-names") List<String> labelNames,
                              @JsonbProperty("public") Boolean open) {

    /** The suffix of metadata files. */
    public static final String SUFFIX = ".meta.json";
    /** The CSV format. */
    public static final String CSV = "csv";
    /** MNIST's IDX format: an images file and a labels file. */
    public static final String IDX = "idx";

    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final int MAX_NAME = 200;
    private static final int MAX_DESCRIPTION = 4000;
    private static final int MAX_TAGS = 64;

    /** @return metadata with only a name, tags, description and target (the original four fields) */
    public static DatasetMetadata of(String name, List<String> tags, String description, String target) {
        return new DatasetMetadata(name, tags, description, target, null, null, null, null, null, null);
    }

    /** @return whether anonymous callers may read the metadata */
    public boolean anyoneMayRead() {
        return Boolean.TRUE.equals(open);
    }

    /** @return the format, {@code csv} when absent */
    public String formatOrDefault() {
        return format == null ? CSV : format.strip().toLowerCase(Locale.ROOT);
    }

    /** @return the task named, or {@code null} to infer it */
    public Task taskOrNull() {
        if (task == null || task.isBlank()) {
            return null;
        }
        return switch (task.strip().toLowerCase(Locale.ROOT)) {
            case "classification" -> Task.CLASSIFICATION;
            case "regression" -> Task.REGRESSION;
            default -> throw new IllegalArgumentException("\"task\" is \"" + shorten(task)
                    + "\"; write \"classification\" or \"regression\", or leave it out to infer it from the target column");
        };
    }

    /**
     * Checks the fields against the rules of the class comment.
     *
     * @return the tags in normal form, in the order given
     * @throws IllegalArgumentException naming the field and the rule it breaks
     */
    public Set<String> validate() {
        if (name != null && (name.isBlank() || name.length() > MAX_NAME)) {
            throw new IllegalArgumentException("\"name\" must have 1 to " + MAX_NAME + " characters");
        }
        if (description != null && description.length() > MAX_DESCRIPTION) {
            throw new IllegalArgumentException("\"description\" has more than " + MAX_DESCRIPTION + " characters");
        }
        List<String> given = tags == null ? List.of() : tags;
        if (given.size() > MAX_TAGS) {
            throw new IllegalArgumentException("\"tags\" has " + given.size() + " tags; at most " + MAX_TAGS + " are allowed");
        }
        Set<String> normal = new LinkedHashSet<>();
        for (int t = 0; t < given.size(); t++) {
            try {
                normal.add(Tags.validate(given.get(t), "tags[" + t + "]"));
            } catch (GridException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
        taskOrNull();
        switch (formatOrDefault()) {
            case CSV -> {
                if (images != null || labels != null || labelNames != null) {
                    throw new IllegalArgumentException("\"images\", \"labels\" and \"label-names\" are for \"format\": \"idx\"; "
                            + "a CSV dataset names its \"target\" column instead");
                }
            }
            case IDX -> {
                fileName("images", images);
                fileName("labels", labels);
                if (Task.REGRESSION == taskOrNull()) {
                    throw new IllegalArgumentException("an IDX dataset is a classification dataset; leave out \"task\"");
                }
                if (labelNames != null && (labelNames.isEmpty() || labelNames.stream().anyMatch(l -> l == null || l.isBlank()))) {
                    throw new IllegalArgumentException("\"label-names\" must list a non-blank name per class, in label order");
                }
            }
            default -> throw new IllegalArgumentException("\"format\" is \"" + shorten(format) + "\"; write \"csv\" or \"idx\"");
        }
        return normal;
    }

    /** @return the tags in display form, in the order given, without duplicates */
    public List<String> displayTags(Set<String> normal) {
        return new ArrayList<>(normal.stream().map(Tags::display).toList());
    }

    /** @return this metadata with the files of an upload named as stored */
    DatasetMetadata withFiles(String format, String images, String labels) {
        return new DatasetMetadata(name, tags, description, target, task, format, images, labels, labelNames, open);
    }

    private static void fileName(String field, String value) {
        if (value == null || !FILE_NAME.matcher(value).matches()) {
            throw new IllegalArgumentException("\"" + field + "\" must name a file beside the metadata: 1 to 128 letters, "
                    + "digits, '.', '-' or '_', not starting with '.'");
        }
    }

    private static String shorten(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "..." : value;
    }
}
