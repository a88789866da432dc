package org.gridplatform.client;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import org.gridplatform.api.training.EvaluationRequest;
import org.gridplatform.api.training.FeatureScaling;
import org.gridplatform.api.training.PackedParameters;
import org.gridplatform.api.training.SchemaWire;
import org.gridplatform.api.training.TrainingPlanRequest;
import org.gridplatform.api.training.TrainingStepRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Requests written as JSON once for every node: a plan id added per node leaves the rest as it was, and what the
 * plan form saves on each round's requests, measured on Fashion-MNIST's shapes (784 features, 10 labels).
 */
class PreparedRequestTest {

    private static final Jsonb JSONB = JsonbBuilder.create();
    private static final String PLAN_ID = "0f8e3c1e-7a52-4d0c-9a43-1f9d0e5b6c7a";

    @AfterAll
    static void close() throws Exception {
        JSONB.close();
    }

    @Test
    void aPlanIdAddedToAPreparedRequestReadsBackWithTheSameParameters() {
        double[][] parameters = {{0.1, -2.5e-7, 3}, {Double.MIN_VALUE, 0, -1}};
        NodeClient.Prepared round = NodeClient.prepare(TrainingStepRequest.forPlan(null, Map.of("seed", 7), parameters));

        TrainingStepRequest alice = JSONB.fromJson(json(round.withPlan(PLAN_ID)), TrainingStepRequest.class);
        TrainingStepRequest bob = JSONB.fromJson(json(round.withPlan("another-id")), TrainingStepRequest.class);

        assertThat(alice.planId()).isEqualTo(PLAN_ID);
        assertThat(bob.planId()).isEqualTo("another-id");
        assertThat(alice.parameters()).isDeepEqualTo(parameters);
        assertThat(alice.settings()).containsOnlyKeys("seed");
        assertThat(alice.schema()).isNull();
        assertThat(json(round.withPlan(PLAN_ID))).startsWith("{\"plan-id\":\"" + PLAN_ID + "\",\"parameters\":[[");
        assertThat(json(round)).as("the prepared request itself is unchanged").doesNotContain("plan-id");
    }

    @Test
    void aPlanIdIsWrittenAsAJsonStringAndAnEmptyObjectGetsNoStrayComma() {
        NodeClient.Prepared empty = NodeClient.prepare(new LinkedHashMap<String, Object>());

        assertThat(json(empty.withPlan("a\"b\\c"))).isEqualTo("{\"plan-id\":\"a\\\"b\\\\c\"}");
        assertThat(JSONB.fromJson(json(empty.withPlan("a\"b\\c")), EvaluationRequest.class).planId()).isEqualTo("a\"b\\c");
    }

    /**
     * The bytes of one round's requests to one node, with and without a plan, for Fashion-MNIST: 784 pixel features
     * with their agreed scaling, 10 labels, the parameters 10 x 785 as the coordinator writes them (full-precision
     * doubles), the benchmark's settings.
     */
    @Test
    void thePlanFormOfARoundsRequestsIsTheParametersAndTheIdOnly() {
        SplittableRandom random = new SplittableRandom(42);
        List<String> features = new ArrayList<>();
        Map<String, FeatureScaling> scaling = new LinkedHashMap<>();
        for (int r = 0; r < 28; r++) {
            for (int c = 0; c < 28; c++) {
                String name = String.format("pixel_%02d_%02d", r, c);
                features.add(name);
                scaling.put(name, new FeatureScaling(random.nextDouble(0, 0.6), random.nextDouble(0.01, 0.45)));
            }
        }
        List<String> labels = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag",
                "Ankle boot");
        SchemaWire schema = new SchemaWire("classification", features, labels, "label");
        Map<String, Object> settings = new TreeMap<>(Map.of("epochs", "1", "l2", "0.0", "learning-rate", "0.3",
                "minibatch-size", "1", "optimiser", "adagrad", "seed", "42"));
        double[][] parameters = new double[10][785];
        for (double[] row : parameters) {
            for (int j = 0; j < row.length; j++) {
                row[j] = random.nextGaussian() * 0.05;
            }
        }
        List<String> tags = List.of("#fashion-iid");
        String backend = "tribuo-logistic";

        int fullStep = NodeClient.prepare(new TrainingStepRequest(null, tags, backend, settings, schema, scaling, parameters)).bytes();
        int fullEvaluation = NodeClient.prepare(new EvaluationRequest(null, tags, backend, schema, scaling, parameters)).bytes();
        String planId = UUID.randomUUID().toString();
        int planStep = NodeClient.prepare(TrainingStepRequest.forPlan(null, null, parameters)).withPlan(planId).bytes();
        int planEvaluation = NodeClient.prepare(EvaluationRequest.forPlan(null, parameters)).withPlan(planId).bytes();
        int registration = NodeClient.prepare(new TrainingPlanRequest(null, tags, backend, settings, schema, scaling)).bytes();
        int parametersOnly = JSONB.toJson(Map.of("parameters", parameters)).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;

        int nodes = 10;
        long before = (long) nodes * (fullStep + fullEvaluation);
        long after = (long) nodes * (planStep + planEvaluation);
        System.out.printf(java.util.Locale.ROOT, "Fashion-MNIST shapes, per request to one node: step %,d -> %,d bytes, evaluation %,d -> %,d"
                + " bytes (parameters alone %,d); per round to %d nodes %,d -> %,d bytes (-%.1f %%); plan registration %,d bytes"
                + " once per node and run%n", fullStep, planStep, fullEvaluation, planEvaluation, parametersOnly, nodes, before, after,
                100.0 * (before - after) / before, registration);

        // A plan-form request is the parameters plus "plan-id":"<uuid>", (49 bytes) and nothing else.
        assertThat(planStep).isEqualTo(parametersOnly + 49);
        assertThat(planEvaluation).isEqualTo(parametersOnly + 49);
        // What it leaves out is what the registration carries once: selection, backend, settings, schema and scaling.
        assertThat(fullStep - planStep).isEqualTo(registration - 50);
        assertThat(fullStep - planStep).as("saved per step").isGreaterThan(60_000);

        // Packed: the 7,850 doubles as 62,800 bytes, in base64 83,736 characters, whatever their values.
        int packedStep = NodeClient.prepare(TrainingStepRequest.forPlanPacked(null, null, parameters)).withPlan(planId).bytes();
        int packedEvaluation = NodeClient.prepare(EvaluationRequest.forPlanPacked(null, parameters)).withPlan(planId).bytes();
        int packedOnly = JSONB.toJson(Map.of("packed-parameters", PackedParameters.encode(parameters)))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        long packedRound = (long) nodes * (packedStep + packedEvaluation);
        System.out.printf(java.util.Locale.ROOT, "Packed, per request to one node: step %,d bytes, evaluation %,d bytes"
                + " (packed parameters alone %,d); per round to %d nodes %,d bytes (-%.1f %% from the plan form with arrays)%n",
                packedStep, packedEvaluation, packedOnly, nodes, packedRound, 100.0 * (after - packedRound) / after);
        assertThat(packedOnly).isEqualTo("{\"packed-parameters\":\"\"}".length() + 83_736);
        assertThat(packedStep).isEqualTo(packedOnly + 49);
        assertThat(packedEvaluation).isEqualTo(packedOnly + 49);
    }

    @Test
    void aPreparedPackedRequestReadsBackBitForBitWithItsPlanId() {
        double[][] parameters = {{0.1, -2.5e-7, 3}, {Double.MIN_VALUE, -0.0, -1}};
        NodeClient.Prepared round = NodeClient.prepare(TrainingStepRequest.forPlanPacked(null, null, parameters));

        TrainingStepRequest alice = JSONB.fromJson(json(round.withPlan(PLAN_ID)), TrainingStepRequest.class);

        assertThat(json(round.withPlan(PLAN_ID))).startsWith("{\"plan-id\":\"" + PLAN_ID + "\",\"packed-parameters\":\"");
        assertThat(alice.parameters()).isNull();
        double[][] back = PackedParameters.decode(alice.packedParameters(), 2, 3);
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 3; c++) {
                assertThat(Double.doubleToRawLongBits(back[r][c])).isEqualTo(Double.doubleToRawLongBits(parameters[r][c]));
            }
        }
    }

    private static String json(NodeClient.Prepared prepared) {
        return prepared.json();
    }
}
