package org.gridplatform.node.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.IOException;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gridplatform.node.DatasetMetadata;
import org.gridplatform.spi.training.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.gridplatform.api.FeatureStatistics;
import org.gridplatform.api.DatasetStatistics;

class CsvLoaderTest {

    private static final List<String> IRIS_FEATURES = List.of("sepal_length", "sepal_width", "petal_length", "petal_width");

    @TempDir
    Path dir;

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(CsvLoaderTest.class.getResource(name).toURI());
    }

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private LoadedDataset load(String csv, String target, Task task) throws IOException {
        return CsvLoader.load("t", file("t.csv", csv), target, task);
    }

    private void assertFails(String csv, String target, Task task, String message) {
        assertThatThrownBy(() -> load(csv, target, task))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessage(message);
    }

    @Test
    void readsIrisAsClassificationWithSortedLabelsAndStatistics() throws Exception {
        LoadedDataset iris = CsvLoader.load("iris", fixture("iris.csv"), "species", Task.CLASSIFICATION);

        assertThat(iris.task()).isEqualTo(Task.CLASSIFICATION);
        assertThat(iris.targetName()).isEqualTo("species");
        assertThat(iris.featureNames()).isEqualTo(IRIS_FEATURES);
        assertThat(iris.labelNames()).containsExactly("setosa", "versicolor", "virginica");
        assertThat(iris.rowCount()).isEqualTo(150);
        assertThat(iris.labelCounts()).containsExactly(50, 50, 50);
        // first row: 5.1,3.5,1.4,0.2,setosa; row 51 (line 52): 7.0,3.2,4.7,1.4,versicolor
        double[] row = new double[4];
        iris.copyRow(0, row);
        assertThat(row).containsExactly(5.1f, 3.5f, 1.4f, 0.2f);
        assertThat(iris.label(0)).isZero();
        assertThat(iris.value(50, 2)).isEqualTo(4.7f);
        assertThat(iris.label(50)).isEqualTo(1);
        assertThatThrownBy(() -> iris.target(0)).isInstanceOf(UnsupportedOperationException.class);

        // Reference values: Python's statistics.fmean and pvariance over the same file.
        DatasetStatistics statistics = iris.statistics();
        assertThat(statistics.rows()).isEqualTo(150);
        assertThat(statistics.target()).isNull();
        assertStatistics(statistics.features().get(0), "sepal_length", 150, 4.3, 7.9, 5.843333333333334, 0.6811222222222223);
        assertStatistics(statistics.features().get(1), "sepal_width", 150, 2.0, 4.4, 3.0573333333333337, 0.18871288888888887);
        assertStatistics(statistics.features().get(2), "petal_length", 150, 1.0, 6.9, 3.7580000000000005, 3.0955026666666665);
        assertStatistics(statistics.features().get(3), "petal_width", 150, 0.1, 2.5, 1.1993333333333334, 0.5771328888888889);
    }

    @Test
    void readsBostonHousingAsRegression() throws Exception {
        LoadedDataset boston = CsvLoader.load("boston", fixture("boston-housing-40.csv"), "MEDV", Task.REGRESSION);

        assertThat(boston.task()).isEqualTo(Task.REGRESSION);
        assertThat(boston.featureNames()).hasSize(13).startsWith("CRIM", "ZN").endsWith("LSTAT").doesNotContain("MEDV");
        assertThat(boston.labelNames()).isEmpty();
        assertThat(boston.rowCount()).isEqualTo(40);
        assertThat(boston.target(0)).isEqualTo(24.0);
        assertThat(boston.target(1)).isEqualTo(21.6);
        assertThat(boston.value(0, 0)).isEqualTo(0.00632f);
        assertThatThrownBy(() -> boston.label(0)).isInstanceOf(UnsupportedOperationException.class);

        DatasetStatistics statistics = boston.statistics();
        assertStatistics(statistics.feature("CRIM").orElseThrow(), "CRIM", 40, 0.00632, 1.61282, 0.5726335, 0.23016620150775);
        assertStatistics(statistics.feature("RM").orElseThrow(), "RM", 40, 5.456, 7.185, 6.0899, 0.16400894);
        assertStatistics(statistics.target(), "MEDV", 40, 12.7, 36.2, 20.0675, 35.74519375);
    }

    @Test
    void holdsOutTheSameRowsOnEveryLoad() throws Exception {
        LoadedDataset once = CsvLoader.load("iris", fixture("iris.csv"), "species", null);
        LoadedDataset again = CsvLoader.load("iris", fixture("iris.csv"), "species", null);
        assertThat(once.heldOutRows()).hasSize(30).isEqualTo(again.heldOutRows());
        assertThat(once.trainRows()).hasSize(120).isEqualTo(again.trainRows());
        assertThat(CsvLoader.load("iris-copy", fixture("iris.csv"), "species", null).heldOutRows())
                .as("another id, another split").isNotEqualTo(once.heldOutRows());
    }

    @Test
    void findsFeaturesByNameAndWidensRowsIntoTheCallersBuffer() throws Exception {
        LoadedDataset iris = CsvLoader.load("iris", fixture("iris.csv"), "species", null);
        assertThat(iris.featureIndex("petal_length")).isEqualTo(2);
        assertThat(iris.featureIndex("species")).isEqualTo(-1);
        double[] buffer = {9, 9, 9, 9, 9, 9};
        iris.copyRow(149, buffer);
        assertThat(buffer).containsExactly(5.9f, 3.0f, 5.1f, 1.8f, 9, 9);
        assertThatThrownBy(() -> iris.copyRow(0, new double[3])).hasMessage("The buffer holds 3 values; a row has 4");
        assertThatThrownBy(() -> iris.value(150, 0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(iris.memoryBytes()).isEqualTo(150 * 4 * 4 + 150 * 4 + 150 * 4);
        assertThat(iris).hasToString("LoadedDataset[id=iris, task=CLASSIFICATION, rows=150, features=4, labels=3]");
    }

    @Test
    void infersTheTaskWhenTheMetadataNamesNone() throws Exception {
        assertThat(CsvLoader.load("iris", fixture("iris.csv"), "species", null).task()).isEqualTo(Task.CLASSIFICATION);
        LoadedDataset boston = CsvLoader.load("boston", fixture("boston-housing-40.csv"), "MEDV", null);
        assertThat(boston.task()).isEqualTo(Task.REGRESSION);
        assertThat(boston.target(1)).isEqualTo(21.6);
        assertThat(boston.statistics().target().mean()).isCloseTo(20.0675, within(1e-12));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "0 1 1 0 1                          | CLASSIFICATION",
        "1 2 3 4 5 6 7 8 9 10               | CLASSIFICATION",
        "1.5 2 2                            | REGRESSION",
        "1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 | CLASSIFICATION",
        "1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 | REGRESSION",
        "1 2 NaN                            | CLASSIFICATION",
        "yes no                             | CLASSIFICATION",
    })
    void infersRegressionForFractionalOrManyDistinctNumbers(String targets, Task expected) throws IOException {
        StringBuilder csv = new StringBuilder("x,y\n");
        for (String target : targets.trim().split(" +")) {
            csv.append("1,").append(target).append('\n');
        }
        assertThat(load(csv.toString(), "y", null).task()).isEqualTo(expected);
    }

    @Test
    void sortsLabelsByNameAndNumbersRowsLabelsByThatOrder() throws IOException {
        LoadedDataset d = load("x,y\n1,b\n2,10\n3,a\n4,2\n5,b\n", "y", null);
        assertThat(d.labelNames()).containsExactly("10", "2", "a", "b");
        assertThat(List.of(d.label(0), d.label(1), d.label(2), d.label(3), d.label(4))).containsExactly(3, 0, 2, 1, 3);
    }

    @Test
    void keepsLabelsAsWrittenAndTheTargetMayBeAnyColumn() throws IOException {
        LoadedDataset d = load("Species , a,b\n  Iris-Setosa ,1,2\niris-setosa,3,4\n", "Species", Task.CLASSIFICATION);
        assertThat(d.featureNames()).containsExactly("a", "b");
        assertThat(d.labelNames()).containsExactly("Iris-Setosa", "iris-setosa");
    }

    @Test
    void skipsAByteOrderMarkBlankLinesAndCarriageReturns() throws IOException {
        LoadedDataset d = load("\uFEFFx,y\r\n1.5,a\r\n\r\n2.5,b\r\n\r\n", "y", null);
        assertThat(d.featureNames()).containsExactly("x");
        assertThat(d.rowCount()).isEqualTo(2);
        assertThat(d.value(1, 0)).isEqualTo(2.5f);
    }

    @Test
    @SuppressWarnings("try") // Jsonb.close() may throw InterruptedException
    void readsEveryExampleDatasetOfTheProject() throws IOException {
        Path nodes = Path.of("../examples/nodes");
        int files = 0;
        try (Jsonb jsonb = JsonbBuilder.create(); DirectoryStream<Path> dirs = Files.newDirectoryStream(nodes)) {
            for (Path node : dirs) {
                try (DirectoryStream<Path> csvs = Files.newDirectoryStream(node, "*.csv")) {
                    for (Path csv : csvs) {
                        String id = csv.getFileName().toString().replace(".csv", "");
                        DatasetMetadata meta;
                        try (Reader in = Files.newBufferedReader(node.resolve(id + DatasetMetadata.SUFFIX))) {
                            meta = jsonb.fromJson(in, DatasetMetadata.class);
                        }
                        LoadedDataset d = CsvLoader.load(id, csv, meta.target(), null);
                        long lines = Files.readAllLines(csv).stream().filter(l -> !l.isBlank()).count();
                        assertThat(d.rowCount()).as(csv.toString()).isEqualTo(lines - 1);
                        assertThat(d.task()).as(csv.toString()).isEqualTo(meta.tags().contains("#regression")
                                ? Task.REGRESSION : Task.CLASSIFICATION);
                        files++;
                    }
                }
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(files).isEqualTo(7);
    }

    @Test
    void namesTheLineAndColumnOfAValueThatIsNotANumber() {
        assertFails("sepal_length,petal_length,species\n1,2,a\n1,abc,b\n", "species", Task.CLASSIFICATION,
                "t.csv: line 3, column 'petal_length': \"abc\" is not a number");
    }

    @Test
    void namesTheFirstBadCellInHeaderOrder() {
        assertFails("a,b,c,y\n1,x,z,q\n", "y", null, "t.csv: line 2, column 'b': \"x\" is not a number");
        // Tribuo reads NaN, and its examples sort features by name: the message still follows the header.
        assertFails("b,a,y\n1,2,c\nNaN,NaN,c\n", "y", null, "t.csv: line 3, column 'b': \"NaN\" is not a finite number");
        assertFails("y,x\n1,2\nNaN,Infinity\n", "y", Task.REGRESSION, "t.csv: line 3, column 'y': \"NaN\" is not a finite number");
    }

    @Test
    void countsPhysicalLinesAcrossBlankLinesAndQuotedLineBreaks() {
        assertFails("x,label\n1,a\n\n2,\"two\nlines\"\nabc,b\n", "label", null,
                "t.csv: line 6, column 'x': \"abc\" is not a number");
    }

    @Test
    void refusesEmptyAndNonFiniteAndHugeFeatureValues() {
        assertFails("x,y\n1,a\n ,b\n", "y", null, "t.csv: line 3, column 'x' is empty; every feature needs a number");
        assertFails("x,y\nNaN,a\n", "y", null, "t.csv: line 2, column 'x': \"NaN\" is not a finite number");
        assertFails("x,y\n-Infinity,a\n", "y", null, "t.csv: line 2, column 'x': \"-Infinity\" is not a finite number");
        assertFails("x,y\n1e39,a\n", "y", null,
                "t.csv: line 2, column 'x': \"1e39\" is too large; features are stored as floats, up to about 3.4e38");
    }

    @Test
    void refusesAnEmptyOrNonNumericTarget() {
        assertFails("x,y\n1,a\n2,\n", "y", Task.CLASSIFICATION, "t.csv: line 3, column 'y' is empty; every row needs a target value");
        assertFails("x,y\n1,2\n2,\n", "y", Task.REGRESSION, "t.csv: line 3, column 'y' is empty; every row needs a target value");
        assertFails("x,y\n1,2\n2,abc\n", "y", Task.REGRESSION, "t.csv: line 3, column 'y': \"abc\" is not a number");
        assertFails("x,y\n1,\"1,5\"\n", "y", Task.REGRESSION, "t.csv: line 2, column 'y': \"1,5\" is not a number");
        assertFails("x,y\n1,a=5\n", "y", Task.REGRESSION, "t.csv: line 2, column 'y': \"a=5\" is not a number");
        assertFails("x,y\n1,NaN\n", "y", Task.REGRESSION, "t.csv: line 2, column 'y': \"NaN\" is not a finite number");
    }

    @Test
    void refusesRaggedRows() {
        assertFails("x,z,y\n1,2,a\n1,b\n", "y", null, "t.csv: line 3 has 2 columns; the header has 3");
        assertFails("x,z,y\n1,2,a,4\n", "y", null, "t.csv: line 2 has 4 columns; the header has 3");
    }

    @Test
    void refusesAMissingOrUnnamedTargetColumn() {
        assertFails("x,z\n1,2\n", "species", null,
                "t.csv: the target column 'species' is not in the header; the columns are [x, z]");
        assertFails("x,z\n1,2\n", null, null,
                "t.csv: no target column is named; name one of [x, z] as the target in the metadata");
        assertFails("y\na\n", "y", null,
                "t.csv: the target 'y' is the only column; a dataset needs at least one feature column");
    }

    @Test
    void refusesBadHeaders() {
        assertFails("", "y", null, "t.csv: the file is empty; line 1 must be a header naming the columns");
        assertFails("\n1,2\n", "y", null, "t.csv: line 1 is empty; it must be a header naming the columns");
        assertFails("x,y,x\n1,a,2\n", "y", null,
                "t.csv: line 1: the column name 'x' appears twice (columns 1 and 3); give each column its own name");
        assertFails("x,,y\n1,2,a\n", "y", null, "t.csv: line 1, column 2 has no name; name every column in the header");
        assertFails("x,y\n\n\n", "y", null, "t.csv: there are no data rows after the header");
    }

    @Test
    void refusesAnUnterminatedQuote() {
        String message = "t.csv: line 3: a quoted value is not closed; a value that starts with \" must end with \" "
                + "before the next comma or line end (write \"\" for a quote inside it)";
        assertFails("x,y\n1,a\n2,\"b\n3,c\n", "y", null, message);
        assertFails("x,y\n1,a\n2,\"b\"c\n3,c\n", "y", null, message);
    }

    @Test
    void refusesAFileThatIsNotUtf8() throws IOException {
        Path latin1 = dir.resolve("t.csv");
        Files.write(latin1, "x,y\n1,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> CsvLoader.load("t", latin1, "y", null))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessage("t.csv: the file is not UTF-8 text; save it as UTF-8");
    }

    private static void assertStatistics(FeatureStatistics s, String name, long count, double min, double max,
                                         double mean, double variance) {
        assertThat(s.name()).isEqualTo(name);
        assertThat(s.count()).isEqualTo(count);
        assertThat(s.min()).isEqualTo(min);
        assertThat(s.max()).isEqualTo(max);
        assertThat(s.mean()).isCloseTo(mean, within(1e-12));
        assertThat(s.variance()).isCloseTo(variance, within(1e-12));
    }
}
