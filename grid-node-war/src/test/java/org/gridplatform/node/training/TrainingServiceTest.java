package org.gridplatform.node.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.bind.Jsonb;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gridplatform.api.GridException;
import org.gridplatform.api.InvalidRequestException;
import org.gridplatform.api.ProblemType;
import org.gridplatform.node.data.LoadedDataset;
import org.gridplatform.server.StrictJsonb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.gridplatform.api.training.TrainingStepRequest;
import org.gridplatform.api.training.TrainingStepAnswer;
import org.gridplatform.api.training.EvaluationRequest;
import org.gridplatform.api.training.EvaluationAnswer;
import org.gridplatform.api.training.SchemaWire;
import org.gridplatform.api.training.FeatureScaling;
import org.gridplatform.api.training.PackedParameters;
import org.gridplatform.api.training.TrainingPlanAnswer;
import org.gridplatform.api.training.TrainingPlanRequest;

/** The service with the real Tribuo backends, found by ServiceLoader, and a fake catalog. */
class TrainingServiceTest {

    private static final SchemaWire IRIS = new SchemaWire("classification",
            List.of("sepal_length", "sepal_width", "petal_length", "petal_width"), List.of("setosa", "versicolor", "virginica"),
            "species");
    private static final Map<String, FeatureScaling> SCALING = Map.of("sepal_length", new FeatureScaling(6, 1),
            "petal_length", new FeatureScaling(3.5, 2));

    @TempDir
    Path dir;

    private TrainingPool pool;
    private TrainingService service;
    private LoadedDataset flowers;
    private AlignedDataCache cache;
    private TrainingPlans plans;

    @BeforeEach
    void start() throws IOException {
        flowers = TrainingFixtures.flowers(dir);
        LoadedDataset two = TrainingFixtures.twoLabels(dir);
        TrainingBackends backends = TrainingBackends.load(getClass().getClassLoader(),
                f -> TrainingFixtures.config("grid.training." + f.name(), Map.of("epochs", "2")));
        pool = new TrainingPool(2, 2, Duration.ofMinutes(1), getClass().getClassLoader());
        cache = new AlignedDataCache(1 << 24);
        plans = new TrainingPlans(8, Duration.ofMinutes(30), java.time.Clock.systemUTC());
        service = new TrainingService(TrainingFixtures.catalog(Map.of("flowers", flowers, "two", two),
                Map.of("flowers", List.of("#iris", "#flowers"), "two", List.of("#toy"))), backends, pool, cache, plans);
    }

    @AfterEach
    void stop() {
        pool.close();
    }

    private static double[][] zeros(int rows, int columns) {
        return new double[rows][columns];
    }

    private static TrainingStepRequest step(Map<String, Object> settings) {
        return new TrainingStepRequest("flowers", null, "tribuo-logistic", settings, IRIS, SCALING, zeros(3, 5));
    }

    @Test
    void theSameRequestGivesTheSameUpdate() {
        Map<String, Object> settings = Map.of("epochs", new java.math.BigDecimal(3), "learning-rate", "0.3", "seed", 7);

        TrainingStepAnswer first = service.step(step(settings));
        TrainingStepAnswer second = service.step(step(settings));

        assertThat(first.parameters()).isDeepEqualTo(second.parameters());
        assertThat(first.metrics()).isEqualTo(second.metrics());
        assertThat(first.examples()).isEqualTo(flowers.trainRows().length);
        assertThat(first.parameters()).hasDimensions(3, 5);
        assertThat(first.parameters()[0]).isNotEqualTo(new double[5]);
        assertThat(first.metrics()).containsKeys("loss", "accuracy");
    }

    @Test
    void anotherSeedGivesAnotherUpdate() {
        TrainingStepAnswer one = service.step(step(Map.of("seed", 1)));
        TrainingStepAnswer other = service.step(step(Map.of("seed", 2)));

        assertThat(one.parameters()).isNotEqualTo(other.parameters());
    }

    @Test
    void requestSettingsOverrideTheConfiguredDefaults() {
        TrainingStepAnswer none = service.step(step(Map.of("epochs", 0)));

        assertThat(none.parameters()).isDeepEqualTo(zeros(3, 5));
        // The node's configured epochs (2) apply when the request names none, and differ from 1.
        assertThat(service.step(step(Map.of())).parameters()).isDeepEqualTo(service.step(step(Map.of("epochs", 2))).parameters());
        assertThat(service.step(step(Map.of())).parameters()).isNotEqualTo(service.step(step(Map.of("epochs", 1))).parameters());
    }

    @Test
    void refusesUnknownSettingsListingTheBackendsKeys() {
        assertThatThrownBy(() -> service.step(step(Map.of("epoch", 1, "rate", "0.1"))))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("The backend tribuo-logistic has no settings epoch, rate; its settings are epochs, l2,"
                        + " learning-rate, minibatch-size, optimiser, seed");
    }

    @Test
    void refusesSettingsAndScalingWithoutNamesAsJsonbReadsThemFromEntryArrays() {
        Jsonb jsonb = new StrictJsonb().getContext(TrainingPlanRequest.class);
        TrainingPlanRequest settings = jsonb.fromJson("{\"dataset\": \"flowers\", \"backend\": \"tribuo-logistic\", \"settings\": [1]}",
                TrainingPlanRequest.class);
        TrainingPlanRequest scaling = jsonb.fromJson("{\"scaling\": [{\"key\": null, \"value\": {\"offset\": 0, \"scale\": 1}}]}",
                TrainingPlanRequest.class);
        assertThat(settings.settings()).containsKey(null);
        assertThat(scaling.scaling()).containsKey(null);

        java.util.HashMap<String, Object> nameless = new java.util.HashMap<>();
        nameless.put(null, 1);
        assertThatThrownBy(() -> service.step(step(nameless))).isInstanceOf(InvalidRequestException.class)
                .hasMessage("settings has an entry without a name: write the settings as a JSON object of names and values,"
                        + " such as {\"epochs\": 5}");
        assertThatThrownBy(() -> service.register(plan(nameless))).isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("settings has an entry without a name");
        java.util.HashMap<String, FeatureScaling> unnamed = new java.util.HashMap<>();
        unnamed.put(null, new FeatureScaling(0, 1));
        assertThatThrownBy(() -> service.step(new TrainingStepRequest("flowers", null, "tribuo-logistic", null, IRIS, unnamed,
                zeros(3, 5)))).isInstanceOf(InvalidRequestException.class)
                .hasMessage("scaling has an entry without a feature name: write it as a JSON object by feature, such as"
                        + " {\"sepal_length\": {\"offset\": 5.8, \"scale\": 0.83}}");
    }

    @Test
    void refusesASettingItsKeyCannotParse() {
        assertThatThrownBy(() -> service.step(step(Map.of("epochs", "many"))))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("settings.epochs is \"many\": not an integer (");
    }

    @Test
    void refusesASettingTheBackendFindsOutOfRange() {
        assertThatThrownBy(() -> service.step(step(Map.of("learning-rate", -1))))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("learning-rate is -1: use a positive number, such as 0.1");
    }

    @Test
    void refusesAnUnknownBackendListingTheAvailableOnes() {
        assertThatThrownBy(() -> service.step(new TrainingStepRequest("flowers", null, "sklearn", null, IRIS, null, zeros(3, 5))))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("There is no training backend named \"sklearn\" on this node; available: tribuo-linear, tribuo-logistic");
    }

    @Test
    void refusesARegressionBackendForAClassificationSchema() {
        assertThatThrownBy(() -> service.step(new TrainingStepRequest("flowers", null, "tribuo-linear", null, IRIS, null,
                zeros(3, 5))))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("The backend tribuo-linear trains regression models but the schema is for classification:"
                        + " choose a classification backend");
    }

    @Test
    void refusesParametersOfTheWrongShape() {
        assertThatThrownBy(() -> service.step(new TrainingStepRequest("flowers", null, "tribuo-logistic", null, IRIS, null,
                zeros(3, 4))))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("Row 0 of the parameters has 4 numbers; the schema needs 5 (one per feature, then the bias)");
    }

    @Test
    void refusesADatasetWithALabelTheSchemaLacks() {
        SchemaWire twoLabels = new SchemaWire("classification", List.of("setosa-ness", "sepal_length"),
                List.of("setosa", "versicolor"), "species");
        assertThatThrownBy(() -> service.step(new TrainingStepRequest("flowers", null, "tribuo-logistic", null, twoLabels,
                null, zeros(2, 3))))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("The dataset 'flowers' has the label 'virginica' that the schema does not list; add it to the"
                        + " schema's labels");
    }

    @Test
    void needsExactlyOneOfDatasetAndTags() {
        String detail = "Select the data with exactly one of 'dataset' (a dataset id) and 'tags' (such as [\"#iris\"])";
        assertThatThrownBy(() -> service.step(new TrainingStepRequest(null, null, "tribuo-logistic", null, IRIS, null,
                zeros(3, 5)))).hasMessage(detail);
        assertThatThrownBy(() -> service.step(new TrainingStepRequest("flowers", List.of("#iris"), "tribuo-logistic", null,
                IRIS, null, zeros(3, 5)))).hasMessage(detail);
    }

    @Test
    void selectsDatasetsByTags() {
        TrainingStepRequest byTags = new TrainingStepRequest(null, List.of("iris", "#FLOWERS"), "tribuo-logistic",
                Map.of("seed", 3), IRIS, SCALING, zeros(3, 5));
        TrainingStepRequest byId = new TrainingStepRequest("flowers", null, "tribuo-logistic", Map.of("seed", 3), IRIS,
                SCALING, zeros(3, 5));

        assertThat(service.step(byTags).parameters()).isDeepEqualTo(service.step(byId).parameters());
        assertThatThrownBy(() -> service.step(new TrainingStepRequest(null, List.of("#cars"), "tribuo-logistic", null, IRIS,
                null, zeros(3, 5))))
                .isInstanceOfSatisfying(GridException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.NOT_FOUND))
                .hasMessage("No dataset on this node carries every tag of [#cars]; see GET /datasets");
    }

    @Test
    void refusesScalingOfFeaturesOutsideTheSchemaOrWithAZeroScale() {
        assertThatThrownBy(() -> service.step(new TrainingStepRequest("flowers", null, "tribuo-logistic", null, IRIS,
                Map.of("colour", new FeatureScaling(0, 1)), zeros(3, 5))))
                .hasMessage("scaling names colour, which the schema's features do not list: scale only schema features");
        assertThatThrownBy(() -> service.step(new TrainingStepRequest("flowers", null, "tribuo-logistic", null, IRIS,
                Map.of("sepal_length", new FeatureScaling(0, 0)), zeros(3, 5))))
                .hasMessage("scaling.sepal_length needs a finite offset and a positive finite scale, such as"
                        + " {\"offset\": 5.8, \"scale\": 0.83}");
    }

    @Test
    void evaluatesOnTheHeldOutRowsAndAnswersAggregatesOnly() {
        TrainingStepAnswer trained = service.step(step(Map.of("epochs", 5)));

        EvaluationAnswer evaluation = service.evaluate(new EvaluationRequest("flowers", null, "tribuo-logistic", IRIS, SCALING,
                trained.parameters()));

        assertThat(evaluation.examples()).isEqualTo(flowers.heldOutRows().length);
        assertThat(evaluation.metrics()).containsOnlyKeys("loss", "accuracy");
        assertThat(evaluation.metrics().get("accuracy")).isGreaterThan(0.9);
    }

    @Test
    void readsTheWireFormatWithTheServersStrictJsonb() {
        Jsonb jsonb = new StrictJsonb().getContext(TrainingStepRequest.class);
        String json = """
                {"dataset": "flowers", "backend": "tribuo-logistic",
                 "settings": {"epochs": 1, "learning-rate": "0.3", "seed": 42},
                 "schema": {"task": "classification", "features": ["sepal_length", "sepal_width", "petal_length", "petal_width"],
                            "labels": ["setosa", "versicolor", "virginica"], "target": "species"},
                 "scaling": {"sepal_length": {"offset": 6, "scale": 1}},
                 "parameters": [[0,0,0,0,0],[0,0,0,0,0],[0,0,0,0,0]]}""";

        TrainingStepRequest request = jsonb.fromJson(json, TrainingStepRequest.class);
        TrainingStepAnswer answer = service.step(request);
        String out = jsonb.toJson(answer);

        assertThat(request.tags()).isNull();
        assertThat(request.scaling().get("sepal_length")).isEqualTo(new FeatureScaling(6, 1));
        assertThat(out).contains("\"duration-ms\":").contains("\"examples\":72").contains("\"parameters\":[[");
        assertThat(answer).isNotNull();
        Map<String, Object> settings = new HashMap<>(request.settings());
        assertThat(settings).containsKeys("epochs", "learning-rate", "seed");
    }

    // ---------------------------------------------------------------- packed parameters

    private static double[][] someParameters() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        double[][] parameters = new double[3][5];
        for (double[] row : parameters) {
            for (int j = 0; j < row.length; j++) {
                row[j] = random.nextGaussian() * 0.1;
            }
        }
        return parameters;
    }

    private static TrainingStepRequest packedStep(Map<String, Object> settings, double[][] parameters) {
        return new TrainingStepRequest("flowers", null, "tribuo-logistic", settings, IRIS, SCALING, null, null,
                PackedParameters.encode(parameters));
    }

    @Test
    void packedParametersGiveTheUpdateAndMetricsTheArraysGiveAndComeBackPacked() {
        Map<String, Object> settings = Map.of("epochs", 3, "learning-rate", "0.3", "seed", 7);
        double[][] start = someParameters();

        TrainingStepAnswer arrays = service.step(new TrainingStepRequest("flowers", null, "tribuo-logistic", settings, IRIS,
                SCALING, start));
        TrainingStepAnswer packed = service.step(packedStep(settings, start));

        assertThat(arrays.packedParameters()).as("an array request is answered with arrays").isNull();
        assertThat(packed.parameters()).as("a packed request is answered packed").isNull();
        assertThat(packed.packedParameters()).isEqualTo(PackedParameters.encode(arrays.parameters()));
        assertThat(packed.parameters(3, 5)).isDeepEqualTo(arrays.parameters());
        assertThat(packed.metrics()).isEqualTo(arrays.metrics());
        assertThat(packed.examples()).isEqualTo(arrays.examples());

        EvaluationAnswer evaluatedArrays = service.evaluate(new EvaluationRequest("flowers", null, "tribuo-logistic", IRIS,
                SCALING, arrays.parameters()));
        EvaluationAnswer evaluatedPacked = service.evaluate(new EvaluationRequest("flowers", null, "tribuo-logistic", IRIS,
                SCALING, null, null, packed.packedParameters()));
        assertThat(evaluatedPacked.metrics()).isEqualTo(evaluatedArrays.metrics());
        assertThat(evaluatedPacked.examples()).isEqualTo(evaluatedArrays.examples());
    }

    @Test
    void thePlanFormTakesPackedParametersToo() {
        String planId = service.register(plan(Map.of("epochs", 3, "seed", 7))).planId();
        double[][] start = someParameters();

        TrainingStepAnswer packed = service.step(TrainingStepRequest.forPlanPacked(planId, null, start));
        TrainingStepAnswer arrays = service.step(TrainingStepRequest.forPlan(planId, null, start));

        assertThat(packed.parameters(3, 5)).isDeepEqualTo(arrays.parameters());
        assertThat(service.evaluate(EvaluationRequest.forPlanPacked(planId, arrays.parameters())).metrics())
                .isEqualTo(service.evaluate(EvaluationRequest.forPlan(planId, arrays.parameters())).metrics());
    }

    @Test
    void refusesPackedParametersOfTheWrongLengthNamingTheCountTheSchemaNeeds() {
        assertThatThrownBy(() -> service.step(packedStep(null, zeros(3, 4)))).isInstanceOf(InvalidRequestException.class)
                .hasMessage("packed-parameters holds 96 bytes; 3 rows of 5 need 15 numbers, 120 bytes as little-endian float64"
                        + " (8 bytes a number, row after row)");
        assertThatThrownBy(() -> service.evaluate(new EvaluationRequest("flowers", null, "tribuo-logistic", IRIS, null, null,
                null, "not base64!"))).isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("packed-parameters is not base64 with the standard alphabet");
        assertThatThrownBy(() -> service.step(packedStep(null, new double[0][]))).isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("packed-parameters holds 0 bytes; 3 rows of 5 need 15 numbers");
    }

    @Test
    void refusesNotFiniteNumbersPackedAsTheArrayFormDoes() {
        double[][] infinite = zeros(3, 5);
        infinite[1][2] = Double.POSITIVE_INFINITY;
        double[][] nan = zeros(3, 5);
        nan[2][4] = Double.NaN;

        assertThatThrownBy(() -> service.step(new TrainingStepRequest("flowers", null, "tribuo-logistic", null, IRIS, null,
                infinite))).isInstanceOf(InvalidRequestException.class)
                .hasMessage("Row 1 of the parameters holds a number that is not finite");
        assertThatThrownBy(() -> service.step(packedStep(null, infinite))).isInstanceOf(InvalidRequestException.class)
                .hasMessage("Row 1 of the parameters holds a number that is not finite");
        assertThatThrownBy(() -> service.step(packedStep(null, nan))).isInstanceOf(InvalidRequestException.class)
                .hasMessage("Row 2 of the parameters holds a number that is not finite");
    }

    @Test
    void needsExactlyOneOfParametersAndPackedParameters() {
        assertThatThrownBy(() -> service.step(new TrainingStepRequest("flowers", null, "tribuo-logistic", null, IRIS, null,
                zeros(3, 5), null, PackedParameters.encode(zeros(3, 5))))).isInstanceOf(InvalidRequestException.class)
                .hasMessage("The request has both 'parameters' and 'packed-parameters': send the parameters once, either as rows"
                        + " of numbers or packed (base64 of little-endian float64)");
        assertThatThrownBy(() -> service.evaluate(new EvaluationRequest("flowers", null, "tribuo-logistic", IRIS, null, null)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("The field 'parameters' is required: 3 rows of 5 numbers (one per feature, then the bias); start from"
                        + " zeros. Or send them packed, as 'packed-parameters': base64 of the 15 numbers as little-endian"
                        + " float64, row after row");
    }

    @Test
    void readsPackedParametersWithTheServersStrictJsonbAndWritesThemBack() {
        Jsonb jsonb = new StrictJsonb().getContext(TrainingStepRequest.class);
        TrainingStepRequest request = jsonb.fromJson("""
                {"dataset": "flowers", "backend": "tribuo-logistic", "settings": {"epochs": 1, "seed": 42},
                 "schema": {"task": "classification", "features": ["sepal_length", "sepal_width", "petal_length", "petal_width"],
                            "labels": ["setosa", "versicolor", "virginica"], "target": "species"},
                 "packed-parameters": "%s"}""".formatted(PackedParameters.encode(zeros(3, 5))), TrainingStepRequest.class);

        String out = jsonb.toJson(service.step(request));

        assertThat(out).contains("\"packed-parameters\":\"").doesNotContain("\"parameters\"");
        assertThatThrownBy(() -> jsonb.fromJson("{\"packed-parameters\": [1, 2]}", TrainingStepRequest.class))
                .isInstanceOf(jakarta.json.bind.JsonbException.class);
    }

    // ---------------------------------------------------------------- plans

    private static TrainingPlanRequest plan(Map<String, Object> settings) {
        return new TrainingPlanRequest("flowers", null, "tribuo-logistic", settings, IRIS, SCALING);
    }

    private static final String UNKNOWN_PLAN = "0f8e3c1e-7a52-4d0c-9a43-1f9d0e5b6c7a";

    @Test
    void aStepAndAnEvaluationWithAPlanGiveWhatTheFullRequestsGive() {
        Map<String, Object> settings = Map.of("epochs", 3, "learning-rate", "0.3", "seed", 7);
        TrainingPlanAnswer plan = service.register(plan(settings));

        TrainingStepAnswer byPlan = service.step(TrainingStepRequest.forPlan(plan.planId(), null, zeros(3, 5)));
        TrainingStepAnswer full = service.step(step(settings));

        assertThat(byPlan.parameters()).isDeepEqualTo(full.parameters());
        assertThat(byPlan.metrics()).isEqualTo(full.metrics());
        assertThat(byPlan.examples()).isEqualTo(flowers.trainRows().length);
        EvaluationAnswer evaluatedByPlan = service.evaluate(EvaluationRequest.forPlan(plan.planId(), full.parameters()));
        EvaluationAnswer evaluated = service.evaluate(new EvaluationRequest("flowers", null, "tribuo-logistic", IRIS, SCALING,
                full.parameters()));
        assertThat(evaluatedByPlan.examples()).isEqualTo(evaluated.examples()).isEqualTo(flowers.heldOutRows().length);
        assertThat(evaluatedByPlan.metrics()).isEqualTo(evaluated.metrics());
    }

    @Test
    void registeringAPlanAlignsTheDataOnceForEveryRound() {
        TrainingPlanAnswer plan = service.register(new TrainingPlanRequest(null, List.of("#iris"), "tribuo-logistic", null,
                IRIS, SCALING));

        assertThat(cache.size()).as("aligned at registration").isEqualTo(1);
        assertThat(plan.expiresAt()).isAfter(java.time.Instant.now().plus(Duration.ofMinutes(29)));
        service.step(TrainingStepRequest.forPlan(plan.planId(), null, zeros(3, 5)));
        service.evaluate(EvaluationRequest.forPlan(plan.planId(), zeros(3, 5)));
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void aStepsSettingsOverrideThePlansKeyByKey() {
        TrainingPlanAnswer plan = service.register(plan(Map.of("epochs", 3, "seed", 7)));

        TrainingStepAnswer overridden = service.step(TrainingStepRequest.forPlan(plan.planId(), Map.of("seed", 8), zeros(3, 5)));

        assertThat(overridden.parameters()).isDeepEqualTo(service.step(step(Map.of("epochs", 3, "seed", 8))).parameters());
        assertThatThrownBy(() -> service.step(TrainingStepRequest.forPlan(plan.planId(), Map.of("epoch", 1), zeros(3, 5))))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("The backend tribuo-logistic has no setting epoch; its settings are ");
    }

    @Test
    void aRequestIsEitherThePlanFormOrTheFullForm() {
        String planId = service.register(plan(null)).planId();

        assertThatThrownBy(() -> service.step(new TrainingStepRequest("flowers", null, "tribuo-logistic", null, IRIS, null,
                zeros(3, 5), planId)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("A request with 'plan-id' takes the data selection, backend, schema and scaling from its plan, but"
                        + " this one also has 'dataset', 'backend', 'schema': send either 'plan-id' and 'parameters' or"
                        + " 'packed-parameters' (and optional 'settings'), or the full request without 'plan-id'");
        assertThatThrownBy(() -> service.evaluate(new EvaluationRequest(null, List.of("#iris"), null, null, SCALING,
                zeros(3, 5), planId)))
                .hasMessageContaining("but this one also has 'tags', 'scaling': send either");
        assertThatThrownBy(() -> service.step(TrainingStepRequest.forPlan(planId, null, zeros(3, 4))))
                .hasMessage("Row 0 of the parameters has 4 numbers; the schema needs 5 (one per feature, then the bias)");
        assertThatThrownBy(() -> service.step(TrainingStepRequest.forPlan(planId, null, null)))
                .hasMessageStartingWith("The field 'parameters' is required: 3 rows of 5 numbers");
    }

    @Test
    void anUnknownOrDroppedPlanIsA404ThatSaysToRegisterItAgain() {
        String detail = "This node holds no training plan %s: it was dropped, unused for 30 min"
                + " (grid.node.training.plan-idle-expiry), displaced by newer plans, or the node restarted; register the plan"
                + " again with POST /training/plans and use the new plan-id";
        assertThatThrownBy(() -> service.step(TrainingStepRequest.forPlan(UNKNOWN_PLAN, null, zeros(3, 5))))
                .isInstanceOfSatisfying(GridException.class, e -> {
                    assertThat(e.type()).isEqualTo(ProblemType.UNKNOWN_TRAINING_PLAN);
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.type().uri()).isEqualTo("urn:gridplatform:problem:unknown-training-plan");
                })
                .hasMessage(detail.formatted(UNKNOWN_PLAN));

        String planId = service.register(plan(null)).planId();
        service.dropPlan(planId);

        assertThatThrownBy(() -> service.evaluate(EvaluationRequest.forPlan(planId, zeros(3, 5))))
                .isInstanceOfSatisfying(GridException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.UNKNOWN_TRAINING_PLAN))
                .hasMessage(detail.formatted(planId));
        assertThatThrownBy(() -> service.dropPlan(planId)).hasMessage(detail.formatted(planId));
        assertThat(plans.size()).isZero();
    }

    @Test
    void refusesAPlanIdTheNodeCannotHaveGiven() {
        String detail = "plan-id is not an id this node gives: send the \"plan-id\" that POST /training/plans answered, such"
                + " as \"0f8e3c1e-7a52-4d0c-9a43-1f9d0e5b6c7a\"";
        for (String id : List.of("", "../plans", UNKNOWN_PLAN.toUpperCase(java.util.Locale.ROOT), "1-1-1-1-1", UNKNOWN_PLAN + "0")) {
            assertThatThrownBy(() -> service.step(TrainingStepRequest.forPlan(id, null, zeros(3, 5))))
                    .isInstanceOf(InvalidRequestException.class).hasMessage(detail);
            assertThatThrownBy(() -> service.dropPlan(id)).isInstanceOf(InvalidRequestException.class).hasMessage(detail);
        }
    }

    @Test
    void aPlanIsCheckedAtRegistrationAndARefusedOneIsNotKept() {
        assertThatThrownBy(() -> service.register(new TrainingPlanRequest("flowers", null, "sklearn", null, IRIS, null)))
                .hasMessage("There is no training backend named \"sklearn\" on this node; available: tribuo-linear, tribuo-logistic");
        assertThatThrownBy(() -> service.register(new TrainingPlanRequest("flowers", null, "tribuo-linear", null, IRIS, null)))
                .hasMessage("The backend tribuo-linear trains regression models but the schema is for classification:"
                        + " choose a classification backend");
        assertThatThrownBy(() -> service.register(plan(Map.of("epochs", "many"))))
                .hasMessageStartingWith("settings.epochs is \"many\": not an integer (");
        // Settings that parse but that the backend refuses: every step of such a plan would fail.
        assertThatThrownBy(() -> service.register(plan(Map.of("epochs", new java.math.BigDecimal("1e9")))))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("epochs is 1000000000: use 0 to 1000 local passes");
        assertThatThrownBy(() -> service.register(plan(Map.of("learning-rate", "-1"))))
                .hasMessage("learning-rate is -1: use a positive number, such as 0.1");
        assertThatThrownBy(() -> service.register(new TrainingPlanRequest("flowers", null, "tribuo-logistic", null, null, null)))
                .hasMessageStartingWith("The field 'schema' is required");
        assertThatThrownBy(() -> service.register(new TrainingPlanRequest(null, null, "tribuo-logistic", null, IRIS, null)))
                .hasMessage("Select the data with exactly one of 'dataset' (a dataset id) and 'tags' (such as [\"#iris\"])");
        assertThatThrownBy(() -> service.register(new TrainingPlanRequest(null, List.of("#cars"), "tribuo-logistic", null,
                IRIS, null)))
                .isInstanceOfSatisfying(GridException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.NOT_FOUND));
        assertThatThrownBy(() -> service.register(new TrainingPlanRequest("flowers", null, "tribuo-logistic", null, IRIS,
                Map.of("colour", new FeatureScaling(0, 1)))))
                .hasMessage("scaling names colour, which the schema's features do not list: scale only schema features");
        // The data is aligned at registration: a dataset that does not fit the schema is refused now, not in round 1.
        SchemaWire twoLabels = new SchemaWire("classification", List.of("sepal_length"), List.of("setosa", "versicolor"),
                "species");
        assertThatThrownBy(() -> service.register(new TrainingPlanRequest("flowers", null, "tribuo-logistic", null, twoLabels,
                null)))
                .hasMessage("The dataset 'flowers' has the label 'virginica' that the schema does not list; add it to the"
                        + " schema's labels");

        assertThat(plans.size()).isZero();
    }

    @Test
    void readsThePlanFormWithTheServersStrictJsonb() {
        Jsonb jsonb = new StrictJsonb().getContext(TrainingPlanRequest.class);
        TrainingPlanRequest plan = jsonb.fromJson("""
                {"dataset": "flowers", "backend": "tribuo-logistic", "settings": {"seed": 42},
                 "schema": {"task": "classification", "features": ["sepal_length", "sepal_width", "petal_length", "petal_width"],
                            "labels": ["setosa", "versicolor", "virginica"], "target": "species"}}""", TrainingPlanRequest.class);
        TrainingPlanAnswer answer = service.register(plan);

        TrainingStepRequest step = jsonb.fromJson("{\"plan-id\": \"" + answer.planId() + "\", \"parameters\": [[0,0,0,0,0],"
                + "[0,0,0,0,0],[0,0,0,0,0]]}", TrainingStepRequest.class);

        assertThat(step.planId()).isEqualTo(answer.planId());
        assertThat(service.step(step).examples()).isEqualTo(72);
        assertThat(jsonb.toJson(answer)).startsWith("{\"expires-at\":\"").contains("\"plan-id\":\"" + answer.planId() + "\"");
        assertThatThrownBy(() -> jsonb.fromJson("{\"plan-id\": 5, \"parameters\": [[0]]}", TrainingStepRequest.class))
                .isInstanceOf(jakarta.json.bind.JsonbException.class);
    }
}
