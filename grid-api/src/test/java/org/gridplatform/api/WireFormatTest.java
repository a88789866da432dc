package org.gridplatform.api;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridplatform.api.training.EvaluationRequest;
import org.gridplatform.api.training.FeatureScaling;
import org.gridplatform.api.training.SchemaWire;
import org.gridplatform.api.training.TrainingPlanAnswer;
import org.gridplatform.api.training.TrainingPlanRequest;
import org.gridplatform.api.training.TrainingRun;
import org.gridplatform.api.training.TrainingRunList;
import org.gridplatform.api.training.TrainingRunReport;
import org.gridplatform.api.training.TrainingStepAnswer;
import org.gridplatform.api.training.TrainingStepRequest;
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

    @Test
    void trainingPlansUseHyphenatedNames() {
        TrainingPlanRequest plan = JSONB.fromJson("""
                {"tags": ["#iris"], "backend": "tribuo-logistic", "settings": {"epochs": 1},
                 "schema": {"task": "classification", "features": ["a"], "labels": ["x", "y"], "target": "t"},
                 "scaling": {"a": {"offset": 1, "scale": 2}}}""", TrainingPlanRequest.class);
        assertThat(plan.tags()).containsExactly("#iris");
        assertThat(plan.dataset()).isNull();
        assertThat(plan.schema()).isEqualTo(new SchemaWire("classification", List.of("a"), List.of("x", "y"), "t"));
        assertThat(plan.scaling()).containsEntry("a", new FeatureScaling(1, 2));

        TrainingPlanAnswer answer = new TrainingPlanAnswer("0f8e3c1e-7a52-4d0c-9a43-1f9d0e5b6c7a", Instant.parse("2026-05-01T11:00:00Z"));
        String json = "{\"expires-at\":\"2026-05-01T11:00:00Z\",\"plan-id\":\"0f8e3c1e-7a52-4d0c-9a43-1f9d0e5b6c7a\"}";
        assertThat(JSONB.toJson(answer)).isEqualTo(json);
        assertThat(JSONB.fromJson(json, TrainingPlanAnswer.class)).isEqualTo(answer);
    }

    @Test
    void stepsAndEvaluationsReadAndWriteBothForms() {
        TrainingStepRequest byPlan = JSONB.fromJson("{\"plan-id\": \"p-1\", \"parameters\": [[1, 2]]}", TrainingStepRequest.class);
        assertThat(byPlan.planId()).isEqualTo("p-1");
        assertThat(byPlan.parameters()).isDeepEqualTo(new double[][] {{1, 2}});
        assertThat(byPlan.schema()).isNull();
        assertThat(byPlan.backend()).isNull();
        assertThat(JSONB.toJson(TrainingStepRequest.forPlan("p-1", null, new double[][] {{1, 2}})))
                .isEqualTo("{\"parameters\":[[1.0,2.0]],\"plan-id\":\"p-1\"}");

        TrainingStepRequest full = JSONB.fromJson("{\"dataset\": \"iris\", \"backend\": \"b\", \"parameters\": [[0]]}",
                TrainingStepRequest.class);
        assertThat(full.planId()).isNull();
        assertThat(full.dataset()).isEqualTo("iris");

        EvaluationRequest evaluation = JSONB.fromJson("{\"plan-id\": \"p-2\", \"parameters\": [[3]]}", EvaluationRequest.class);
        assertThat(evaluation.planId()).isEqualTo("p-2");
        assertThat(JSONB.toJson(EvaluationRequest.forPlan("p-2", new double[][] {{3}})))
                .isEqualTo("{\"parameters\":[[3.0]],\"plan-id\":\"p-2\"}");
    }

    @Test
    void stepsEvaluationsAndAnswersCarryPackedParameters() {
        assertThat(JSONB.toJson(TrainingStepRequest.forPlanPacked("p-1", null, new double[][] {{1, 2}})))
                .isEqualTo("{\"packed-parameters\":\"AAAAAAAA8D8AAAAAAAAAQA==\",\"plan-id\":\"p-1\"}");
        assertThat(JSONB.toJson(EvaluationRequest.forPlanPacked("p-2", new double[][] {{3}})))
                .isEqualTo("{\"packed-parameters\":\"AAAAAAAACEA=\",\"plan-id\":\"p-2\"}");
        TrainingStepRequest step = JSONB.fromJson("{\"plan-id\": \"p-1\", \"packed-parameters\": \"AAAAAAAACEA=\"}",
                TrainingStepRequest.class);
        assertThat(step.packedParameters()).isEqualTo("AAAAAAAACEA=");
        assertThat(step.parameters()).isNull();
        assertThat(JSONB.fromJson("{\"packed-parameters\": \"AAAAAAAACEA=\"}", EvaluationRequest.class).packedParameters())
                .isEqualTo("AAAAAAAACEA=");

        TrainingStepAnswer packed = TrainingStepAnswer.packed(new double[][] {{1, 2}}, 72, Map.of("loss", 0.5), 12);
        String json = "{\"duration-ms\":12,\"examples\":72,\"metrics\":{\"loss\":0.5},"
                + "\"packed-parameters\":\"AAAAAAAA8D8AAAAAAAAAQA==\"}";
        assertThat(JSONB.toJson(packed)).isEqualTo(json);
        TrainingStepAnswer read = JSONB.fromJson(json, TrainingStepAnswer.class);
        assertThat(read.parameters()).isNull();
        assertThat(read.parameters(1, 2)).isDeepEqualTo(new double[][] {{1, 2}});
        TrainingStepAnswer arrays = JSONB.fromJson("{\"duration-ms\":12,\"examples\":72,\"parameters\":[[1.0,2.0]]}",
                TrainingStepAnswer.class);
        assertThat(arrays.parameters(1, 2)).isDeepEqualTo(new double[][] {{1, 2}});
        assertThat(JSONB.toJson(arrays)).isEqualTo("{\"duration-ms\":12,\"examples\":72,\"parameters\":[[1.0,2.0]]}");
    }
}
