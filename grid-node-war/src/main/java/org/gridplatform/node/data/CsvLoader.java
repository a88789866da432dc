package org.gridplatform.node.data;

import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.RFC4180ParserBuilder;
import com.opencsv.exceptions.CsvMalformedLineException;
import com.opencsv.exceptions.CsvValidationException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.gridplatform.spi.training.Task;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.Output;
import org.tribuo.OutputFactory;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.data.columnar.ColumnarIterator;
import org.tribuo.data.columnar.FieldProcessor;
import org.tribuo.data.columnar.RowProcessor;
import org.tribuo.data.columnar.processors.field.DoubleFieldProcessor;
import org.tribuo.data.columnar.processors.response.FieldResponseProcessor;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.gridplatform.api.FeatureStatistics;
import org.gridplatform.api.DatasetStatistics;

/**
 * Reads a CSV dataset: a header row naming the columns, then one row per example; one column is the
 * target, every other column a numeric feature. UTF-8 (a byte-order mark is skipped), comma
 * separated, RFC 4180 quoting; blank lines are skipped, as Tribuo's {@code CSVIterator} does.
 *
 * <p><b>How it reads.</b> Each row becomes a Tribuo {@link Example} through a {@link RowProcessor}
 * with explicit processors: a {@link DoubleFieldProcessor} per feature column (named by the column
 * alone, and throwing on a value that is not a number) and a {@link FieldResponseProcessor} for the
 * target with a {@link LabelFactory} or a {@link RegressionFactory} (not upper-casing labels).
 * These are the pitfalls of Tribuo's short forms: {@code CSVLoader} names features
 * {@code column@value}-style and upper-cases labels, and a plain {@code DoubleFieldProcessor}
 * silently drops a value it cannot parse.
 *
 * <p>The rows are read with opencsv, configured like Tribuo's {@code CSVIterator}, rather than
 * through {@code CSVDataSource}, because that path cannot say <em>where</em> a file is wrong:
 * {@code CSVIterator} hides opencsv's line count and reports a ragged row by record number, and a
 * throwing {@code DoubleFieldProcessor} raises a bare {@code NumberFormatException} ("For input
 * string: "abc"") that names neither the row nor the column. Reading the records here keeps the
 * physical line of each row. When Tribuo rejects a row, or makes something of it that a dataset
 * cannot hold (NaN, infinity or a value beyond a float's range; an empty label; a regression target
 * such as "a=5", which Tribuo reads as a named dimension), the row's cells are checked in header
 * order to name the first bad one. A data owner gets, for example:
 * {@code iris.csv: line 17, column 'petal_length': "abc" is not a number}.
 *
 * <p><b>The task.</b> When the metadata gives none, it is inferred from the target column:
 * <em>regression</em> if every target value is a finite number and the values either include one
 * that is not a whole number or have more than {@value #CLASS_LIMIT} distinct values;
 * <em>classification</em> otherwise. So "setosa", 0/1 and ratings 1..10 are classes, prices
 * (24.0, 21.6) and ages 18..90 are numbers. A data owner whose integer codes mean otherwise names
 * the task in the metadata.
 *
 * <p>Stateless and thread-safe.
 */
public final class CsvLoader {

    /** Numeric targets with up to this many distinct whole values are inferred to be classes. */
    public static final int CLASS_LIMIT = 20;

    private static final int MAX_VALUES = Integer.MAX_VALUE - 8;
    private static final char BOM = '\uFEFF';
    private static final String EMPTY_TARGET = "is empty; every row needs a target value";

    private CsvLoader() {
    }

    /**
     * @param id     the dataset's id; it seeds the fixed split
     * @param file   the CSV file
     * @param target the name of the target column, as in the header
     * @param task   the task the metadata names, or {@code null} to infer it (see the class comment)
     * @return the dataset
     * @throws DatasetFormatException naming the file, line and column of the first problem
     * @throws IOException            if the file cannot be read
     */
    public static LoadedDataset load(String id, Path file, String target, Task task) throws IOException {
        String name = file.getFileName().toString();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new Reading(name, in).read(id, target, task);
        } catch (CharacterCodingException e) {
            throw new DatasetFormatException(name + ": the file is not UTF-8 text; save it as UTF-8", e);
        }
    }

    /** The state of reading one file. */
    private static final class Reading {

        private final String file;
        private final CSVReader csv;
        private List<String> header;
        private int targetColumn;
        private List<String> featureNames;
        private int[] featureColumns;

        private int rows;
        private float[] values = new float[1024];
        private FeatureStatistics.Accumulator[] statistics;
        private final Map<String, Integer> labelIds = new HashMap<>();
        private int[] labels;
        private double[] targets;

        Reading(String file, Reader in) throws IOException {
            this.file = file;
            BufferedReader buffered = new BufferedReader(in);
            buffered.mark(1);
            if (buffered.read() != BOM) {
                buffered.reset();
            }
            this.csv = new CSVReaderBuilder(buffered)
                    .withCSVParser(new RFC4180ParserBuilder().withSeparator(',').withQuoteChar('"').build())
                    .build();
        }

        LoadedDataset read(String id, String target, Task task) throws IOException {
            readHeader(target);
            // An unknown task is read as classification: labels keep the text, which inference then reads.
            return task == Task.REGRESSION
                    ? readRows(id, new RegressionFactory(), Task.REGRESSION)
                    : readRows(id, new LabelFactory(), task);
        }

        private void readHeader(String target) throws IOException {
            String[] cells = next();
            if (cells == null) {
                throw error("the file is empty; line 1 must be a header naming the columns");
            }
            if (cells.length == 1 && cells[0].isBlank()) {
                throw error("line 1 is empty; it must be a header naming the columns");
            }
            header = Arrays.stream(cells).map(String::trim).toList();
            Map<String, Integer> seen = new HashMap<>();
            for (int c = 0; c < header.size(); c++) {
                String column = header.get(c);
                if (column.isEmpty()) {
                    throw error("line 1, column " + (c + 1) + " has no name; name every column in the header");
                }
                Integer earlier = seen.putIfAbsent(column, c);
                if (earlier != null) {
                    throw error("line 1: the column name '" + column + "' appears twice (columns " + (earlier + 1)
                            + " and " + (c + 1) + "); give each column its own name");
                }
            }
            if (target == null || target.isBlank()) {
                throw error("no target column is named; name one of " + header + " as the target in the metadata");
            }
            targetColumn = header.indexOf(target.trim());
            if (targetColumn < 0) {
                throw error("the target column '" + target + "' is not in the header; the columns are " + header);
            }
            if (header.size() < 2) {
                throw error("the target '" + target + "' is the only column; a dataset needs at least one feature column");
            }
            featureNames = new ArrayList<>(header.size() - 1);
            featureColumns = new int[header.size() - 1];
            for (int c = 0, f = 0; c < header.size(); c++) {
                if (c != targetColumn) {
                    featureNames.add(header.get(c));
                    featureColumns[f++] = c;
                }
            }
            statistics = new FeatureStatistics.Accumulator[featureNames.size()];
            Arrays.setAll(statistics, f -> new FeatureStatistics.Accumulator());
        }

        private <T extends Output<T>> LoadedDataset readRows(String id, OutputFactory<T> factory, Task task)
                throws IOException {
            Map<String, FieldProcessor> processors = new LinkedHashMap<>();
            for (String feature : featureNames) {
                // onlyFieldName: the feature is called "petal_length", not "petal_length@value";
                // throwOnInvalid: a bad value stops the load instead of vanishing from the row.
                processors.put(feature, new DoubleFieldProcessor(feature, true, true));
            }
            String targetName = header.get(targetColumn);
            // displayField false: the label is "setosa", not "species=setosa"; uppercase false: not "SETOSA".
            RowProcessor<T> processor = new RowProcessor<>(new FieldResponseProcessor<>(List.of(targetName),
                    List.of(""), factory, false, false), processors);
            Map<String, Integer> featureIndex = new HashMap<>();
            for (int f = 0; f < featureNames.size(); f++) {
                featureIndex.put(featureNames.get(f), f);
            }
            labels = new int[256];
            targets = new double[256];
            int width = featureNames.size();
            for (long line = csv.getLinesRead() + 1; ; line = csv.getLinesRead() + 1) {
                String[] cells = next();
                if (cells == null) {
                    break;
                }
                if (cells.length == 1 && cells[0].isBlank()) {
                    continue;
                }
                if (cells.length != header.size()) {
                    throw error("line " + line + " has " + cells.length + " columns; the header has " + header.size());
                }
                Map<String, String> row = new HashMap<>(header.size() * 2);
                for (int c = 0; c < cells.length; c++) {
                    row.put(header.get(c), cells[c]);
                }
                Example<T> example;
                try {
                    example = processor.generateExample(new ColumnarIterator.Row(rows, header, row), true)
                            .orElseThrow(() -> new IllegalStateException("no example"));
                } catch (RuntimeException e) {
                    throw explain(line, cells, task, e);
                }
                if ((long) (rows + 1) * width > MAX_VALUES) {
                    throw error("line " + line + ": the file has more values than one node holds in one dataset ("
                            + MAX_VALUES + "); split it into several datasets");
                }
                growTo(rows + 1, width);
                int start = rows * width;
                int filled = 0;
                boolean storable = true;
                for (Feature feature : example) {
                    double value = feature.getValue();
                    // Tribuo accepts "NaN", "Infinity" and values beyond a float's range.
                    storable &= Double.isFinite(value) && Math.abs(value) <= Float.MAX_VALUE;
                    values[start + featureIndex.get(feature.getName())] = (float) value;
                    filled++;
                }
                if (!storable || !addTarget(example.getOutput())) {
                    throw explain(line, cells, task, null);
                }
                if (filled != width) {
                    throw new IllegalStateException("Tribuo made " + filled + " features of the " + width
                            + " columns of line " + line);
                }
                for (Feature feature : example) {
                    statistics[featureIndex.get(feature.getName())].add(feature.getValue());
                }
                rows++;
            }
            if (rows == 0) {
                throw error("there are no data rows after the header");
            }
            return build(id, task);
        }

        /** @return whether the row's target is a label or a single finite number, as a target must be */
        private boolean addTarget(Output<?> output) {
            if (output instanceof Label label) {
                if (label.getLabel().isEmpty()) {
                    return false;
                }
                labels[rows] = labelIds.computeIfAbsent(label.getLabel(), v -> labelIds.size());
                return true;
            }
            Regressor regressor = (Regressor) output;
            // Regressor.parseString also reads "a=1" and "1,2" (named and several dimensions): not a target.
            if (regressor.size() != 1 || !regressor.getNames()[0].equals(Regressor.DEFAULT_NAME + "-0")
                    || !Double.isFinite(regressor.getValues()[0])) {
                return false;
            }
            targets[rows] = regressor.getValues()[0];
            return true;
        }

        private LoadedDataset build(String id, Task task) {
            String targetName = header.get(targetColumn);
            List<FeatureStatistics> featureStatistics = new ArrayList<>(featureNames.size());
            for (int f = 0; f < featureNames.size(); f++) {
                featureStatistics.add(statistics[f].toStatistics(featureNames.get(f)));
            }
            float[] matrix = Arrays.copyOf(values, rows * featureNames.size());
            values = null;
            List<String> names = new ArrayList<>(new TreeSet<>(labelIds.keySet()));
            Task resolved = task != null ? task : inferTask(names);
            if (resolved == Task.REGRESSION) {
                double[] column;
                if (task == Task.REGRESSION) {
                    column = Arrays.copyOf(targets, rows);
                } else {
                    // Inferred: the labels were read as text, and every one of them is a number.
                    String[] byId = new String[labelIds.size()];
                    labelIds.forEach((label, labelId) -> byId[labelId] = label);
                    column = new double[rows];
                    for (int r = 0; r < rows; r++) {
                        column[r] = Double.parseDouble(byId[labels[r]]);
                    }
                }
                FeatureStatistics.Accumulator targetStatistics = new FeatureStatistics.Accumulator();
                Arrays.stream(column).forEach(targetStatistics::add);
                return new LoadedDataset(id, Task.REGRESSION, targetName, featureNames, List.of(), rows, matrix,
                        null, column, new DatasetStatistics(rows, featureStatistics,
                                targetStatistics.toStatistics(targetName)));
            }
            int[] sortedId = new int[names.size()];
            for (int i = 0; i < names.size(); i++) {
                sortedId[labelIds.get(names.get(i))] = i;
            }
            int[] column = new int[rows];
            for (int r = 0; r < rows; r++) {
                column[r] = sortedId[labels[r]];
            }
            return new LoadedDataset(id, Task.CLASSIFICATION, targetName, featureNames, names, rows, matrix, column,
                    null, new DatasetStatistics(rows, featureStatistics, null));
        }

        /** The rule of the class comment. */
        private static Task inferTask(List<String> distinct) {
            boolean fractional = false;
            for (String value : distinct) {
                if (numberProblem(value, false).isPresent()) {
                    return Task.CLASSIFICATION;
                }
                double number = Double.parseDouble(value);
                fractional |= number != Math.rint(number);
            }
            return fractional || distinct.size() > CLASS_LIMIT ? Task.REGRESSION : Task.CLASSIFICATION;
        }

        /**
         * Finds the first cell of a row that Tribuo rejected, or that cannot be stored, in header
         * order, and says what is wrong with it.
         */
        private DatasetFormatException explain(long line, String[] cells, Task task, RuntimeException cause) {
            for (int c = 0; c < cells.length; c++) {
                boolean feature = c != targetColumn;
                Optional<String> problem = feature || task == Task.REGRESSION ? numberProblem(cells[c], feature)
                        : cells[c].isBlank() ? Optional.of(EMPTY_TARGET) : Optional.empty();
                if (problem.isPresent()) {
                    return cell(line, c, problem.get());
                }
            }
            return new DatasetFormatException(file + ": line " + line + ": the row cannot be read"
                    + (cause == null ? "" : ": " + cause.getMessage()), cause);
        }

        /** @return what keeps a cell from being a feature value (or a regression target), if anything */
        private static Optional<String> numberProblem(String cell, boolean feature) {
            String value = cell.trim();
            if (value.isEmpty()) {
                return Optional.of(feature ? "is empty; every feature needs a number" : EMPTY_TARGET);
            }
            double number;
            try {
                number = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                return Optional.of(quote(value) + " is not a number");
            }
            if (!Double.isFinite(number)) {
                return Optional.of(quote(value) + " is not a finite number");
            }
            if (feature && Math.abs(number) > Float.MAX_VALUE) {
                return Optional.of(quote(value) + " is too large; features are stored as floats, up to about 3.4e38");
            }
            return Optional.empty();
        }

        private void growTo(int rowCount, int width) {
            if ((long) rowCount * width > values.length) {
                values = Arrays.copyOf(values, (int) Math.min(MAX_VALUES, Math.max((long) rowCount * width,
                        2L * values.length)));
            }
            if (rowCount > labels.length) {
                labels = Arrays.copyOf(labels, 2 * labels.length);
                targets = Arrays.copyOf(targets, 2 * targets.length);
            }
        }

        private String[] next() throws IOException {
            try {
                return csv.readNext();
            } catch (CsvMalformedLineException e) {
                // opencsv's message quotes the rest of the file ("Beginning of lost text: ..."): not for a response.
                throw error("line " + e.getLineNumber() + ": a quoted value is not closed; a value that starts with \" "
                        + "must end with \" before the next comma or line end (write \"\" for a quote inside it)");
            } catch (CsvValidationException e) {
                throw error("line " + (csv.getLinesRead() + 1) + ": " + e.getMessage());
            }
        }

        /** @param problem "is empty; ..." or "\"abc\" is not a number" */
        private DatasetFormatException cell(long line, int column, String problem) {
            String place = "line " + line + ", column '" + header.get(column) + "'";
            return error(place + (problem.startsWith("is ") ? " " : ": ") + problem);
        }

        private DatasetFormatException error(String problem) {
            return new DatasetFormatException(file + ": " + problem);
        }

        private static String quote(String value) {
            String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
            return '"' + shown.replace("\"", "\\\"") + '"';
        }
    }
}
