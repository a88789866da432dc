package org.gridplatform.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gridplatform.api.ColumnInfo;
import org.gridplatform.api.DatasetInfo;
import org.gridplatform.api.GridException;
import org.gridplatform.api.TagQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetCatalogTest {

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

    @Test
    void readsShapeAndMetadataButKeepsNoValues() throws IOException {
        dataset("iris", "sepal_length,species\n5.1,setosa\n4.9,setosa\n6.3,virginica\n",
                "{\"name\": \"Iris\", \"tags\": [\"#Iris\", \"flowers\"], \"description\": \"d\", \"target\": \"species\"}");
        DatasetInfo info = load().get("iris").info();
        assertThat(info).isEqualTo(new DatasetInfo("iris", "Iris", List.of("#iris", "#flowers"), "d", "species", 3,
                List.of(new ColumnInfo("sepal_length", "numeric"), new ColumnInfo("species", "text"))));
    }

    @Test
    void matchesQueriesPerDatasetWithAndSemantics() throws IOException {
        dataset("a", "x\n1\n", "{\"tags\": [\"#iris\", \"#classification\"]}");
        dataset("b", "x\n1\n", "{\"tags\": [\"#wine\"]}");
        DatasetCatalog catalog = load();
        assertThat(catalog.holds(TagQuery.of(List.of("#IRIS", "classification")))).isTrue();
        assertThat(catalog.holds(TagQuery.of(List.of("#iris", "#wine")))).isFalse();
        assertThat(catalog.tags()).containsExactly("#classification", "#iris", "#wine");
    }

    @Test
    void aDatasetWithoutMetadataHasNoTagsAndTheFileNameAsName() throws IOException {
        dataset("plain", "x,y\n1,2\n", null);
        DatasetInfo info = load().get("plain").info();
        assertThat(info.name()).isEqualTo("plain");
        assertThat(info.tags()).isEmpty();
    }

    @Test
    void badFilesAreSkippedWithTheLineThatIsWrong() throws IOException {
        dataset("ragged", "a,b\n1,2\n3\n", "{\"tags\": [\"#x\"]}");
        dataset("target", "a,b\n1,2\n", "{\"tags\": [\"#x\"], \"target\": \"c\"}");
        dataset("meta", "a\n1\n", "{not json");
        dataset("good", "a\n1\n", "{\"tags\": [\"#x\"]}");
        DatasetCatalog catalog = load();
        assertThat(catalog.all()).extracting(d -> d.info().id()).containsExactly("good");
        assertThat(catalog.problems()).containsExactlyInAnyOrder(
                "ragged.csv: line 3 has 1 columns; the header has 2",
                "target.csv: the target column \"c\" named in the metadata is not in the header [a, b]",
                "meta.meta.json is not a JSON object with name, tags, description and target");
    }

    @Test
    void invalidTagsInMetadataAreReported() throws IOException {
        dataset("t", "a\n1\n", "{\"tags\": [\"#\"]}");
        DatasetCatalog catalog = load();
        assertThat(catalog.all()).isEmpty();
        assertThat(catalog.problems()).containsExactly(
                "t.csv: its metadata is invalid: tags[0] is blank; a tag needs at least one character after the optional '#'");
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
}
