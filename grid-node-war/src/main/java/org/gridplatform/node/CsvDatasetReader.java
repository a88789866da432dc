package org.gridplatform.node;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.gridplatform.api.ColumnInfo;
import org.gridplatform.api.DatasetInfo;
import org.gridplatform.api.Tags;

/**
 * Reads a CSV dataset with a header row into its {@link Dataset} description: column names, the
 * type of each column (numeric when every value is a number) and the row count. The rows are
 * streamed and counted, never kept.
 */
final class CsvDatasetReader {

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreSurroundingSpaces(true)
            .get();

    private CsvDatasetReader() {
    }

    /**
     * @param id       the dataset's id
     * @param file     the CSV file
     * @param metadata the owner's metadata
     * @return the dataset
     * @throws DatasetFileException naming the line and column of the first problem
     */
    static Dataset read(String id, Path file, DatasetMetadata metadata) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8); CSVParser csv = FORMAT.parse(in)) {
            List<String> names = csv.getHeaderNames();
            if (names.isEmpty()) {
                throw new DatasetFileException(file.getFileName() + ": line 1 must be a header naming the columns");
            }
            for (int c = 0; c < names.size(); c++) {
                if (names.get(c).isBlank()) {
                    throw new DatasetFileException(file.getFileName() + ": line 1, column " + (c + 1) + " has no name");
                }
            }
            boolean[] numeric = new boolean[names.size()];
            java.util.Arrays.fill(numeric, true);
            long rows = 0;
            for (CSVRecord row : csv) {
                long line = row.getRecordNumber() + 1;
                if (row.size() != names.size()) {
                    throw new DatasetFileException(file.getFileName() + ": line " + line + " has " + row.size()
                            + " columns; the header has " + names.size());
                }
                for (int c = 0; c < names.size(); c++) {
                    if (numeric[c] && !isNumber(row.get(c))) {
                        numeric[c] = false;
                    }
                }
                rows++;
            }
            List<ColumnInfo> columns = new ArrayList<>(names.size());
            for (int c = 0; c < names.size(); c++) {
                columns.add(new ColumnInfo(names.get(c), numeric[c] && rows > 0 ? ColumnInfo.NUMERIC : ColumnInfo.TEXT));
            }
            String target = metadata.target();
            if (target != null && !names.contains(target)) {
                throw new DatasetFileException(file.getFileName() + ": the target column \"" + target
                        + "\" named in the metadata is not in the header " + names);
            }
            List<String> tags = metadata.tags() == null ? List.of() : metadata.tags();
            Set<String> normal = new java.util.LinkedHashSet<>();
            for (int t = 0; t < tags.size(); t++) {
                normal.add(Tags.validate(tags.get(t), "tags[" + t + "]"));
            }
            DatasetInfo info = new DatasetInfo(id, metadata.name() == null ? id : metadata.name(),
                    normal.stream().map(Tags::display).toList(),
                    metadata.description() == null ? "" : metadata.description(), target, rows, columns);
            return new Dataset(info, Set.copyOf(normal), file);
        } catch (java.io.UncheckedIOException e) {
            // commons-csv reports malformed quoting this way
            throw new DatasetFileException(file.getFileName() + ": " + e.getCause().getMessage());
        } catch (org.gridplatform.api.GridException e) {
            throw new DatasetFileException(file.getFileName() + ": its metadata is invalid: " + e.getMessage());
        } catch (IllegalArgumentException | IllegalStateException e) {
            // commons-csv reports duplicate or missing header names this way
            throw new DatasetFileException(file.getFileName() + ": " + e.getMessage());
        }
    }

    private static boolean isNumber(String value) {
        if (value.isEmpty()) {
            return false;
        }
        try {
            double d = Double.parseDouble(value);
            return !Double.isNaN(d) && !Double.isInfinite(d);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** A dataset file that cannot be read; the message names the file and where it is wrong. */
    static final class DatasetFileException extends IOException {
        private static final long serialVersionUID = 1L;

        DatasetFileException(String message) {
            super(message);
        }
    }
}
