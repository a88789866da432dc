package org.gridplatform.api;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridplatform.api.training.TrainingRun;
import org.gridplatform.api.training.TrainingRunList;
import org.gridplatform.api.training.TrainingRunReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The JSON shapes of the design are a public contract: these tests pin them. */
class WireFormatTest {

    private static final Jsonb JSONB = JsonbBuilder.create();

    @AfterAll
    static void close() throws Exception {
        JSONB.close();
    }

    @Test
    void joinRequestReadsTheDesignsJson() {
        JoinRequest join = JSONB.fromJson("{\"node-id\": \"Bob\", \"node-address\": \"http://bobnode.herokuapp.com\"}",
                JoinRequest.class);
        assertThat(join).isEqualTo(new JoinRequest("Bob", "http://bobnode.herokuapp.com"));
    }

    @Test
    void missingFieldsAreNull() {
        assertThat(JSONB.fromJson("{}", JoinRequest.class)).isEqualTo(new JoinRequest(null, null));
        assertThat(JSONB.fromJson("{}", SearchRequest.class)).isEqualTo(new SearchRequest(null));
    }

    @Test
    void searchRequestReadsTheDesignsJson() {
        assertThat(JSONB.fromJson("{\"query\": [\"#MNIST\", \"#boston-housing\"]}", SearchRequest.class).query())
                .containsExactly("#MNIST", "#boston-housing");
    }

    @Test
    void searchResponseWritesTheDesignsJson() {
        String json = JSONB.toJson(new SearchResponse(
                List.of(List.of("Bob", "http://bobnode.herokuapp.com"), List.of("Alice", "http://alicenode.herokuapp.com")),
                List.of()));
        assertThat(json).isEqualTo("{\"node-addresses\":[[\"Bob\",\"http://bobnode.herokuapp.com\"],"
                + "[\"Alice\",\"http://alicenode.herokuapp.com\"]],\"unanswered-nodes\":[]}");
    }

    @Test
    void nodeAnswersUsePyGridsContentField() {
        assertThat(JSONB.toJson(new SearchAnswer(true))).isEqualTo("{\"content\":true}");
        assertThat(JSONB.fromJson("{\"content\": false}", SearchAnswer.class).content()).isFalse();
    }

    @Test
    void nodeEntryUsesHyphenatedNames() {
        String json = JSONB.toJson(new NodeEntry("Bob", "http://h:1", Instant.parse("2026-01-02T03:04:05Z"),
                Instant.parse("2026-01-02T03:04:06Z")));
        assertThat(json).isEqualTo("{\"joined-at\":\"2026-01-02T03:04:05Z\",\"last-seen\":\"2026-01-02T03:04:06Z\","
                + "\"node-address\":\"http://h:1\",\"node-id\":\"Bob\"}");
        assertThat(JSONB.toJson(new NodeIdentity("Bob"))).isEqualTo("{\"node-id\":\"Bob\"}");
    }

    @Test
    void nodeListReadsBack() {
        String json = "{\"nodes\":[{\"joined-at\":\"2026-11-28T22:51:43.947949590Z\",\"last-seen\":\"2026-11-28T22:51:43.947949590Z\","
                + "\"node-address\":\"http://127.0.0.1:18181\",\"node-id\":\"Bob\"}]}";
        NodeList list = JSONB.fromJson(json, NodeList.class);
        assertThat(list.nodes()).containsExactly(new NodeEntry("Bob", "http://127.0.0.1:18181",
                Instant.parse("2026-11-28T22:51:43.947949590Z"), Instant.parse("2026-11-28T22:51:43.947949590Z")));
    }

    @Test
    void trainingRunReportsAndRunsUseHyphenatedNamesInTheDocumentedOrder() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("accuracy", 0.93);
        metrics.put("loss", 0.2);
        TrainingRunReport report = new TrainingRunReport("iris-1", List.of("#iris"), "tribuo-logistic", List.of("alice", "bob"),
                20, 3, TrainingRunReport.RUNNING, metrics);
        String json = "{\"run-id\":\"iris-1\",\"tags\":[\"#iris\"],\"backend\":\"tribuo-logistic\",\"nodes\":[\"alice\",\"bob\"],"
                + "\"rounds\":20,\"round\":3,\"status\":\"running\",\"metrics\":{\"accuracy\":0.93,\"loss\":0.2}";
        assertThat(JSONB.toJson(report)).isEqualTo(json + "}");
        assertThat(JSONB.fromJson(json + "}", TrainingRunReport.class)).isEqualTo(report);

        TrainingRun run = TrainingRun.of(report, Instant.parse("2026-05-01T10:00:00Z"), Instant.parse("2026-05-01T10:00:04Z"));
        String runJson = json + ",\"started-at\":\"2026-05-01T10:00:00Z\",\"updated-at\":\"2026-05-01T10:00:04Z\"}";
        assertThat(JSONB.toJson(run)).isEqualTo(runJson);
        assertThat(JSONB.fromJson("{\"runs\":[" + runJson + "]}", TrainingRunList.class)).isEqualTo(new TrainingRunList(List.of(run)));
    }
}
