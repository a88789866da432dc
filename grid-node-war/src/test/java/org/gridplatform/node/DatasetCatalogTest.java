package org.gridplatform.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.gridplatform.api.ColumnInfo;
import org.gridplatform.api.GridException;
import org.gridplatform.api.ProblemType;
import org.gridplatform.api.TagQuery;
import org.gridplatform.api.FeatureStatistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.gridplatform.api.DatasetDescription;

class DatasetCatalogTest {

    private static final String IRIS = "sepal_length,species,petal_width\n5.1,setosa,0.2\n4.9,setosa,0.4\n6.3,virginica,1.8\n";
    private static final String IRIS_META = "{\"name\": \"Iris\", \"tags\": [\"#Iris\", \"flowers\"], \"description\": \"d\", \"target\": \"species\"}";

    @TempDir
    Path dir;

    private DatasetCatalog load() {
        DatasetCatalog catalog = new DatasetCatalog();
        catalog.load(dir);
        return catalog;
    }

    private void dataset(String id, String csv, String meta) throws IOException {
        Files.writeString(dir.resolve(id + ".csv"), csv);
        if (meta != null) {
            Files.writeString(dir.resolve(id + ".meta.json"), meta);
        }
    }

    private static Map<String, InputStream> file(String csv) {
        return Map.of("file", new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
    }

    private List<String> entries() throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void describesSchemaAndAggregatesButKeepsNoValuesInTheDescription() throws IOException {
        dataset("iris", IRIS, IRIS_META);
        DatasetDescription d = load().get("iris").description();
        assertThat(d.id()).isEqualTo("iris");
        assertThat(d.name()).isEqualTo("Iris");
        assertThat(d.tags()).containsExactly("#iris", "#flowers");
        assertThat(d.rows()).isEqualTo(3);
        assertThat(d.columns()).containsExactly(new ColumnInfo("sepal_length", "numeric"), new ColumnInfo("species", "text"),
                new ColumnInfo("petal_width", "numeric"));
        assertThat(d.task()).isEqualTo("classification");
        assertThat(d.format()).isEqualTo("csv");
        assertThat(d.features()).containsExactly("sepal_length", "petal_width");
        assertThat(d.labels()).containsExactly("setosa", "virginica");
        FeatureStatistics sepal = d.statistics().features().getFirst();
        assertThat(sepal.count()).isEqualTo(3);
        assertThat(sepal.min()).isEqualTo(4.9);
        assertThat(sepal.max()).isEqualTo(6.3);
        assertThat(sepal.mean()).isCloseTo(16.3 / 3, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(d.statistics().target()).isNull();
    }

    @Test
    void infersRegressionAndNamesTheTaskWhenGiven() throws IOException {
        dataset("prices", "rooms,price\n3,24.5\n4,21.6\n", "{\"tags\": [\"#h\"], \"target\": \"price\"}");
        dataset("codes", "x,code\n1,1.5\n2,2.5\n", "{\"tags\": [\"#h\"], \"target\": \"code\", \"task\": \"classification\"}");
        DatasetCatalog catalog = load();
        assertThat(catalog.get("prices").description().task()).isEqualTo("regression");
        assertThat(catalog.get("prices").description().labels()).isNull();
        assertThat(catalog.get("prices").description().statistics().target().max()).isEqualTo(24.5);
        assertThat(catalog.get("codes").description().task()).isEqualTo("classification");
        assertThat(catalog.get("codes").description().columns().get(1)).isEqualTo(new ColumnInfo("code", "numeric"));
    }

    @Test
    void matchesQueriesPerDatasetWithAndSemantics() throws IOException {
        dataset("a", "x,y\n1,a\n", "{\"tags\": [\"#iris\", \"#classification\"], \"target\": \"y\"}");
        dataset("b", "x,y\n1,a\n", "{\"tags\": [\"#wine\"], \"target\": \"y\"}");
        DatasetCatalog catalog = load();
        assertThat(catalog.holds(TagQuery.of(List.of("#IRIS", "classification")))).isTrue();
        assertThat(catalog.holds(TagQuery.of(List.of("#iris", "#wine")))).isFalse();
        assertThat(catalog.matching(TagQuery.of(List.of("#iris")))).containsExactly("a");
        assertThat(catalog.loaded("b").rowCount()).isEqualTo(1);
        assertThat(catalog.tags()).containsExactly("#classification", "#iris", "#wine");
    }

    @Test
    void badFilesAreSkippedWithTheLineAndColumnThatIsWrong() throws IOException {
        dataset("ragged", "a,b\n1,2\n3\n", "{\"tags\": [\"#x\"], \"target\": \"b\"}");
        dataset("cell", "a,b\n1,2\nabc,3\n", "{\"tags\": [\"#x\"], \"target\": \"b\"}");
        dataset("target", "a,b\n1,2\n", "{\"tags\": [\"#x\"], \"target\": \"c\"}");
        dataset("meta", "a\n1\n", "{not json");
        dataset("unknown", "a,b\n1,2\n", "{\"tag\": [\"#x\"], \"target\": \"b\"}");
        dataset("nometa", "a,b\n1,2\n", null);
        dataset("good", "a,b\n1,x\n", "{\"tags\": [\"#x\"], \"target\": \"b\"}");
        DatasetCatalog catalog = load();
        assertThat(catalog.all()).extracting(Dataset::id).containsExactly("good");
        assertThat(catalog.problems()).containsExactlyInAnyOrder(
                "cell.csv: line 3, column 'a': \"abc\" is not a number",
                "ragged.csv: line 3 has 1 columns; the header has 2",
                "target.csv: the target column 'c' is not in the header; the columns are [a, b]",
                "meta.meta.json is not a JSON object with name, tags, description, target and optionally task, format, "
                        + "images, labels, label-names, public",
                "unknown.meta.json: unknown field \"tag\"; the fields are [description, format, images, label-names, labels, "
                        + "name, public, tags, target, task]",
                "nometa.csv: there is no nometa.meta.json beside it; write one that names the target column, for example "
                        + "{\"name\": \"...\", \"tags\": [\"#...\"], \"target\": \"...\"}");
    }

    @Test
    void invalidMetadataIsReportedNamingTheField() throws IOException {
        dataset("t", "a,b\n1,2\n", "{\"tags\": [\"#\"], \"target\": \"b\"}");
        dataset("task", "a,b\n1,2\n", "{\"tags\": [\"#x\"], \"target\": \"b\", \"task\": \"clustering\"}");
        dataset("fmt", "a,b\n1,2\n", "{\"tags\": [\"#x\"], \"target\": \"b\", \"format\": \"parquet\"}");
        dataset("idx", "a,b\n1,2\n", "{\"tags\": [\"#x\"], \"format\": \"idx\", \"images\": \"../etc/passwd\", \"labels\": \"l\"}");
        DatasetCatalog catalog = load();
        assertThat(catalog.all()).isEmpty();
        assertThat(catalog.problems()).containsExactlyInAnyOrder(
                "t.meta.json: tags[0] is blank; a tag needs at least one character after the optional '#'",
                "task.meta.json: \"task\" is \"clustering\"; write \"classification\" or \"regression\", or leave it out to "
                        + "infer it from the target column",
                "fmt.meta.json: \"format\" is \"parquet\"; write \"csv\" or \"idx\"",
                "idx.meta.json: \"images\" must name a file beside the metadata: 1 to 128 letters, digits, '.', '-' or '_', "
                        + "not starting with '.'");
    }

    @Test
    void aMissingDirectoryIsReportedNotFatal() {
        DatasetCatalog catalog = new DatasetCatalog();
        catalog.load(dir.resolve("nope"));
        assertThat(catalog.all()).isEmpty();
        assertThat(catalog.problems()).singleElement().asString().contains("does not exist");
    }

    @Test
    void unknownIdsAreNotFoundWithoutEchoingHostileText() {
        DatasetCatalog catalog = load();
        assertThatThrownBy(() -> catalog.get("../../etc/passwd")).isInstanceOf(GridException.class)
                .hasMessage("No dataset has the id \"?\"; GET /datasets lists them");
        assertThatThrownBy(() -> catalog.get("nope")).hasMessage("No dataset has the id \"nope\"; GET /datasets lists them");
    }

    @Test
    void anUploadIsStoredInItsOwnDirectoryAndSurvivesARestart() throws IOException {
        DatasetCatalog catalog = load();
        Dataset added = catalog.add("{\"name\": \"Iris upload\", \"tags\": [\"#uploaded\"], \"target\": \"species\"}", file(IRIS));
        assertThat(added.id()).isEqualTo("iris-upload");
        assertThat(entries()).containsExactly("iris-upload");
        assertThat(Files.exists(dir.resolve("iris-upload/iris-upload.csv"))).isTrue();
        assertThat(Files.exists(dir.resolve("iris-upload/iris-upload.meta.json"))).isTrue();

        DatasetCatalog restarted = load();
        assertThat(restarted.get("iris-upload").description()).isEqualTo(added.description());
        assertThat(restarted.problems()).isEmpty();
    }

    @Test
    void aBadUploadIsRefusedNamingLineAndColumnAndLeavesNothing() throws IOException {
        DatasetCatalog catalog = load();
        assertThatThrownBy(() -> catalog.add("{\"name\": \"Bad\", \"tags\": [\"#x\"], \"target\": \"species\"}",
                file("sepal_length,species\n5.1,setosa\n4.x,setosa\n")))
                .isInstanceOfSatisfying(GridException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.INVALID_REQUEST))
                .hasMessage("The dataset cannot be read: bad.csv: line 3, column 'sepal_length': \"4.x\" is not a number");
        assertThat(entries()).isEmpty();
        assertThat(catalog.all()).isEmpty();
    }

    @Test
    void uploadMetadataIsChecked() {
        DatasetCatalog catalog = load();
        assertThatThrownBy(() -> catalog.add("{\"tags\": [\"#x\"], \"target\": \"species\"}", file(IRIS)))
                .hasMessage("The metadata has no \"name\"; the dataset's id is made from it");
        assertThatThrownBy(() -> catalog.add("[1]", file(IRIS)))
                .hasMessageStartingWith("The metadata part is not a JSON object");
        assertThatThrownBy(() -> catalog.add("{\"name\": \"!!!\", \"target\": \"species\"}", file(IRIS)))
                .hasMessage("The name \"!!!\" gives no dataset id; use a name with letters or digits");
        assertThatThrownBy(() -> catalog.add("{\"name\": \"x\", \"target\": \"species\"}", Map.of()))
                .hasMessage("The upload has no part named 'file'; send the CSV file as 'file' beside 'metadata'");
    }

    @Test
    void aDuplicateNameOrIdIsAConflict() throws IOException {
        dataset("iris", IRIS, IRIS_META);
        DatasetCatalog catalog = load();
        assertThatThrownBy(() -> catalog.add("{\"name\": \"iris\", \"target\": \"species\"}", file(IRIS)))
                .isInstanceOfSatisfying(GridException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.CONFLICT))
                .hasMessage("A dataset with the id iris exists (named \"Iris\"); choose another name, or DELETE /datasets/iris first");
        catalog.add("{\"name\": \"Other\", \"target\": \"species\"}", file(IRIS));
        assertThatThrownBy(() -> catalog.add("{\"name\": \"OTHER\", \"target\": \"species\"}", file(IRIS)))
                .hasMessage("A dataset with the id other exists (named \"Other\"); choose another name, or DELETE /datasets/other first");
    }

    @Test
    void anUploadCutShortByACrashIsDeletedAtStartAndNeverListed() throws IOException {
        dataset("iris", IRIS, IRIS_META);
        // A crash after the files were written, before the rename: the staging directory is complete but unpublished.
        Path staging = Files.createDirectory(dir.resolve(DatasetFiles.STAGING + "1234"));
        Files.writeString(staging.resolve("half.csv"), IRIS);
        Files.writeString(staging.resolve("half.meta.json"), IRIS_META);
        // A crash in the middle of a delete.
        Path trash = Files.createDirectory(dir.resolve(DatasetFiles.TRASH + "5678"));
        Files.writeString(trash.resolve("gone.csv"), IRIS);

        DatasetCatalog catalog = load();
        assertThat(catalog.all()).extracting(Dataset::id).containsExactly("iris");
        assertThat(catalog.problems()).isEmpty();
        assertThat(entries()).containsExactly("iris.csv", "iris.meta.json");
    }

    @Test
    void deleteRemovesUploadedAndOperatorDatasets() throws IOException {
        dataset("iris", IRIS, IRIS_META);
        DatasetCatalog catalog = load();
        catalog.add("{\"name\": \"Up\", \"target\": \"species\"}", file(IRIS));
        catalog.remove("up");
        catalog.remove("iris");
        assertThat(catalog.all()).isEmpty();
        assertThat(entries()).isEmpty();
        assertThatThrownBy(() -> catalog.remove("iris"))
                .isInstanceOfSatisfying(GridException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.NOT_FOUND));
        assertThat(load().all()).isEmpty();
    }

    @Test
    void idsAreMadeFromNames() {
        assertThat(DatasetCatalog.idFor("Iris, part 1 of 3 (mostly setosa)")).isEqualTo("iris-part-1-of-3-mostly-setosa");
        assertThat(DatasetCatalog.idFor("Café Crème")).isEqualTo("cafe-creme");
        assertThat(DatasetCatalog.idFor("..hidden")).isEqualTo("hidden");
        assertThat(DatasetCatalog.idFor("x".repeat(100))).hasSize(64);
    }
}
