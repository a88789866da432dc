package org.gridplatform.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.gridplatform.client.federated.CentralTraining;
import org.gridplatform.client.federated.FederatedTraining;
import org.gridplatform.client.federated.FederatedTrainingException;
import org.gridplatform.client.federated.RoundRecord;
import org.gridplatform.client.federated.TrainingListener;
import org.gridplatform.client.federated.TrainingResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;

/**
 * Federated training across a real gateway and three real nodes (Payara Micro processes) holding the
 * example data: iris label-skewed over alice, bob and carol (each mostly one species), and Boston
 * housing split in three. The coordinator and the {@code grid train} command line speak real HTTP;
 * a late test kills a node during a run, so the tests run in order. Each node keeps at most
 * {@value #MAX_PLANS} training plans, so that a test can displace a run's plan.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FederatedTrainingIT {

    private static final String PASSWORD = "it-owner-" + Long.toHexString(System.nanoTime());
    private static final NodeCredentials OWNER = NodeCredentials.password("owner", PASSWORD);
    private static final Map<URI, String> TOKENS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final List<String> BOSTON_NODES = List.of("alice", "bob", "carol");
    private static final int MAX_PLANS = 4;
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final String IRIS_SCHEMA = "{\"task\": \"classification\", \"features\": [\"sepal_length\", \"sepal_width\","
            + " \"petal_length\", \"petal_width\"], \"labels\": [\"setosa\", \"versicolor\", \"virginica\"], \"target\": \"species\"}";
    private static final String IRIS_PLAN = "{\"dataset\": \"iris\", \"backend\": \"tribuo-logistic\", \"settings\": {\"seed\": 3},"
            + " \"schema\": " + IRIS_SCHEMA + ", \"scaling\": {\"sepal_length\": {\"offset\": 5.8, \"scale\": 0.8}}}";
    private static final String ZEROS = "[[0,0,0,0,0],[0,0,0,0,0],[0,0,0,0,0]]";

    private static ExampleGrid grid;
    private static Path data;

    @BeforeAll
    static void boot() throws Exception {
        data = Path.of("target", "it-data", "federated").toAbsolutePath();
        copyExamplesWithBostonInThirds(data);
        // A tight search limit (60 a minute per address, bursts of 10): the runs here stay within it, the last test does not.
        grid = ExampleGrid.boot("FederatedTrainingIT", Map.of("grid.rate-limit.search", "60"),
                Map.of("grid.node.owner-password", PASSWORD, "grid.node.training.max-plans", Integer.toString(MAX_PLANS)),
                data::resolve);
    }

    @AfterAll
    static void stop() {
        if (grid != null) {
            grid.close();
        }
    }

    private static FederatedTraining.Builder training(String tag, String backend) {
        return FederatedTraining.builder(grid.gateway).tags(List.of(tag)).backend(backend).credentials(OWNER)
                .stepTimeout(Duration.ofSeconds(60));
    }

    @Test
    @Order(1)
    void irisLabelSkewedOverThreeNodesReachesAccuracyAfterTwentyRounds() throws IOException {
        TrainingResult result = training("#iris", "tribuo-logistic").rounds(20).build().run();

        assertThat(result.cancelled()).isFalse();
        assertThat(result.history()).hasSize(20).allSatisfy(round -> {
            assertThat(round.reported()).containsExactly("alice", "bob", "carol");
            assertThat(round.dropped()).isEmpty();
            assertThat(round.evaluatedExamples()).isEqualTo(30);
            assertThat(round.trainingExamples()).isEqualTo(120);
        });
        assertThat(result.plan().schema().labels()).containsExactlyInAnyOrder("setosa", "versicolor", "virginica");
        double federated = result.last().evaluation().get("accuracy");
        assertThat(federated).isGreaterThanOrEqualTo(0.93);

        // The gateway's dashboard shows the run: a summary only.
        org.awaitility.Awaitility.await("the run on the gateway's board").atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            JsonObject run = Http.okObject(Http.get(grid.gateway, "/training-runs")).getJsonArray("runs").getJsonObject(0);
            assertThat(run.getString("status")).isEqualTo("completed");
            assertThat(run.getInt("round")).isEqualTo(20);
            assertThat(run.getJsonArray("nodes")).hasSize(3);
            assertThat(run.getJsonObject("metrics").getJsonNumber("accuracy").doubleValue()).isEqualTo(federated);
        });

        // The same backend and settings on all the rows in one place, evaluated on the same held-out rows.
        CentralTraining.Result central = CentralTraining.train(CentralTraining.pool(
                        List.of(local("alice", "iris"), local("bob", "iris"), local("carol", "iris")),
                        result.plan().schema(), result.plan().scaling()),
                "tribuo-logistic", result.plan().settings(), 20);
        assertThat(central.heldOut()).isEqualTo(30);
        System.out.printf("iris: federated accuracy %.4f, central %.4f%n", federated, central.last().get("accuracy"));
        assertThat(federated).isGreaterThanOrEqualTo(central.last().get("accuracy") - 0.05);
    }

    @Test
    @Order(2)
    void theSameSeedGivesTheSameModelAndAnotherSeedAnotherSample() {
        TrainingResult first = training("#iris", "tribuo-logistic").rounds(4).fraction(0.5).minNodes(2).seed(7).build().run();
        TrainingResult again = training("#iris", "tribuo-logistic").rounds(4).fraction(0.5).minNodes(2).seed(7).build().run();
        TrainingResult other = training("#iris", "tribuo-logistic").rounds(4).fraction(0.5).minNodes(2).seed(8).build().run();

        assertThat(again.parameters()).isEqualTo(first.parameters());
        assertThat(again.history().stream().map(RoundRecord::sampled).toList())
                .isEqualTo(first.history().stream().map(RoundRecord::sampled).toList());
        assertThat(first.history()).allSatisfy(round -> assertThat(round.sampled()).hasSize(2));
        assertThat(other.parameters()).isNotEqualTo(first.parameters());
    }

    @Test
    @Order(3)
    void bostonHousingOverThreeNodesComesWithinTenPercentOfCentralTraining() throws IOException {
        TrainingResult result = training("#boston-thirds", "tribuo-linear").rounds(20).build().run();

        assertThat(result.history()).hasSize(20);
        assertThat(result.last().reported()).containsExactlyElementsOf(BOSTON_NODES);
        double federated = result.last().evaluation().get("rmse");
        List<CentralTraining.LocalDataset> copies = BOSTON_NODES.stream().map(id -> local(id, "boston-thirds")).toList();
        CentralTraining.Result central = CentralTraining.train(
                CentralTraining.pool(copies, result.plan().schema(), result.plan().scaling()), "tribuo-linear",
                result.plan().settings(), 20);
        assertThat(central.heldOut()).isEqualTo(result.last().evaluatedExamples());
        double centralRmse = central.last().get("rmse");
        System.out.printf("boston: federated RMSE %.3f, central %.3f (%.1f %%)%n", federated, centralRmse,
                100 * (federated / centralRmse - 1));
        assertThat(federated).isLessThanOrEqualTo(centralRmse * 1.10);
    }

    @Test
    @Order(4)
    void theCommandLineTrainsAndSavesATribuoModelThatPredictsFromRawValues() throws Exception {
        Path model = data.resolve("iris.tribuo");
        Files.deleteIfExists(model);
        Cli run = cli(Map.of("GRID_USER", "owner", "GRID_PASSWORD", PASSWORD), "train", "--gateway", grid.gateway.toString(), "--tags", "#iris",
                "--backend", "tribuo-logistic", "--rounds", "20", "--out", model.toString(), "--json");

        assertThat(run.exit).as(run.err).isZero();
        JsonObject json;
        try (JsonReader reader = Json.createReader(new StringReader(run.out))) {
            json = reader.readObject();
        }
        assertThat(json.getJsonArray("rounds")).hasSize(20);
        assertThat(json.getJsonObject("final").getJsonNumber("accuracy").doubleValue()).isGreaterThanOrEqualTo(0.93);
        assertThat(json.getString("model")).isEqualTo(model.toString());

        Model<Label> loaded = Model.deserializeFromFile(model).castModel(Label.class);
        List<String> lines = Files.readAllLines(ExampleGrid.examples().resolveSibling("source").resolve("iris.csv"));
        String[] header = lines.get(0).split(",");
        int right = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            ArrayExample<Label> example = new ArrayExample<>(LabelFactory.UNKNOWN_LABEL);
            for (int c = 0; c < 4; c++) {
                example.add(header[c], Double.parseDouble(cells[c]));
            }
            right += loaded.predict(example).getOutput().getLabel().equals(cells[4]) ? 1 : 0;
        }
        assertThat(right / 150.0).as("accuracy of the saved model on all 150 raw iris rows").isGreaterThanOrEqualTo(0.9);
    }

    @Test
    @Order(5)
    void theCommandLineShowsProgressAndSaysWhatIsWrongInOneLine() throws Exception {
        Cli progress = cli(Map.of("GRID_USER", "owner", "GRID_PASSWORD", PASSWORD), "train", "--gateway", grid.gateway.toString(), "--tags", "#iris",
                "--rounds", "3");
        assertThat(progress.exit).as(progress.err).isZero();
        assertThat(progress.out).contains("round 1/3  nodes 3/3  accuracy ", "round 3/3  nodes 3/3", "Final: accuracy ");

        Cli noToken = cli(Map.of(), "train", "--gateway", grid.gateway.toString(), "--tags", "#iris");
        assertThat(noToken.exit).isEqualTo(1);
        assertThat(noToken.err.strip()).startsWith("grid: ").contains("GRID_TOKEN").doesNotContain("\n", "Exception");

        Cli nothing = cli(Map.of("GRID_USER", "owner", "GRID_PASSWORD", PASSWORD), "train", "--gateway", grid.gateway.toString(), "--tags", "#no-such-data");
        assertThat(nothing.exit).isEqualTo(1);
        assertThat(nothing.err.strip()).isEqualTo("grid: No node holds a dataset tagged #no-such-data");

        Cli wrongTask = cli(Map.of("GRID_USER", "owner", "GRID_PASSWORD", PASSWORD), "train", "--gateway", grid.gateway.toString(), "--tags", "#iris",
                "--backend", "tribuo-linear");
        assertThat(wrongTask.exit).isEqualTo(1);
        assertThat(wrongTask.err.strip()).contains("tribuo-linear trains regression", "choose a classification backend");

        Cli badSetting = cli(Map.of("GRID_USER", "owner", "GRID_PASSWORD", PASSWORD), "train", "--gateway", grid.gateway.toString(), "--tags", "#iris",
                "--set", "epochs=lots");
        assertThat(badSetting.exit).isEqualTo(1);
        assertThat(badSetting.err.strip()).contains("fewer than the minimum 1", "settings.epochs");
    }

    @Test
    @Order(6)
    void aWrongTokenIsRefusedByEveryNodeAndTheRunSaysSo() {
        assertThatThrownBy(() -> FederatedTraining.builder(grid.gateway).tags(List.of("#iris")).backend("tribuo-logistic")
                .token("not-the-token").rounds(2).build().run())
                .isInstanceOf(FederatedTrainingException.class)
                .hasMessageContaining("Only 0 nodes can take part").hasMessageContaining("(401)")
                .hasMessageContaining("The token is not valid here");
    }

    @Test
    @Order(7)
    void aRunCanBeCancelledAndKeepsItsFinishedRounds() {
        AtomicReference<FederatedTraining> self = new AtomicReference<>();
        FederatedTraining training = training("#iris", "tribuo-logistic").rounds(1000).listener(new TrainingListener() {
            @Override
            public void round(RoundRecord round) {
                if (round.round() == 2) {
                    self.get().cancel();
                }
            }
        }).build();
        self.set(training);

        TrainingResult result = training.run();

        assertThat(result.cancelled()).isTrue();
        assertThat(result.history()).hasSize(2);
    }

    @Test
    @Order(8)
    void aPlanIsRegisteredOnceAndThenNamedByItsIdInStepsAndEvaluations() {
        URI alice = grid.nodes.get("alice");
        HttpResponse<String> created = operator(alice, "POST", "/training/plans", IRIS_PLAN);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonObject plan = Http.json(created.body()).asJsonObject();
        String id = plan.getString("plan-id");
        assertThat(id).matches(UUID);
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/training/plans/" + id));
        assertThat(java.time.Instant.parse(plan.getString("expires-at"))).isAfter(java.time.Instant.now().plus(Duration.ofMinutes(50)));

        // A step by plan gives what the full request gives; so does an evaluation.
        JsonObject byPlan = Http.okObject(operator(alice, "POST", "/training/steps",
                "{\"plan-id\": \"" + id + "\", \"parameters\": " + ZEROS + "}"));
        JsonObject full = Http.okObject(operator(alice, "POST", "/training/steps", IRIS_PLAN.replace("}}}",
                "}}, \"parameters\": " + ZEROS + "}")));
        assertThat(byPlan.getJsonArray("parameters")).isEqualTo(full.getJsonArray("parameters"));
        assertThat(byPlan.getJsonNumber("examples").longValue()).isEqualTo(40);
        String trained = byPlan.getJsonArray("parameters").toString();
        JsonObject evaluated = Http.okObject(operator(alice, "POST", "/training/evaluations",
                "{\"plan-id\": \"" + id + "\", \"parameters\": " + trained + "}"));
        assertThat(evaluated.getJsonNumber("examples").longValue()).isEqualTo(10);

        // Exactly one of the two forms.
        JsonObject both = GridIT.assertProblem(operator(alice, "POST", "/training/steps", "{\"plan-id\": \"" + id
                + "\", \"dataset\": \"iris\", \"parameters\": " + ZEROS + "}"), 400, "/training/steps");
        assertThat(both.getString("detail")).isEqualTo("A request with 'plan-id' takes the data selection, backend, schema and"
                + " scaling from its plan, but this one also has 'dataset': send either 'plan-id' and 'parameters' or"
                + " 'packed-parameters' (and optional 'settings'), or the full request without 'plan-id'");

        // Packed parameters over HTTP: the same update, answered packed; a wrong length is a 400 naming the count.
        String packedZeros = org.gridplatform.api.training.PackedParameters.encode(new double[3][5]);
        JsonObject packed = Http.okObject(operator(alice, "POST", "/training/steps",
                "{\"plan-id\": \"" + id + "\", \"packed-parameters\": \"" + packedZeros + "\"}"));
        assertThat(packed.containsKey("parameters")).isFalse();
        double[][] unpacked = org.gridplatform.api.training.PackedParameters.decode(packed.getString("packed-parameters"), 3, 5);
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 5; c++) {
                assertThat(unpacked[r][c]).isEqualTo(full.getJsonArray("parameters").getJsonArray(r).getJsonNumber(c).doubleValue());
            }
        }
        JsonObject short8 = GridIT.assertProblem(operator(alice, "POST", "/training/evaluations", "{\"plan-id\": \"" + id
                + "\", \"packed-parameters\": \"AAAAAAAA8D8=\"}"), 400, "/training/evaluations");
        assertThat(short8.getString("detail")).isEqualTo("packed-parameters holds 8 bytes; 3 rows of 5 need 15 numbers, 120 bytes"
                + " as little-endian float64 (8 bytes a number, row after row)");
        JsonObject twice = GridIT.assertProblem(operator(alice, "POST", "/training/steps", "{\"plan-id\": \"" + id
                + "\", \"parameters\": " + ZEROS + ", \"packed-parameters\": \"" + packedZeros + "\"}"), 400, "/training/steps");
        assertThat(twice.getString("detail")).startsWith("The request has both 'parameters' and 'packed-parameters'");

        // A dropped plan is unknown: the problem says to register it again.
        HttpResponse<String> dropped = operator(alice, "DELETE", "/training/plans/" + id, null);
        assertThat(dropped.statusCode()).isEqualTo(204);
        for (String path : List.of("/training/steps", "/training/evaluations")) {
            JsonObject unknown = GridIT.assertProblem(operator(alice, "POST", path, "{\"plan-id\": \"" + id
                    + "\", \"parameters\": " + ZEROS + "}"), 404, path);
            assertThat(unknown.getString("type")).isEqualTo("urn:gridplatform:problem:unknown-training-plan");
            assertThat(unknown.getString("title")).isEqualTo("Unknown training plan: register it again");
            assertThat(unknown.getString("detail")).isEqualTo("This node holds no training plan " + id + ": it was dropped,"
                    + " unused for 1 h (grid.node.training.plan-idle-expiry), displaced by newer plans, or the node restarted;"
                    + " register the plan again with POST /training/plans and use the new plan-id");
        }
        JsonObject again = GridIT.assertProblem(operator(alice, "DELETE", "/training/plans/" + id, null), 404,
                "/training/plans/" + id);
        assertThat(again.getString("type")).isEqualTo("urn:gridplatform:problem:unknown-training-plan");
        JsonObject notAnId = GridIT.assertProblem(operator(alice, "DELETE", "/training/plans/plan-1", null), 400,
                "/training/plans/plan-1");
        assertThat(notAnId.getString("detail")).startsWith("plan-id is not an id this node gives");

        // A plan that does not fit the node is refused at registration, and a plan needs the token like a step.
        JsonObject wrongTask = GridIT.assertProblem(operator(alice, "POST", "/training/plans",
                IRIS_PLAN.replace("tribuo-logistic", "tribuo-linear")), 400, "/training/plans");
        assertThat(wrongTask.getString("detail")).isEqualTo("The backend tribuo-linear trains regression models but the schema"
                + " is for classification: choose a classification backend");
        GridIT.assertProblem(Http.postJson(alice, "/training/plans", IRIS_PLAN), 401, "/training/plans");
    }

    @Test
    @Order(9)
    void aRunUsesOnePlanPerNodeRegistersItAgainWhenTheNodeForgetsItAndDropsItAtTheEnd() {
        Map<String, PrometheusText> before = scrapeNodes();
        List<String> displacing = new ArrayList<>();
        TrainingResult result = training("#iris", "tribuo-logistic").rounds(5).listener(new TrainingListener() {
            @Override
            public void round(RoundRecord round) {
                if (round.round() == 2) {
                    // As many new plans as alice keeps: the run's plan is displaced, as after a restart or an expiry.
                    for (int i = 0; i < MAX_PLANS; i++) {
                        HttpResponse<String> created = operator(grid.nodes.get("alice"), "POST", "/training/plans", IRIS_PLAN);
                        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
                        displacing.add(Http.json(created.body()).asJsonObject().getString("plan-id"));
                    }
                }
            }
        }).build().run();
        Map<String, PrometheusText> after = scrapeNodes();

        assertThat(result.history()).hasSize(5).allSatisfy(round -> {
            assertThat(round.reported()).containsExactly("alice", "bob", "carol");
            assertThat(round.dropped()).isEmpty();
            assertThat(round.unevaluated()).isEmpty();
        });
        for (String node : ExampleGrid.NODE_IDS) {
            boolean displaced = node.equals("alice");
            assertThat(delta(before, after, node, "grid_training_plans_total", "outcome", "ok"))
                    .as("plans registered on %s: the run's, then on alice the test's and the run's again", node)
                    .isEqualTo(displaced ? 1 + MAX_PLANS + 1 : 1);
            assertThat(delta(before, after, node, "grid_training_steps_total", "outcome", "invalid"))
                    .as("steps on %s that named an unknown plan", node).isEqualTo(displaced ? 1 : 0);
            assertThat(delta(before, after, node, "grid_training_steps_total", "outcome", "ok")).isEqualTo(5);
            assertThat(delta(before, after, node, "grid_training_evaluations_total", "outcome", "ok")).isEqualTo(5);
            assertThat(after.get(node).value("grid_training_plans_held"))
                    .as("plans left on %s after the run dropped its own", node).isEqualTo(displaced ? MAX_PLANS - 1 : 0);
        }
        assertThat(after.get("alice").value("grid_training_plans_held")).isEqualTo(MAX_PLANS - 1);
        // The run's second plan displaced the oldest of the test's; the others are still there.
        assertThat(operator(grid.nodes.get("alice"), "DELETE", "/training/plans/" + displacing.get(0), null).statusCode())
                .isEqualTo(404);
        for (String id : displacing.subList(1, MAX_PLANS)) {
            assertThat(operator(grid.nodes.get("alice"), "DELETE", "/training/plans/" + id, null).statusCode()).isEqualTo(204);
        }
    }

    @Test
    @Order(10)
    void aNodeKilledDuringARunIsDroppedAndTheRunCompletesWithTheOthers() {
        List<RoundRecord> seen = new ArrayList<>();
        TrainingResult result = training("#iris", "tribuo-logistic").rounds(8).minNodes(2)
                .stepTimeout(Duration.ofSeconds(10)).listener(new TrainingListener() {
                    @Override
                    public void round(RoundRecord round) {
                        seen.add(round);
                        if (round.round() == 3) {
                            try {
                                grid.process("carol").kill();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                    }
                }).build().run();

        assertThat(result.cancelled()).isFalse();
        assertThat(result.history()).hasSize(8);
        assertThat(result.history().subList(0, 3)).allSatisfy(r -> assertThat(r.reported()).hasSize(3));
        assertThat(result.history().subList(3, 8)).allSatisfy(r -> {
            assertThat(r.reported()).containsExactly("alice", "bob");
            assertThat(r.dropped()).containsOnlyKeys("carol");
            assertThat(r.unevaluated()).containsOnlyKeys("carol");
            assertThat(r.evaluatedExamples()).isEqualTo(20);
        });
        assertThat(result.last().evaluation()).containsKey("accuracy");
    }

    @Test
    @Order(11)
    void searchesBeyondTheGatewaysRateLimitAreRefusedWith429AndRetryAfter() {
        int refused = 0;
        for (int i = 0; i < 25; i++) {
            var response = Http.postJson(grid.gateway, "/search", "{\"query\": [\"#iris\"]}");
            if (response.statusCode() == 429) {
                refused++;
                assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                assertThat(Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
                assertThat(response.body()).contains("grid.rate-limit.search", "retry after").doesNotContain("Exception");
            } else {
                assertThat(response.statusCode()).isEqualTo(200);
            }
        }
        assertThat(refused).as("a burst of 25 against a bucket of 10").isGreaterThanOrEqualTo(10);
        assertThat(Http.okObject(Http.get(grid.gateway, "/nodes")).getJsonArray("nodes"))
                .as("other endpoints are not limited").isNotEmpty();
    }

    /** A call to a node's training endpoints with the operator token. */
    private static HttpResponse<String> operator(URI node, String method, String path, String json) {
        String token = TOKENS.computeIfAbsent(node, n -> NodeClient.signIn(n, "owner", PASSWORD).token());
        HttpRequest.Builder request = HttpRequest.newBuilder(node.resolve(path)).header("Authorization", "Bearer " + token);
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return Http.send(request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json)));
    }

    private static Map<String, PrometheusText> scrapeNodes() {
        Map<String, PrometheusText> metrics = new java.util.TreeMap<>();
        grid.nodes.forEach((id, uri) -> metrics.put(id, PrometheusText.scrape(uri)));
        return metrics;
    }

    private static double delta(Map<String, PrometheusText> before, Map<String, PrometheusText> after, String node, String name,
                                String... labels) {
        return after.get(node).value(name, labels) - before.get(node).value(name, labels);
    }

    private static CentralTraining.LocalDataset local(String node, String dataset) {
        return new CentralTraining.LocalDataset(dataset, data.resolve(node).resolve(dataset + ".csv"));
    }

    /** Copies examples/nodes into {@code root}, and gives each node a third of Boston housing tagged #boston-thirds. */
    private static void copyExamplesWithBostonInThirds(Path root) throws IOException {
        Path examples = ExampleGrid.examples();
        if (Files.exists(root)) {
            try (var walk = Files.walk(root)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        List<String> boston = Files.readAllLines(examples.resolveSibling("source").resolve("boston-housing.csv"));
        for (int n = 0; n < BOSTON_NODES.size(); n++) {
            String id = BOSTON_NODES.get(n);
            Path dir = Files.createDirectories(root.resolve(id));
            try (var files = Files.list(examples.resolve(id))) {
                for (Path file : files.toList()) {
                    Files.copy(file, dir.resolve(file.getFileName()));
                }
            }
            List<String> third = new ArrayList<>(List.of(boston.get(0)));
            for (int row = 1 + n; row < boston.size(); row += 3) {
                third.add(boston.get(row));
            }
            Files.write(dir.resolve("boston-thirds.csv"), third, StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("boston-thirds.meta.json"), """
                    {"name": "Boston housing, third %d", "tags": ["#boston-thirds", "#regression"], "target": "MEDV"}
                    """.formatted(n + 1));
        }
    }

    private record Cli(int exit, String out, String err) {
    }

    /** Runs the built {@code grid} command line (the shaded jar) as a user would, with the given environment. */
    private static Cli cli(Map<String, String> env, String... args) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("grid.dist", "target/dist"), "grid-cli.jar");
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-jar",
                jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        List.of("GRID_TOKEN", "GRID_USER", "GRID_PASSWORD", "GRID_CREDENTIALS").forEach(builder.environment()::remove);
        builder.environment().putAll(env);
        Path out = Files.createTempFile("grid-cli", ".out");
        Path err = Files.createTempFile("grid-cli", ".err");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("grid " + String.join(" ", args) + " did not finish within 3 minutes");
        }
        return new Cli(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
