package org.gridplatform.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.gridplatform.api.NodeEntry;
import org.gridplatform.api.SearchResponse;
import org.gridplatform.client.launch.ServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A working grid: one gateway and the three example nodes (alice, bob, carol), each a Payara Micro
 * process running the built WARs, booted once for the whole class. Covers joining, searching
 * (including nodes that do not answer), the node endpoints, health, and a table of bad inputs
 * that both WARs must refuse with a {@code 4xx} problem.
 *
 * <p>Tests that register extra nodes (fakes) remove them again, so that every test sees the
 * three example nodes only.
 */
class GridIT {

    /** The gateway's search timeout here: short, so that the test with a slow node stays quick. */
    private static final Duration SEARCH_TIMEOUT = Duration.ofSeconds(1);

    /** The nodes' operator token: the metrics test sends a training step. */
    private static final String PASSWORD = "it-owner-" + Long.toHexString(System.nanoTime());
    private static final java.util.Map<URI, String> TOKENS = new java.util.concurrent.ConcurrentHashMap<>();

    /** @return a token of the node's owner: each node signs its own */
    private static String token(URI node) {
        return TOKENS.computeIfAbsent(node, n -> NodeClient.signIn(n, "owner", PASSWORD).token());
    }

    private static ExampleGrid grid;

    @BeforeAll
    static void boot() throws Exception {
        grid = ExampleGrid.boot("GridIT", Map.of("grid.discovery.central.search-timeout", SEARCH_TIMEOUT.toMillis() + "ms",
                        "grid.rate-limit.runs", "60"),
                Map.of("grid.node.rejoin-interval", "5s", "grid.node.owner-password", PASSWORD));
        // The first calls into a fresh server load classes; let every node have answered one search
        // through the gateway before the tests measure anything against the short search timeout.
        await("a first search answered by every node").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .untilAsserted(() -> assertThat(search("[\"#iris\"]").getJsonArray("unanswered-nodes")).isEmpty());
    }

    @AfterAll
    static void stop() {
        if (grid != null) {
            grid.close();
        }
    }

    // ---------------------------------------------------------------- joining

    @Test
    void theThreeNodesJoinedAtTheirOwnAddressesListedById() {
        HttpResponse<String> response = Http.get(grid.gateway, "/nodes");
        JsonObject body = Http.okObject(response);
        assertThat(body.keySet()).containsExactly("nodes");
        JsonArray nodes = body.getJsonArray("nodes");
        assertThat(nodes.stream().map(n -> n.asJsonObject().getString("node-id"))).containsExactly("alice", "bob", "carol");
        for (JsonValue value : nodes) {
            JsonObject node = value.asJsonObject();
            String id = node.getString("node-id");
            assertThat(node.keySet()).containsExactlyInAnyOrder("node-id", "node-address", "joined-at", "last-seen");
            assertThat(node.getString("node-address")).isEqualTo(grid.nodes.get(id).toString());
            Instant joined = Instant.parse(node.getString("joined-at"));
            Instant seen = Instant.parse(node.getString("last-seen"));
            assertThat(seen).isAfterOrEqualTo(joined).isBeforeOrEqualTo(Instant.now().plusSeconds(5));
        }
    }

    @Test
    void joinRegistersThenRefreshesAndRefusesTheSameIdAtAnotherAddress() throws Exception {
        String id = "it-joiner";
        int port = ServerProcess.freePort();
        String address = "http://127.0.0.1:" + port;
        try {
            // A trailing '/' is dropped: the registry keeps the normal form.
            HttpResponse<String> first = Http.postJson(grid.gateway, "/join", join(id, address + "/"));
            JsonObject entry = Http.okObject(first);
            assertThat(entry.keySet()).containsExactlyInAnyOrder("node-id", "node-address", "joined-at", "last-seen");
            assertThat(entry.getString("node-id")).isEqualTo(id);
            assertThat(entry.getString("node-address")).isEqualTo(address);
            Instant joinedAt = Instant.parse(entry.getString("joined-at"));
            assertThat(entry.getString("last-seen")).isEqualTo(entry.getString("joined-at"));
            assertThat(grid.registered()).containsEntry(id, address);

            Thread.sleep(50);
            JsonObject again = Http.okObject(Http.postJson(grid.gateway, "/join", join(id, address)));
            assertThat(again.getString("node-id")).isEqualTo(id);
            assertThat(again.getString("node-address")).isEqualTo(address);
            assertThat(Instant.parse(again.getString("joined-at"))).as("joined-at stays").isEqualTo(joinedAt);
            assertThat(Instant.parse(again.getString("last-seen"))).as("last-seen moves").isAfter(joinedAt);

            String elsewhere = "http://127.0.0.1:" + (port == 65535 ? port - 1 : port + 1);
            HttpResponse<String> conflict = Http.postJson(grid.gateway, "/join", join(id, elsewhere));
            JsonObject problem = assertProblem(conflict, 409, "/join");
            assertThat(problem.getString("type")).isEqualTo("urn:gridplatform:problem:conflict");
            assertThat(problem.getString("detail")).contains(id).contains(address);
            assertThat(grid.registered()).as("the first address stays").containsEntry(id, address);

            HttpResponse<String> left = Http.delete(grid.gateway, "/nodes/" + id);
            assertThat(left.statusCode()).isEqualTo(204);
            assertThat(left.body()).isEmpty();
            assertThat(grid.registered()).doesNotContainKey(id);

            HttpResponse<String> gone = Http.delete(grid.gateway, "/nodes/" + id);
            assertThat(assertProblem(gone, 404, "/nodes/" + id).getString("detail")).contains(id);
        } finally {
            Http.delete(grid.gateway, "/nodes/" + id);
        }
        assertThat(grid.registered().keySet()).containsExactly("alice", "bob", "carol");
    }

    @Test
    void gatewayClientJoinsListsAndLeaves() {
        String address = "http://127.0.0.1:" + ServerProcess.freePort();
        try (GatewayClient client = new GatewayClient(grid.gateway)) {
            NodeEntry entry = client.join("it-client", address);
            assertThat(entry.nodeId()).isEqualTo("it-client");
            assertThat(entry.nodeAddress()).isEqualTo(address);
            assertThat(entry.lastSeen()).isEqualTo(entry.joinedAt());
            assertThat(client.nodes()).extracting(NodeEntry::nodeId).containsExactly("alice", "bob", "carol", "it-client");
            client.leave("it-client");
            assertThat(client.nodes()).extracting(NodeEntry::nodeId).containsExactly("alice", "bob", "carol");
        } finally {
            Http.delete(grid.gateway, "/nodes/it-client");
        }
    }

    // ---------------------------------------------------------------- searching

    /** What the example data holds (see examples/README.md): a node matches when one dataset carries every tag. */
    static Stream<Arguments> searches() {
        return Stream.of(
                Arguments.of("[\"#iris\"]", List.of("alice", "bob", "carol")),
                Arguments.of("[\"#wine\"]", List.of("alice")),
                Arguments.of("[\"#classification\", \"#wine\"]", List.of("alice")),
                Arguments.of("[\"#classification\"]", List.of("alice", "bob", "carol")),
                Arguments.of("[\"#boston-housing\"]", List.of("bob", "carol")),
                Arguments.of("[\"#medical\", \"#classification\"]", List.of("carol")),
                // bob holds #iris and #regression, but on two different datasets: AND is per dataset.
                Arguments.of("[\"#iris\", \"#regression\"]", List.of()),
                Arguments.of("[\"#IRIS\"]", List.of("alice", "bob", "carol")),
                Arguments.of("[\"iris\"]", List.of("alice", "bob", "carol")),
                Arguments.of("[\"  #Boston-Housing \", \"REGRESSION\"]", List.of("bob", "carol")),
                Arguments.of("[\"#iris\", \"#IRIS\", \"iris\"]", List.of("alice", "bob", "carol")),
                Arguments.of("[\"#mnist\"]", List.of()));
    }

    @ParameterizedTest(name = "search {0} -> {1}")
    @MethodSource("searches")
    void searchFindsTheNodesHoldingADatasetWithEveryTag(String query, List<String> expected) {
        HttpResponse<String> response = Http.postJson(grid.gateway, "/search", "{\"query\": " + query + "}");
        assertThat(Http.okJson(response)).isEqualTo(expectedSearch(expected, List.of()));
        assertThat(response.headers().firstValue("Grid-Unanswered-Nodes")).isEmpty();
    }

    @Test
    void searchAnswersInTheExactDesignShapeOrderedByIdEveryTime() {
        URI alice = grid.nodes.get("alice");
        URI bob = grid.nodes.get("bob");
        URI carol = grid.nodes.get("carol");
        String expected = "{\"node-addresses\": [[\"alice\", \"" + alice + "\"], [\"bob\", \"" + bob + "\"], [\"carol\", \""
                + carol + "\"]], \"unanswered-nodes\": []}";
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> response = Http.postJson(grid.gateway, "/search", "{\"query\": [\"#flowers\"]}");
            assertThat(Http.okJson(response)).isEqualTo(Http.json(expected));
        }
        try (GatewayClient client = new GatewayClient(grid.gateway)) {
            SearchResponse answer = client.search(List.of("#Wine", "classification"));
            assertThat(answer.nodeAddresses()).containsExactly(List.of("alice", alice.toString()));
            assertThat(answer.unanswered()).isEmpty();
        }
    }

    @Test
    void searchLeavesOutAndNamesNodesThatDoNotAnswerInTime() throws Exception {
        AtomicInteger slowCalls = new AtomicInteger();
        HttpServer fakes = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        fakes.setExecutor(executor);
        // "sloth" would say yes, but only long after the gateway's search timeout.
        fakes.createContext("/sloth/search", exchange -> {
            slowCalls.incrementAndGet();
            try {
                Thread.sleep(SEARCH_TIMEOUT.multipliedBy(8).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(exchange, 200, "application/json", "{\"content\": true}");
        });
        // "broken" answers at once, but with a server error.
        fakes.createContext("/broken/search", exchange -> respond(exchange, 500, "text/html", "<h1>oops</h1>"));
        fakes.start();
        String fakeBase = "http://127.0.0.1:" + fakes.getAddress().getPort();
        // "ghost" is registered where nothing listens.
        String ghost = "http://127.0.0.1:" + ServerProcess.freePort();
        List<String> fakeIds = List.of("broken", "ghost", "sloth");
        try {
            Http.okObject(Http.postJson(grid.gateway, "/join", join("sloth", fakeBase + "/sloth")));
            Http.okObject(Http.postJson(grid.gateway, "/join", join("broken", fakeBase + "/broken")));
            Http.okObject(Http.postJson(grid.gateway, "/join", join("ghost", ghost)));

            long start = System.nanoTime();
            HttpResponse<String> response = Http.postJson(grid.gateway, "/search", "{\"query\": [\"#iris\"]}");
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(Http.okJson(response)).isEqualTo(expectedSearch(List.of("alice", "bob", "carol"), fakeIds));
            assertThat(response.headers().allValues("Grid-Unanswered-Nodes")).containsExactly("broken,ghost,sloth");
            assertThat(slowCalls.get()).as("the slow node was asked").isEqualTo(1);
            assertThat(took).as("the search waits for the slow node only up to the search timeout")
                    .isGreaterThanOrEqualTo(SEARCH_TIMEOUT.minusMillis(50))
                    .isLessThan(SEARCH_TIMEOUT.plusMillis(1500));

            // A fresh health sweep reports them too (one missed ping each: SUSPECT, not alive).
            JsonObject health = Http.okObject(Http.get(grid.gateway, "/health-check?fresh=true"));
            assertThat(health.getString("status")).isEqualTo("UP");
            for (String id : fakeIds) {
                JsonObject check = check(health, "node:" + id);
                assertThat(check.getString("status")).isEqualTo("DOWN");
                assertThat(check.getJsonObject("data").getBoolean("alive")).isFalse();
                assertThat(check.getJsonObject("data").getString("state")).isEqualTo("SUSPECT");
            }
        } finally {
            fakeIds.forEach(id -> Http.delete(grid.gateway, "/nodes/" + id));
            fakes.stop(0);
            executor.shutdownNow();
        }
        assertThat(Http.okJson(Http.postJson(grid.gateway, "/search", "{\"query\": [\"#iris\"]}")))
                .isEqualTo(expectedSearch(List.of("alice", "bob", "carol"), List.of()));
    }

    // ---------------------------------------------------------------- node identity

    @Test
    void nobodyCanTakeOverMoveOrRemoveAnotherNodesId() {
        // alice joined with her own secret: without it, her id can be neither taken, moved nor removed.
        String hijacker = "http://127.0.0.1:9";
        JsonObject taken = assertProblem(Http.postJson(grid.gateway, "/join", join("alice", hijacker)), 403, "/join");
        assertThat(taken.getString("detail")).contains("\"alice\" belongs to the node that first joined with its Grid-Node-Secret");
        assertProblem(Http.send(HttpRequest.newBuilder(grid.gateway.resolve("/join")).header("Content-Type", "application/json")
                .header("Grid-Node-Secret", "a-guess-of-the-secret-that-is-long-enough")
                .POST(HttpRequest.BodyPublishers.ofString(join("alice", hijacker)))), 403, "/join");
        assertProblem(Http.delete(grid.gateway, "/nodes/alice"), 403, "/nodes/alice");
        assertThat(grid.registered()).containsEntry("alice", grid.nodes.get("alice").toString());

        // A node with a secret may move; another secret may not; only its own leave removes it.
        String secret = "s3cret-of-the-mover-node-" + Long.toHexString(System.nanoTime());
        String other = "another-secret-of-someone-else-entirely";
        assertThat(Http.send(joinWithSecret("mover", "http://127.0.0.1:7001", secret)).statusCode()).isEqualTo(200);
        assertThat(Http.okObject(Http.send(joinWithSecret("mover", "http://127.0.0.1:7002", secret))).getString("node-address"))
                .isEqualTo("http://127.0.0.1:7002");
        assertThat(grid.registered()).containsEntry("mover", "http://127.0.0.1:7002");
        assertProblem(Http.send(joinWithSecret("mover", "http://127.0.0.1:7003", other)), 403, "/join");
        assertProblem(Http.send(HttpRequest.newBuilder(grid.gateway.resolve("/nodes/mover")).header("Grid-Node-Secret", other)
                .DELETE()), 403, "/nodes/mover");
        assertProblem(Http.send(joinWithSecret("mover", "http://127.0.0.1:7003", "short")), 400, "/join");
        assertThat(Http.send(HttpRequest.newBuilder(grid.gateway.resolve("/nodes/mover")).header("Grid-Node-Secret", secret)
                .DELETE()).statusCode()).isEqualTo(204);
        assertThat(grid.registered()).doesNotContainKey("mover");
    }

    private HttpRequest.Builder joinWithSecret(String id, String address, String secret) {
        return HttpRequest.newBuilder(grid.gateway.resolve("/join")).header("Content-Type", "application/json")
                .header("Grid-Node-Secret", secret).POST(HttpRequest.BodyPublishers.ofString(join(id, address)));
    }

    // ---------------------------------------------------------------- health

    @Test
    void healthCheckShowsTheGatewayAndEveryNodeUp() {
        JsonObject health = Http.okObject(Http.get(grid.gateway, "/health-check?fresh=true"));
        assertThat(health.getString("status")).isEqualTo("UP");
        assertThat(health.getJsonArray("checks").stream().map(c -> c.asJsonObject().getString("name")))
                .containsExactly("gateway", "discovery", "node:alice", "node:bob", "node:carol");
        assertThat(check(health, "gateway").getString("status")).isEqualTo("UP");
        assertThat(check(health, "discovery").getJsonObject("data").getJsonNumber("registered-nodes").intValue()).isEqualTo(3);
        for (String id : ExampleGrid.NODE_IDS) {
            JsonObject node = check(health, "node:" + id);
            assertThat(node.getString("status")).isEqualTo("UP");
            JsonObject data = node.getJsonObject("data");
            assertThat(data.getBoolean("alive")).isTrue();
            assertThat(data.getString("address")).isEqualTo(grid.nodes.get(id).toString());
            assertThat(data.getJsonNumber("round-trip-ms").longValueExact()).isBetween(0L, 2000L);
            assertThat(data.getString("state")).isEqualTo("UP");
            assertThat(data.getInt("missed")).isZero();
            assertThat(data.containsKey("reason")).isFalse();
        }
    }

    static Stream<String> healthPaths() {
        return Stream.of("/health", "/health/live", "/health/ready");
    }

    @ParameterizedTest(name = "GET {0} on the gateway and every node is UP")
    @MethodSource("healthPaths")
    void microProfileHealthIsUpEverywhere(String path) {
        List<URI> servers = new ArrayList<>(List.of(grid.gateway));
        servers.addAll(grid.nodes.values());
        for (URI server : servers) {
            JsonObject health = Http.okObject(Http.get(server, path));
            assertThat(health.getString("status")).as("%s%s", server, path).isEqualTo("UP");
            assertThat(health.getJsonArray("checks")).isNotEmpty();
        }
    }

    // ---------------------------------------------------------------- metrics

    @Test
    void gatewayMetricsCountNodesByStateSearchesTheirFanOutAndJoins() throws Exception {
        await("grid_nodes says the three nodes are up").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    PrometheusText metrics = PrometheusText.scrape(grid.gateway);
                    assertThat(metrics.value("grid_nodes", "state", "up")).isEqualTo(3);
                    assertThat(metrics.value("grid_nodes", "state", "suspect")).isZero();
                    assertThat(metrics.value("grid_nodes", "state", "down")).isZero();
                });
        PrometheusText before = PrometheusText.scrape(grid.gateway);
        assertThat(before.type("grid_nodes")).contains("gauge");
        assertThat(before.type("grid_joins_total")).contains("counter");
        assertThat(before.type("grid_search_seconds")).contains("summary");
        assertThat(before.type("grid_search_fanout_nodes")).contains("summary");
        assertThat(before.type("grid_health_sweep_seconds")).contains("summary");
        assertThat(before.value("grid_nodes", "mp_scope", "application", "state", "up")).as("the application registry").isEqualTo(3);
        assertThat(before.value("grid_joins_total", "outcome", "new")).as("the example nodes joined").isGreaterThanOrEqualTo(3);
        assertThat(before.has("grid_training_steps_total")).as("a gateway trains nothing").isFalse();

        int searches = 7;
        for (int i = 0; i < searches; i++) {
            assertThat(search("[\"#iris\"]").getJsonArray("node-addresses")).hasSize(3);
        }
        // A refused search (400) is not one: it never reached the nodes.
        assertThat(Http.postJson(grid.gateway, "/search", "{\"query\": []}").statusCode()).isEqualTo(400);

        String id = "it-metrics-joiner";
        String address = "http://127.0.0.1:" + ServerProcess.freePort();
        try {
            Http.okObject(Http.postJson(grid.gateway, "/join", join(id, address)));
            Http.okObject(Http.postJson(grid.gateway, "/join", join(id, address)));
            assertProblem(Http.postJson(grid.gateway, "/join", join(id, address + "/elsewhere")), 409, "/join");
            assertProblem(Http.postJson(grid.gateway, "/join", join("not valid", address)), 400, "/join");
        } finally {
            Http.delete(grid.gateway, "/nodes/" + id);
        }
        PrometheusText after = PrometheusText.scrape(grid.gateway);

        assertThat(after.value("grid_search_seconds_count") - before.value("grid_search_seconds_count")).isEqualTo(searches);
        assertThat(after.value("grid_search_seconds_sum") - before.value("grid_search_seconds_sum"))
                .as("seven searches that each asked three nodes over HTTP take some time").isGreaterThan(0);
        assertThat(after.value("grid_search_seconds_max")).isGreaterThan(0).isLessThan(SEARCH_TIMEOUT.toMillis() / 1000.0 + 5);
        assertThat(after.value("grid_search_fanout_nodes_count") - before.value("grid_search_fanout_nodes_count")).isEqualTo(searches);
        assertThat(after.value("grid_search_fanout_nodes_sum") - before.value("grid_search_fanout_nodes_sum"))
                .as("a broadcast asks each of the three nodes").isEqualTo(3.0 * searches);
        assertThat(after.value("grid_joins_total", "outcome", "new") - before.value("grid_joins_total", "outcome", "new")).isEqualTo(1);
        assertThat(after.value("grid_joins_total", "outcome", "refused") - before.value("grid_joins_total", "outcome", "refused"))
                .as("the id at another address, and the invalid id").isEqualTo(2);
        assertThat(after.value("grid_joins_total", "outcome", "refresh") - before.value("grid_joins_total", "outcome", "refresh"))
                .as("the second join, and the example nodes' own re-joins every 5 s").isGreaterThanOrEqualTo(1);

        // A fresh sweep is timed too (and the scheduled ones, every 10 s); at most one fresh sweep a second runs.
        await("a sweep timed").atMost(Duration.ofSeconds(12)).pollInterval(Duration.ofMillis(1100)).untilAsserted(() -> {
            Http.okObject(Http.get(grid.gateway, "/health-check?fresh=true"));
            assertThat(PrometheusText.scrape(grid.gateway).value("grid_health_sweep_seconds_count")
                    - after.value("grid_health_sweep_seconds_count")).isGreaterThanOrEqualTo(1);
        });
        PrometheusText swept = PrometheusText.scrape(grid.gateway);
        assertThat(swept.value("grid_health_sweep_seconds_max")).isGreaterThan(0);
        assertThat(swept.value("grid_nodes", "state", "up")).as("the joiner left again").isEqualTo(3);
    }

    @Test
    void nodeMetricsCountTrainingStepsByOutcomeAndTimeThem() {
        URI alice = grid.nodes.get("alice");
        PrometheusText before = PrometheusText.scrape(alice);
        assertThat(before.type("grid_training_steps_total")).contains("counter");
        assertThat(before.type("grid_training_step_seconds")).contains("summary");
        assertThat(before.has("grid_nodes")).as("a node of a central grid keeps no registry").isFalse();
        assertThat(before.has("grid_search_seconds_count")).isFalse();

        String step = """
                {"dataset": "iris", "backend": "tribuo-logistic", "settings": {"epochs": 2, "seed": 7},
                 "schema": {"task": "CLASSIFICATION", "features": ["sepal_length", "sepal_width", "petal_length", "petal_width"],
                            "labels": ["setosa", "versicolor", "virginica"], "target": "species"},
                 "parameters": [[0,0,0,0,0],[0,0,0,0,0],[0,0,0,0,0]]}""";
        JsonObject answer = Http.okObject(operator(alice, "/training/steps", step));
        assertThat(answer.getJsonNumber("examples").longValue()).isEqualTo(40);
        assertProblem(operator(alice, "/training/steps", step.replace("\"iris\"", "\"no-such-dataset\"")), 404, "/training/steps");
        String evaluation = step.replace("\"settings\": {\"epochs\": 2, \"seed\": 7},", "")
                .replace("[[0,0,0,0,0],[0,0,0,0,0],[0,0,0,0,0]]", answer.getJsonArray("parameters").toString());
        Http.okObject(operator(alice, "/training/evaluations", evaluation));

        PrometheusText after = PrometheusText.scrape(alice);
        assertThat(after.value("grid_training_steps_total", "outcome", "ok") - before.value("grid_training_steps_total", "outcome", "ok"))
                .isEqualTo(1);
        assertThat(after.value("grid_training_steps_total", "outcome", "invalid")
                - before.value("grid_training_steps_total", "outcome", "invalid")).isEqualTo(1);
        assertThat(after.value("grid_training_steps_total", "outcome", "busy")).isZero();
        assertThat(after.value("grid_training_step_seconds_count") - before.value("grid_training_step_seconds_count"))
                .as("only the successful step is timed").isEqualTo(1);
        assertThat(after.value("grid_training_step_seconds_sum") - before.value("grid_training_step_seconds_sum"))
                .as("the step's time in the node covers the backend's own duration-ms")
                .isGreaterThanOrEqualTo(answer.getJsonNumber("duration-ms").longValue() / 1000.0).isLessThan(60);
        assertThat(after.value("grid_training_evaluations_total", "outcome", "ok")
                - before.value("grid_training_evaluations_total", "outcome", "ok")).isEqualTo(1);
        assertThat(after.value("grid_training_evaluation_seconds_count") - before.value("grid_training_evaluation_seconds_count"))
                .isEqualTo(1);
    }

    @Test
    void nodeMetricsCountTheSearchesItAnsweredAndItsJoins() {
        URI alice = grid.nodes.get("alice");
        PrometheusText before = PrometheusText.scrape(alice);
        assertThat(before.type("grid_node_searches_total")).contains("counter");
        assertThat(before.type("grid_node_search_seconds")).contains("summary");
        assertThat(before.value("grid_node_joins_total", "outcome", "ok")).as("alice joined at start").isGreaterThanOrEqualTo(1);
        assertThat(before.value("grid_node_joins_total", "outcome", "refused")).isZero();

        // The gateway's broadcast asks alice; she holds wine data and no housing data.
        Http.okObject(Http.postJson(grid.gateway, "/search", "{\"query\": [\"#wine\"]}"));
        Http.okObject(Http.postJson(grid.gateway, "/search", "{\"query\": [\"#boston-housing\"]}"));
        Http.okObject(Http.postJson(grid.gateway, "/search", "{\"query\": [\"#iris\", \"#flowers\"]}"));

        PrometheusText after = PrometheusText.scrape(alice);
        assertThat(after.value("grid_node_searches_total", "answer", "match") - before.value("grid_node_searches_total", "answer", "match"))
                .isEqualTo(2);
        assertThat(after.value("grid_node_searches_total", "answer", "no-match")
                - before.value("grid_node_searches_total", "answer", "no-match")).isEqualTo(1);
        assertThat(after.value("grid_node_search_seconds_count") - before.value("grid_node_search_seconds_count")).isEqualTo(3);
        assertThat(after.value("grid_node_search_seconds_sum") - before.value("grid_node_search_seconds_sum")).isBetween(0.0, 3.0);

        // The periodic re-join (every 5 s here) counts as a successful join.
        await("alice re-joins").atMost(Duration.ofSeconds(12)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(PrometheusText.scrape(alice).value("grid_node_joins_total", "outcome", "ok"))
                        .isGreaterThan(before.value("grid_node_joins_total", "outcome", "ok")));
        assertThat(PrometheusText.scrape(grid.gateway).has("grid_node_joins_total")).as("the gateway joins nothing").isFalse();
    }

    @Test
    void runReportsBeyondTheGatewaysRateLimitAreRefusedWith429() {
        // grid.rate-limit.runs=60 here: a bucket of 10 that refills at one a second.
        int refused = 0;
        for (int i = 0; i < 25; i++) {
            var response = Http.postJson(grid.gateway, "/training-runs", "{\"run-id\": \"flood-" + i + "\", \"tags\": [\"#iris\"], "
                    + "\"backend\": \"tribuo-logistic\", \"rounds\": 1, \"round\": 0, \"status\": \"running\"}");
            if (response.statusCode() == 429) {
                refused++;
                assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                assertThat(response.headers().firstValue("Retry-After")).isPresent();
                assertThat(response.body()).contains("grid.rate-limit.runs");
            } else {
                assertThat(response.statusCode()).isEqualTo(200);
            }
        }
        assertThat(refused).as("a burst of 25 against a bucket of 10").isGreaterThanOrEqualTo(10);
        assertThat(Http.okObject(Http.get(grid.gateway, "/training-runs")).getJsonArray("runs").size()).isBetween(10, 15);
    }

    private static HttpResponse<String> operator(URI node, String path, String json) {
        return Http.send(HttpRequest.newBuilder(node.resolve(path)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token(node)).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    // ---------------------------------------------------------------- node endpoints

    @ParameterizedTest(name = "GET /identity of {0}")
    @MethodSource("nodeIds")
    void nodeTellsItsId(String id) {
        assertThat(Http.okJson(Http.get(grid.nodes.get(id), "/identity")))
                .isEqualTo(Json.createObjectBuilder().add("node-id", id).build());
    }

    static Stream<Arguments> datasetTags() {
        return Stream.of(
                Arguments.of("alice", List.of("#classification", "#flowers", "#iris", "#wine")),
                Arguments.of("bob", List.of("#boston-housing", "#classification", "#flowers", "#housing", "#iris", "#regression")),
                Arguments.of("carol", List.of("#boston-housing", "#breast-cancer", "#classification", "#flowers", "#housing",
                        "#iris", "#medical", "#regression")));
    }

    @ParameterizedTest(name = "GET /dataset-tags of {0} -> {1}")
    @MethodSource("datasetTags")
    void nodeListsTheUnionOfItsTagsSorted(String id, List<String> tags) {
        JsonArrayBuilder expected = Json.createArrayBuilder();
        tags.forEach(expected::add);
        assertThat(Http.okJson(Http.get(grid.nodes.get(id), "/dataset-tags"))).isEqualTo(expected.build());
    }

    @ParameterizedTest(name = "GET /datasets of {0} matches its CSV files and shows no values")
    @MethodSource("nodeIds")
    void nodeDescribesItsDatasetsWithoutTheirRows(String id) throws IOException {
        URI node = grid.nodes.get(id);
        HttpResponse<String> response = Http.get(node, "/datasets");
        JsonObject body = Http.okObject(response);
        assertThat(body.keySet()).containsExactly("datasets");
        JsonArray datasets = body.getJsonArray("datasets");

        Map<String, CsvFile> files = csvFiles(grid.dataDirs.get(id));
        assertThat(datasets.stream().map(d -> d.asJsonObject().getString("id"))).as("datasets ordered by id")
                .containsExactlyElementsOf(files.keySet());
        for (JsonValue value : datasets) {
            JsonObject dataset = value.asJsonObject();
            CsvFile csv = files.get(dataset.getString("id"));
            assertThat(dataset.keySet()).containsExactlyInAnyOrder("id", "name", "tags", "description", "target", "rows", "columns",
                    "task");
            assertThat(dataset.getJsonNumber("rows").longValueExact()).as("rows of %s", csv.file).isEqualTo(csv.rows.size());
            assertThat(dataset.getJsonArray("columns")).as("columns of %s", csv.file).isEqualTo(csv.expectedColumns());
            assertThat(dataset.getString("name")).isEqualTo(csv.meta.getString("name"));
            assertThat(dataset.getString("description")).isEqualTo(csv.meta.getString("description"));
            assertThat(dataset.getString("target")).isEqualTo(csv.meta.getString("target"));
            assertThat(dataset.getJsonArray("tags")).isEqualTo(csv.meta.getJsonArray("tags"));

            HttpResponse<String> one = Http.get(node, "/datasets/" + csv.id);
            // GET /datasets/{id} adds the schema and aggregate statistics (DatasetsIT checks them) to the list's fields.
            JsonObject described = Http.okObject(one);
            dataset.forEach((key, field) -> assertThat(described.get(key)).as("GET /datasets/%s: %s", csv.id, key).isEqualTo(field));
        }

        // Metadata only: not one cell of any row may show up in the answer.
        String metadata = files.values().stream().map(f -> f.meta() + " " + f.header()).collect(Collectors.joining(" "));
        for (CsvFile csv : files.values()) {
            for (String cell : csv.cellsThatMustNotLeak(metadata)) {
                assertThat(Pattern.compile("(?<![\\w.])" + Pattern.quote(cell) + "(?![\\w.])").matcher(response.body()).find())
                        .as("the value %s of %s appears in GET /datasets", cell, csv.file).isFalse();
            }
        }
        if (id.equals("alice")) {
            assertThat(response.body()).doesNotContain("7.9").doesNotContain("3.8").doesNotContain("6.4");
        }
    }

    @Test
    void nodeAnswersUnknownDatasetsWithA404Problem() {
        JsonObject problem = assertProblem(Http.get(grid.nodes.get("bob"), "/datasets/wine"), 404, "/datasets/wine");
        assertThat(problem.getString("type")).isEqualTo("urn:gridplatform:problem:not-found");
        assertThat(problem.getString("detail")).contains("wine");
    }

    static Stream<Arguments> nodeSearches() {
        return Stream.of(
                Arguments.of("alice", "[\"#wine\"]", true),
                Arguments.of("alice", "[\"#WINE\", \"classification\"]", true),
                Arguments.of("alice", "[\"#boston-housing\"]", false),
                Arguments.of("bob", "[\"#iris\", \"#regression\"]", false),
                Arguments.of("bob", "[\"#housing\", \"#regression\"]", true),
                Arguments.of("carol", "[\"breast-cancer\"]", true),
                Arguments.of("carol", "[\"#wine\"]", false));
    }

    @ParameterizedTest(name = "POST /search {1} on {0} -> content {2}")
    @MethodSource("nodeSearches")
    void nodeAnswersSearchesWithContent(String id, String query, boolean content) {
        HttpResponse<String> response = Http.postJson(grid.nodes.get(id), "/search", "{\"query\": " + query + "}");
        assertThat(Http.okJson(response)).isEqualTo(Json.createObjectBuilder().add("content", content).build());
    }

    // ---------------------------------------------------------------- OpenAPI

    /** Every path of the gateway's API. */
    static final List<String> GATEWAY_PATHS = List.of("/join", "/search", "/health-check", "/nodes", "/nodes/health", "/nodes/{id}",
            "/dashboard", "/dashboard/{file}", "/training-runs", "/discovery/{operation}");

    /** Every path of a node's API when it joins a gateway (central discovery): none of the gateway's but its own /search. */
    static final List<String> NODE_PATHS = List.of("/identity", "/dataset-tags", "/datasets", "/datasets/{id}", "/search",
            "/training/steps", "/training/steps/{id}", "/training/evaluations", "/training/plans", "/training/plans/{id}",
            "/auth/token", "/auth/me", "/users", "/users/{name}", "/users/{name}/password");

    static Stream<Arguments> openApiServers() {
        return Stream.of(Arguments.of(Server.GATEWAY, GATEWAY_PATHS), Arguments.of(Server.NODE, NODE_PATHS));
    }

    @ParameterizedTest(name = "[{0}] GET /openapi lists every endpoint and the wire schemas, every time, in YAML and JSON")
    @MethodSource("openApiServers")
    void openApiDocumentListsEveryEndpointEveryTime(Server server, List<String> paths) throws IOException {
        URI base = server == Server.GATEWAY ? grid.gateway : grid.nodes.get("alice");
        List<String> schemas = handKeptSchemas();
        // Payara builds the document on the first request and caches it: a failed build once answered the first
        // request with a 500 and every later one with a document without paths.
        for (int i = 1; i <= 3; i++) {
            HttpResponse<String> yaml = Http.get(base, "/openapi");
            assertThat(yaml.statusCode()).as("GET /openapi #%d on %s; body %s", i, server, yaml.body()).isEqualTo(200);
            assertThat(yaml.body()).as("GET /openapi #%d on %s", i, server).startsWith("openapi: 3.");
            assertThat(yamlPaths(yaml.body())).as("paths of GET /openapi #%d on %s", i, server).containsExactlyInAnyOrderElementsOf(paths);

            JsonObject json = Http.okObject(Http.get(base, "/openapi?format=json"));
            assertThat(json.getJsonObject("paths").keySet()).as("paths of GET /openapi?format=json #%d on %s", i, server)
                    .containsExactlyInAnyOrderElementsOf(paths);
            assertThat(json.getJsonObject("components").getJsonObject("schemas").keySet())
                    .as("schemas of GET /openapi?format=json #%d on %s", i, server).containsAll(schemas);
            assertThat(json.getJsonObject("info").getString("title")).isEqualTo(server == Server.GATEWAY ? "Grid gateway" : "Grid node");
        }
        // The operations come from the resources' annotations; each server documents its own /search.
        JsonObject search = Http.okObject(Http.get(base, "/openapi?format=json")).getJsonObject("paths").getJsonObject("/search");
        String summary = server == Server.GATEWAY ? "Find the nodes that hold tagged data"
                : "Does this node hold a dataset with every tag of the query?";
        assertThat(search.getJsonObject("post").getString("summary")).isEqualTo(summary);
    }

    static Stream<Arguments> unknownOpenApiFormats() {
        return Stream.of(Server.values()).flatMap(server -> Stream.of("%00", "xml", "", "json&format=x")
                .map(format -> Arguments.of(server, format)));
    }

    @ParameterizedTest(name = "[{0}] GET /openapi?format={1} is a 400 problem")
    @MethodSource("unknownOpenApiFormats")
    void openApiRefusesAnUnknownFormatWithAProblem(Server server, String format) {
        URI base = server == Server.GATEWAY ? grid.gateway : grid.nodes.get("alice");
        JsonObject problem = assertProblem(Http.get(base, "/openapi?format=" + format), 400, "/openapi");
        assertThat(problem.getString("detail")).contains("format=yaml").contains("format=json");
        // Any case of a known format still works, and the document stays whole.
        assertThat(Http.okObject(Http.get(base, "/openapi?format=JSON")).getJsonObject("paths")).isNotEmpty();
        assertThat(Http.get(base, "/openapi?format=yaml").statusCode()).isEqualTo(200);
    }

    /** A key under {@code paths} in Payara's YAML: {@code /nodes:} or {@code "/nodes/{id}":}. */
    private static final Pattern YAML_PATH = Pattern.compile("^  \"?(/[^\"]*)\"?:\\s*$");

    /** A key under {@code components.schemas} in grid-api's openapi.yaml. */
    private static final Pattern YAML_SCHEMA = Pattern.compile("^    ([A-Za-z]+):$");

    /** @return the paths of an OpenAPI document in YAML: the keys under its top-level {@code paths} */
    static List<String> yamlPaths(String yaml) {
        List<String> paths = new ArrayList<>();
        boolean inPaths = false;
        for (String line : yaml.split("\n")) {
            if (!line.startsWith(" ")) {
                inPaths = line.equals("paths:");
                continue;
            }
            Matcher key = YAML_PATH.matcher(line);
            if (inPaths && key.matches()) {
                paths.add(key.group(1));
            }
        }
        return paths;
    }

    /** @return the names of the component schemas kept by hand in grid-api's openapi.yaml, which both WARs serve */
    static List<String> handKeptSchemas() throws IOException {
        Path file = Path.of(System.getProperty("grid.test.openapi-yaml", "../grid-api/src/openapi/openapi.yaml"));
        List<String> names = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            Matcher name = YAML_SCHEMA.matcher(line);
            if (name.matches()) {
                names.add(name.group(1));
            }
        }
        assertThat(names).as("schemas in %s", file).contains("Problem", "NodeEntry");
        return names;
    }

    // ---------------------------------------------------------------- bad inputs

    /** Which WAR a bad input goes to. */
    enum Server {
        GATEWAY, NODE
    }

    /**
     * One bad request and the problem it must be answered with.
     *
     * @param what    what is wrong, for the test's name
     * @param method  the HTTP method
     * @param path    the path, as sent
     * @param headers request headers, such as Content-Type
     * @param body    the body, or {@code null} for none
     * @param chunked whether the body goes without a length ({@code Transfer-Encoding: chunked})
     * @param status  the exact status expected
     * @param detail  a fragment the problem's detail must contain (case-insensitively)
     */
    record BadInput(String what, String method, String path, Map<String, String> headers, String body, boolean chunked,
                    int status, String detail) {

        /** A POST of a body as application/json. */
        static BadInput post(String what, String path, String json, int status, String detail) {
            return new BadInput(what, "POST", path, Map.of("Content-Type", "application/json"), json, false, status, detail);
        }

        /** A request with one header (or none, when {@code header} is null) and maybe a body. */
        static BadInput request(String what, String method, String path, String header, String value, String body, int status,
                                String detail) {
            return new BadInput(what, method, path, header == null ? Map.of() : Map.of(header, value), body, false, status, detail);
        }

        /** A request without headers or body. */
        static BadInput request(String what, String method, String path, int status, String detail) {
            return request(what, method, path, null, null, null, status, detail);
        }

        /** @return this input sent without a length, as {@code Transfer-Encoding: chunked} */
        BadInput withoutLength() {
            return new BadInput(what, method, path, headers, body, true, status, detail);
        }

        @Override
        public String toString() {
            return what + ": " + method + " " + path + (headers.isEmpty() ? "" : " " + headers) + " -> " + status;
        }
    }

    private static final String TAGS_33 = IntStream.range(0, 33).mapToObj(i -> "\"#t" + i + "\"").collect(Collectors.joining(","));
    private static final String TAG_129 = "\"#" + "a".repeat(129) + "\"";
    private static final String OVER_64_KIB = "{\"query\": [\"#iris\"], \"padding\": \"" + "x".repeat(70 * 1024) + "\"}";
    private static final String VALID_ID = "it-bad";

    /** Bad inputs that both WARs must refuse: /search exists on both. */
    static List<BadInput> badInputsForBoth() {
        return List.of(
                BadInput.post("malformed JSON", "/search", "{\"query\": [\"#iris\"", 400, "not valid JSON"),
                BadInput.post("JSON array instead of object", "/search", "[\"#iris\"]", 400, "expected JSON shape"),
                BadInput.post("query is a string", "/search", "{\"query\": \"x\"}", 400, "expected JSON shape"),
                BadInput.post("query holds a number", "/search", "{\"query\": [5]}", 400, "expected JSON shape"),
                BadInput.post("query holds a boolean", "/search", "{\"query\": [\"#iris\", true]}", 400, "expected JSON shape"),
                BadInput.post("query holds an object", "/search", "{\"query\": [{\"tag\": \"#iris\"}]}", 400, "expected JSON shape"),
                BadInput.post("missing query", "/search", "{}", 400, "'query' is required"),
                BadInput.post("query is null", "/search", "{\"query\": null}", 400, "'query' is required"),
                BadInput.post("JSON null body", "/search", "null", 400, "body is required"),
                BadInput.post("empty body", "/search", "", 400, "empty"),
                BadInput.post("empty query", "/search", "{\"query\": []}", 400, "'query' is empty"),
                BadInput.post("null tag", "/search", "{\"query\": [null]}", 400, "query[0] is null"),
                BadInput.post("blank tag", "/search", "{\"query\": [\"#iris\", \" # \"]}", 400, "query[1] is blank"),
                BadInput.post("33 tags", "/search", "{\"query\": [" + TAGS_33 + "]}", 400, "33 tags; at most 32"),
                BadInput.post("129-char tag", "/search", "{\"query\": [" + TAG_129 + "]}", 400, "129 characters long"),
                BadInput.post("control character in a tag", "/search", "{\"query\": [\"#ir\\u0000is\"]}", 400, "control characters"),
                BadInput.request("text/plain body", "POST", "/search", "Content-Type", "text/plain", "{\"query\": [\"#iris\"]}", 415, "media type"),
                BadInput.request("unparseable Content-Type", "POST", "/search", "Content-Type", "json", "{\"query\": [\"#iris\"]}", 400,
                        "malformed"),
                BadInput.request("unparseable Accept", "POST", "/search", "Accept", ";;;", "{\"query\": [\"#iris\"]}", 400, "malformed"),
                BadInput.request("Accept without JSON", "POST", "/search", "Accept", "application/xml", "{\"query\": [\"#iris\"]}", 406,
                        "application/json only"),
                BadInput.request("GET on a POST endpoint", "GET", "/search", 405, "not allowed"),
                BadInput.request("unknown path", "GET", "/no-such-thing", 404, "no resource"),
                BadInput.post("body over 64 KiB", "/search", OVER_64_KIB, 413, "larger than 65536 bytes"),
                BadInput.post("chunked body over 64 KiB", "/search", OVER_64_KIB, 413, "larger than 65536 bytes").withoutLength());
    }

    static List<BadInput> badInputsForGateway() {
        String address = "\"http://127.0.0.1:1\"";
        return List.of(
                BadInput.post("malformed JSON", "/join", "{\"node-id\": ", 400, "not valid JSON"),
                BadInput.post("JSON array instead of object", "/join", "[\"" + VALID_ID + "\", " + address + "]", 400, "expected JSON shape"),
                BadInput.post("node-id is a number", "/join", "{\"node-id\": 5, \"node-address\": " + address + "}", 400, "expected JSON shape"),
                BadInput.post("node-id is a boolean", "/join", "{\"node-id\": true, \"node-address\": " + address + "}", 400,
                        "expected JSON shape"),
                BadInput.post("node-address is a number", "/join", "{\"node-id\": \"" + VALID_ID + "\", \"node-address\": 8181}", 400,
                        "expected JSON shape"),
                BadInput.post("missing node-id", "/join", "{\"node-address\": " + address + "}", 400, "'node-id' is required"),
                BadInput.post("missing node-address", "/join", "{\"node-id\": \"" + VALID_ID + "\"}", 400, "'node-address' is required"),
                BadInput.post("empty body", "/join", "", 400, "empty"),
                BadInput.post("JSON null body", "/join", "null", 400, "body is required"),
                BadInput.post("empty node-id", "/join", "{\"node-id\": \"\", \"node-address\": " + address + "}", 400, "is not valid"),
                BadInput.post("node-id with a space", "/join", "{\"node-id\": \"a b\", \"node-address\": " + address + "}", 400, "is not valid"),
                BadInput.post("node-id with a slash", "/join", "{\"node-id\": \"a/../b\", \"node-address\": " + address + "}", 400,
                        "is not valid"),
                BadInput.post("node-id with non-ASCII letters", "/join", "{\"node-id\": \"b\u00f6b\", \"node-address\": " + address + "}",
                        400, "is not valid"),
                BadInput.post("65-char node-id", "/join", "{\"node-id\": \"" + "n".repeat(65) + "\", \"node-address\": " + address + "}",
                        400, "is not valid"),
                BadInput.post("node-address with user info", "/join", joinWith("http://user:secret@127.0.0.1:8181"), 400, "user info"),
                BadInput.post("node-address with a query", "/join", joinWith("http://127.0.0.1:8181/?a=b"), 400, "query or fragment"),
                BadInput.post("node-address with a fragment", "/join", joinWith("http://127.0.0.1:8181#top"), 400, "query or fragment"),
                BadInput.post("ftp node-address", "/join", joinWith("ftp://127.0.0.1:8181"), 400, "not an http or https URL"),
                BadInput.post("metadata node-address", "/join", joinWith("http://169.254.169.254/latest/meta-data"), 400,
                        "in the denied network 169.254.0.0/16"),
                BadInput.post("IPv6 metadata node-address", "/join", joinWith("http://[fd00:ec2::254]"), 400,
                        "in the denied network fd00:ec2::/32"),
                BadInput.post("mapped link-local node-address", "/join", joinWith("http://[::ffff:169.254.1.1]:80"), 400,
                        "denied network"),
                BadInput.post("unspecified node-address", "/join", joinWith("http://0.0.0.0:8181"), 400, "denied network"),
                BadInput.post("node-address port beyond 65535", "/join", joinWith("http://127.0.0.1:99999"), 400, "not 1 to 65535"),
                BadInput.post("relative node-address", "/join", joinWith("/nodes/bob"), 400, "not an http or https URL"),
                BadInput.post("node-address without a scheme", "/join", joinWith("127.0.0.1:8181"), 400, "use an absolute http"),
                BadInput.post("node-address without a host", "/join", joinWith("http:///bob"), 400, "has no host"),
                BadInput.request("text/plain body", "POST", "/join", "Content-Type", "text/plain", join(VALID_ID, "http://127.0.0.1:1"), 415,
                        "media type"),
                BadInput.request("GET /join", "GET", "/join", 405, "use POST"),
                BadInput.request("POST /nodes", "POST", "/nodes", "Content-Type", "application/json", "{}", 405, "use GET"),
                BadInput.request("DELETE an unknown node", "DELETE", "/nodes/nobody-here", 404, "nobody-here"),
                BadInput.request("DELETE an invalid node id", "DELETE", "/nodes/a%20b", 400, "is not valid"),
                BadInput.request("DELETE a 65-char node id", "DELETE", "/nodes/" + "n".repeat(65), 400, "is not valid"),
                BadInput.request("node endpoint on the gateway", "GET", "/identity", 404, "no resource"),
                BadInput.request("unparseable Content-Type on a GET", "GET", "/nodes", "Content-Type", "foo", null, 400, "malformed"),
                BadInput.request("Accept without JSON on a GET", "GET", "/nodes", "Accept", "application/xml", null, 406,
                        "application/json only"),
                BadInput.post("join body over 64 KiB", "/join", "{\"node-id\": \"" + "n".repeat(70 * 1024) + "\"}", 413, "larger than"),
                BadInput.post("chunked join body over 64 KiB", "/join", "{\"node-id\": \"" + "n".repeat(70 * 1024) + "\"}", 413,
                        "larger than").withoutLength());
    }

    static List<BadInput> badInputsForNode() {
        return List.of(
                BadInput.request("unknown dataset", "GET", "/datasets/no-such-dataset", 404, "no-such-dataset"),
                BadInput.request("unknown dataset with an invalid id", "GET", "/datasets/a%20b", 404, "No dataset"),
                BadInput.request("POST /identity", "POST", "/identity", "Content-Type", "application/json", "{}", 405, "use GET"),
                BadInput.request("DELETE /datasets", "DELETE", "/datasets", 405, "not allowed"),
                BadInput.request("gateway endpoint on a node", "GET", "/join", 404, "no resource"),
                BadInput.request("unparseable Content-Type on a GET", "GET", "/datasets", "Content-Type", "foo", null, 400, "malformed"),
                BadInput.request("Accept without JSON on a GET", "GET", "/identity", "Accept", "application/xml", null, 406,
                        "application/json only"));
    }

    static Stream<Arguments> badInputs() {
        Stream<Arguments> both = badInputsForBoth().stream()
                .flatMap(bad -> Stream.of(Arguments.of(Server.GATEWAY, bad), Arguments.of(Server.NODE, bad)));
        return Stream.of(both,
                        badInputsForGateway().stream().map(bad -> Arguments.of(Server.GATEWAY, bad)),
                        badInputsForNode().stream().map(bad -> Arguments.of(Server.NODE, bad)))
                .flatMap(s -> s);
    }

    @ParameterizedTest(name = "[{0}] {1}")
    @MethodSource("badInputs")
    void badInputIsRefusedWithAProblem(Server server, BadInput bad) {
        URI base = server == Server.GATEWAY ? grid.gateway : grid.nodes.get("alice");
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(bad.path()));
        bad.headers().forEach(request::header);
        byte[] body = bad.body() == null ? null : bad.body().getBytes(StandardCharsets.UTF_8);
        request.method(bad.method(), body == null ? HttpRequest.BodyPublishers.noBody()
                : bad.chunked() ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                : HttpRequest.BodyPublishers.ofByteArray(body));
        HttpResponse<String> response = Http.send(request);
        JsonObject problem = assertProblem(response, bad.status(), bad.path());
        assertThat(problem.getString("detail")).as("detail of %s", response.body()).containsIgnoringCase(bad.detail());
        if (server == Server.GATEWAY && bad.path().equals("/join")) {
            assertThat(grid.registered().keySet()).as("nothing registered").containsExactly("alice", "bob", "carol");
        }
    }

    // ---------------------------------------------------------------- helpers

    static Stream<String> nodeIds() {
        return ExampleGrid.NODE_IDS.stream();
    }

    private static String join(String id, String address) {
        return "{\"node-id\": \"" + id + "\", \"node-address\": \"" + address + "\"}";
    }

    private static String joinWith(String address) {
        return join(VALID_ID, address);
    }

    private static JsonObject search(String query) {
        return Http.okObject(Http.postJson(grid.gateway, "/search", "{\"query\": " + query + "}"));
    }

    /** @return the gateway's answer listing these example nodes as found and these ids as unanswered */
    private static JsonObject expectedSearch(List<String> found, List<String> unanswered) {
        JsonArrayBuilder pairs = Json.createArrayBuilder();
        found.forEach(id -> pairs.add(Json.createArrayBuilder().add(id).add(grid.nodes.get(id).toString())));
        JsonArrayBuilder ids = Json.createArrayBuilder();
        unanswered.forEach(ids::add);
        return Json.createObjectBuilder().add("node-addresses", pairs).add("unanswered-nodes", ids).build();
    }

    static JsonObject check(JsonObject health, String name) {
        return health.getJsonArray("checks").stream().map(JsonValue::asJsonObject)
                .filter(c -> c.getString("name").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + health));
    }

    /**
     * Asserts an RFC 9457 problem: the exact status, {@code application/problem+json}, the standard
     * members, a non-empty detail, and nothing of the server's insides.
     */
    static JsonObject assertProblem(HttpResponse<String> response, int status, String instance) {
        String body = response.body();
        assertThat(response.statusCode()).as("status; body %s", body).isEqualTo(status);
        assertThat(Http.contentType(response)).as("Content-Type; body %s", body).startsWith("application/problem+json");
        assertThat(body).doesNotContain("Exception").doesNotContain("org.").doesNotContain("java.").doesNotContain("\tat ");
        JsonObject problem = Http.json(body).asJsonObject();
        assertThat(problem.keySet()).containsExactlyInAnyOrder("type", "title", "status", "detail", "instance");
        assertThat(problem.getString("type")).startsWith("urn:gridplatform:problem:");
        assertThat(problem.getString("title")).isNotBlank();
        assertThat(problem.getJsonNumber("status").intValueExact()).isEqualTo(status);
        assertThat(problem.getString("detail")).isNotBlank();
        assertThat(problem.getString("instance")).isEqualTo(instance);
        return problem;
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        try (exchange; OutputStream out = exchange.getResponseBody()) {
            exchange.sendResponseHeaders(status, bytes.length);
            out.write(bytes);
        } catch (IOException e) {
            // the gateway gave up waiting and closed the connection
        }
    }

    /** One example dataset as its files say. */
    private record CsvFile(String id, Path file, List<String> header, List<String[]> rows, JsonObject meta) {

        JsonArray expectedColumns() {
            JsonArrayBuilder columns = Json.createArrayBuilder();
            for (int c = 0; c < header.size(); c++) {
                int column = c;
                boolean numeric = !rows.isEmpty() && rows.stream().allMatch(r -> isNumber(r[column]));
                columns.add(Json.createObjectBuilder().add("name", header.get(c)).add("type", numeric ? "numeric" : "text"));
            }
            return columns.build();
        }

        /**
         * @param metadata the text of the node's metadata files and headers
         * @return every decimal or text cell value, except those that the metadata itself holds
         *         (such as a class name in a dataset's name); integers are left out, since a row
         *         count may equal one
         */
        List<String> cellsThatMustNotLeak(String metadata) {
            return rows.stream().flatMap(Arrays::stream).distinct()
                    .filter(cell -> cell.contains(".") || !isNumber(cell))
                    .filter(cell -> !metadata.contains(cell))
                    .toList();
        }

        private static boolean isNumber(String value) {
            try {
                Double.parseDouble(value);
                return true;
            } catch (NumberFormatException e) {
                return false;
            }
        }
    }

    private static Map<String, CsvFile> csvFiles(Path dir) throws IOException {
        Map<String, CsvFile> files = new TreeMap<>();
        try (DirectoryStream<Path> csvs = Files.newDirectoryStream(dir, "*.csv")) {
            for (Path file : csvs) {
                String name = file.getFileName().toString();
                String id = name.substring(0, name.length() - 4);
                List<String> lines = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
                List<String> header = List.of(lines.getFirst().split(",", -1));
                List<String[]> rows = lines.subList(1, lines.size()).stream().map(l -> l.split(",", -1)).toList();
                JsonObject meta;
                try (Reader in = Files.newBufferedReader(dir.resolve(id + ".meta.json"))) {
                    meta = Json.createReader(in).readObject();
                }
                files.put(id, new CsvFile(id, file, header, rows, meta));
            }
        }
        assertThat(files).as("datasets in %s", dir).isNotEmpty();
        return files;
    }
}
