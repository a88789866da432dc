package org.gridplatform.server.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.gridplatform.api.InvalidRequestException;
import org.gridplatform.api.ProblemType;
import org.gridplatform.api.training.TrainingRunReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TrainingRunReaderTest {

    private static final String VALID = """
            {"run-id": "iris-20260501-1", "tags": ["#iris", "Classification", "#IRIS"], "backend": "tribuo-logistic",
             "nodes": ["alice", "bob", "carol"], "rounds": 20, "round": 3, "status": "running",
             "metrics": {"accuracy": 0.93, "loss": 0.2}}""";

    @Test
    void readsAFullReportWithTagsInDisplayFormAndWithoutDuplicates() {
        assertThat(TrainingRunReader.read(VALID)).isEqualTo(new TrainingRunReport("iris-20260501-1",
                List.of("#iris", "#classification"), "tribuo-logistic", List.of("alice", "bob", "carol"), 20, 3, "running",
                Map.of("accuracy", 0.93, "loss", 0.2)));
    }

    @Test
    void refusesJsonNestedTooDeeplyAsBadInput() {
        assertThatThrownBy(() -> TrainingRunReader.read("[".repeat(20_000) + "]".repeat(20_000)))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("nests deeper than 16 levels");
        assertThatThrownBy(() -> TrainingRunReader.read("{\"a\":".repeat(17) + "1" + "}".repeat(17)))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("nests deeper than 16 levels");
    }

    @Test
    void keepsTheMetricsInTheOrderSent() {
        TrainingRunReport report = TrainingRunReader.read("""
                {"run-id": "r", "tags": ["#iris"], "backend": "b", "rounds": 1, "round": 1, "status": "completed",
                 "metrics": {"loss": 1, "accuracy": 0, "f1-macro": -2.5e-3}}""");
        assertThat(report.metrics().keySet()).containsExactly("loss", "accuracy", "f1-macro");
        assertThat(report.metrics()).containsEntry("f1-macro", -0.0025);
    }

    @Test
    void nodesAndMetricsMayBeLeftOutOrNull() {
        for (String tail : List.of("", ", \"nodes\": null, \"metrics\": null", ", \"nodes\": [], \"metrics\": {}")) {
            TrainingRunReport report = TrainingRunReader.read("{\"run-id\": \"r-1\", \"tags\": [\"iris\"], \"backend\": \"b\", "
                    + "\"rounds\": 10000, \"round\": 0, \"status\": \"cancelled\"" + tail + "}");
            assertThat(report.nodes()).as(tail).isEmpty();
            assertThat(report.metrics()).as(tail).isEmpty();
            assertThat(report.rounds()).isEqualTo(10000);
        }
    }

    @Test
    void acceptsEveryStatusAndTheLimits() {
        for (String status : TrainingRunReport.STATUSES) {
            String runId = "a".repeat(64);
            String tags = IntStream.range(0, 32).mapToObj(i -> "\"t" + i + "\"").collect(Collectors.joining(","));
            String nodes = IntStream.range(0, 1000).mapToObj(i -> "\"n" + i + "\"").collect(Collectors.joining(","));
            String metrics = IntStream.range(0, 16).mapToObj(i -> "\"" + "m".repeat(31) + (char) ('a' + i) + "\": " + i)
                    .collect(Collectors.joining(","));
            TrainingRunReport report = TrainingRunReader.read("{\"run-id\": \"" + runId + "\", \"tags\": [" + tags + "], \"backend\": \""
                    + "b".repeat(64) + "\", \"nodes\": [" + nodes + "], \"rounds\": 1, \"round\": 1, \"status\": \"" + status
                    + "\", \"metrics\": {" + metrics + "}}");
            assertThat(report.status()).isEqualTo(status);
            assertThat(report.tags()).hasSize(32);
            assertThat(report.nodes()).hasSize(1000);
            assertThat(report.metrics()).hasSize(16);
        }
    }

    static Stream<Arguments> badReports() {
        String base = "\"run-id\": \"r\", \"tags\": [\"#iris\"], \"backend\": \"b\", \"rounds\": 20, \"round\": 3, \"status\": \"running\"";
        return Stream.of(
                Arguments.of(null, "The request body is required: a JSON object such as {\"run-id\": \"iris-1\", \"tags\": [\"#iris\"], "
                        + "\"backend\": \"tribuo-logistic\", \"rounds\": 20, \"round\": 3, \"status\": \"running\"}"),
                Arguments.of("  ", "The request body is required: a JSON object such as {\"run-id\": \"iris-1\", \"tags\": [\"#iris\"], "
                        + "\"backend\": \"tribuo-logistic\", \"rounds\": 20, \"round\": 3, \"status\": \"running\"}"),
                Arguments.of("[1]", "The request body must be a JSON object such as {\"run-id\": \"iris-1\", \"tags\": [\"#iris\"], "
                        + "\"backend\": \"tribuo-logistic\", \"rounds\": 20, \"round\": 3, \"status\": \"running\"}, not an array"),
                Arguments.of("{" + base + ", \"rund\": 4}", "Unknown field \"rund\" in the training run report; its fields are run-id, tags, "
                        + "backend, nodes, rounds, round, status and metrics"),
                Arguments.of("{\"tags\": [\"#iris\"]}", "The field 'run-id' is required: a JSON string such as \"iris-1\""),
                Arguments.of("{\"run-id\": 7}", "The field 'run-id' must be a JSON string such as \"iris-1\", not a number"),
                Arguments.of("{\"run-id\": \"iris 1\"}", "The run-id \"iris 1\" is not valid: use 1 to 64 ASCII letters, digits or '-'"),
                Arguments.of("{\"run-id\": \"" + "a".repeat(65) + "\"}",
                        "The run-id \"" + "a".repeat(40) + "...\" is not valid: use 1 to 64 ASCII letters, digits or '-'"),
                Arguments.of("{\"run-id\": \"\"}", "The run-id \"\" is not valid: use 1 to 64 ASCII letters, digits or '-'"),
                Arguments.of("{\"run-id\": \"r\"}", "The field 'tags' is required: a JSON array such as [\"#iris\"]"),
                Arguments.of("{\"run-id\": \"r\", \"tags\": \"#iris\"}",
                        "The field 'tags' must be a JSON array such as [\"#iris\"], not a string"),
                Arguments.of("{\"run-id\": \"r\", \"tags\": []}", "The field 'tags' must hold 1 to 32 tags, not 0"),
                Arguments.of("{\"run-id\": \"r\", \"tags\": [" + "\"t\",".repeat(32) + "\"t\"]}",
                        "The field 'tags' must hold 1 to 32 tags, not 33"),
                Arguments.of("{\"run-id\": \"r\", \"tags\": [\"#iris\", 5]}", "tags[1] must be a tag such as \"#iris\", not a number"),
                Arguments.of("{\"run-id\": \"r\", \"tags\": [\"#\"]}",
                        "tags[0] is blank; a tag needs at least one character after the optional '#'"),
                Arguments.of("{\"run-id\": \"r\", \"tags\": [\"#iris\"]}", "The field 'backend' is required: a JSON string such as \"tribuo-logistic\""),
                Arguments.of("{\"run-id\": \"r\", \"tags\": [\"#iris\"], \"backend\": \" \"}",
                        "The backend \" \" is not valid: use 1 to 64 printable characters, such as \"tribuo-logistic\""),
                Arguments.of("{\"run-id\": \"r\", \"tags\": [\"#iris\"], \"backend\": \"a\\u0000b\"}",
                        "The backend \"a\\u0000b\" is not valid: use 1 to 64 printable characters, such as \"tribuo-logistic\""),
                Arguments.of("{\"run-id\": \"r\", \"tags\": [\"#iris\"], \"backend\": \"" + "b".repeat(65) + "\"}",
                        "The backend \"" + "b".repeat(40) + "...\" is not valid: use 1 to 64 printable characters, such as \"tribuo-logistic\""),
                Arguments.of("{" + base + ", \"nodes\": {}}", "The field 'nodes' must be a JSON array such as [\"alice\", \"bob\"], not an object"),
                Arguments.of("{" + base + ", \"nodes\": [\"alice\", null]}", "nodes[1] must be a node id such as \"alice\", not null"),
                Arguments.of("{" + base + ", \"nodes\": [\"al ice\"]}",
                        "The node id nodes[0] \"al ice\" is not valid: use 1 to 64 letters, digits, '-', '_' or '.'"),
                Arguments.of("{" + base + ", \"nodes\": [" + "\"n\",".repeat(1000) + "\"n\"]}",
                        "The field 'nodes' holds 1001 node ids; send at most 1000"),
                Arguments.of("{\"run-id\": \"r\", \"tags\": [\"#iris\"], \"backend\": \"b\"}",
                        "The field 'rounds' is required: a whole number from 1 to 10000"),
                Arguments.of("{\"run-id\": \"r\", \"tags\": [\"#iris\"], \"backend\": \"b\", \"rounds\": \"20\"}",
                        "The field 'rounds' must be a whole number from 1 to 10000, not a string"),
                Arguments.of("{\"run-id\": \"r\", \"tags\": [\"#iris\"], \"backend\": \"b\", \"rounds\": 2.5}",
                        "The field 'rounds' must be a whole number from 1 to 10000, not 2.5"),
                Arguments.of("{\"run-id\": \"r\", \"tags\": [\"#iris\"], \"backend\": \"b\", \"rounds\": 0}",
                        "The field 'rounds' must be a whole number from 1 to 10000, not 0"),
                Arguments.of("{\"run-id\": \"r\", \"tags\": [\"#iris\"], \"backend\": \"b\", \"rounds\": 10001}",
                        "The field 'rounds' must be a whole number from 1 to 10000, not 10001"),
                Arguments.of("{\"run-id\": \"r\", \"tags\": [\"#iris\"], \"backend\": \"b\", \"rounds\": 1e30}",
                        "The field 'rounds' must be a whole number from 1 to 10000, not 1E+30"),
                Arguments.of("{\"run-id\": \"r\", \"tags\": [\"#iris\"], \"backend\": \"b\", \"rounds\": 20}",
                        "The field 'round' is required: a whole number from 0 to 'rounds' (20)"),
                Arguments.of("{\"run-id\": \"r\", \"tags\": [\"#iris\"], \"backend\": \"b\", \"rounds\": 20, \"round\": 21}",
                        "The field 'round' must be a whole number from 0 to 'rounds' (20), not 21"),
                Arguments.of("{\"run-id\": \"r\", \"tags\": [\"#iris\"], \"backend\": \"b\", \"rounds\": 20, \"round\": -1}",
                        "The field 'round' must be a whole number from 0 to 'rounds' (20), not -1"),
                Arguments.of("{\"run-id\": \"r\", \"tags\": [\"#iris\"], \"backend\": \"b\", \"rounds\": 20, \"round\": 3}",
                        "The field 'status' is required: a JSON string such as \"running\""),
                Arguments.of("{\"run-id\": \"r\", \"tags\": [\"#iris\"], \"backend\": \"b\", \"rounds\": 20, \"round\": 3, \"status\": \"RUNNING\"}",
                        "The status \"RUNNING\" is not valid: use one of running, completed, cancelled, failed"),
                Arguments.of("{" + base + ", \"metrics\": [0.9]}",
                        "The field 'metrics' must be a JSON object of names to numbers, such as {\"accuracy\": 0.93, \"loss\": 0.2}, not an array"),
                Arguments.of("{" + base + ", \"metrics\": {" + IntStream.range(0, 17).mapToObj(i -> "\"m" + i + "\": 1")
                        .collect(Collectors.joining(",")) + "}}", "The field 'metrics' holds 17 metrics; send at most 16"),
                Arguments.of("{" + base + ", \"metrics\": {\"Accuracy\": 0.9}}",
                        "The metric name \"Accuracy\" is not valid: use 1 to 32 of a-z, 0-9 and '-', such as \"accuracy\""),
                Arguments.of("{" + base + ", \"metrics\": {\"\": 0.9}}",
                        "The metric name \"\" is not valid: use 1 to 32 of a-z, 0-9 and '-', such as \"accuracy\""),
                Arguments.of("{" + base + ", \"metrics\": {\"accuracy\": \"0.9\"}}",
                        "The metric \"accuracy\" must be a finite JSON number, such as 0.93, not a string"),
                Arguments.of("{" + base + ", \"metrics\": {\"loss\": null}}",
                        "The metric \"loss\" must be a finite JSON number, such as 0.93, not null"),
                Arguments.of("{" + base + ", \"metrics\": {\"loss\": 1e400}}",
                        "The metric \"loss\" must be a finite JSON number, such as 0.93, not a number beyond the range of a double"));
    }

    @Test
    void refusesJsonThatDoesNotParseSayingWhere() {
        assertThatThrownBy(() -> TrainingRunReader.read("{\"run-id\": \"r\",\n \"tags\": [\"#iris\" \"#wine\"]}"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageMatching("The request body is not valid JSON at line 2, column \\d+; send a JSON object such as \\{.*\\}");
    }

    @ParameterizedTest
    @MethodSource("badReports")
    void refusesABadReportSayingWhatToFix(String body, String detail) {
        assertThatThrownBy(() -> TrainingRunReader.read(body))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.type()).isEqualTo(ProblemType.INVALID_REQUEST);
                    assertThat(e.getMessage()).isEqualTo(detail);
                });
    }
}
