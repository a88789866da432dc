package org.gridplatform.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.gridplatform.client.launch.Distribution;
import org.gridplatform.client.launch.LocalGrid;
import org.gridplatform.client.launch.ServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A grid that loses processes: a node killed with {@code kill -9} (no leave) turns DOWN in the health
 * sweeps, is left out of search answers within two sweep intervals and removed after the grace; a gateway killed and started again on the same port is filled again by the
 * nodes' periodic re-join. Its own grid, since it kills things; the tests run in order, each
 * building on what the previous one killed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GridResilienceIT {

    private static final Duration REJOIN_INTERVAL = Duration.ofSeconds(2);
    /** Short health sweeps, so that a killed node turns DOWN and is removed within seconds. */
    private static final Duration SWEEP_INTERVAL = Duration.ofSeconds(2);
    private static final Duration GRACE = Duration.ofSeconds(6);
    /** Long enough to tell a search that waited for a hung node from one that did not ask it. */
    private static final Duration SEARCH_TIMEOUT = Duration.ofSeconds(5);
    private static final Map<String, String> GATEWAY = Map.of("grid.health.interval", SWEEP_INTERVAL.toMillis() + "ms",
            "grid.health.timeout", "500ms", "grid.health.grace", GRACE.toSeconds() + "s",
            "grid.discovery.central.search-timeout", SEARCH_TIMEOUT.toSeconds() + "s");

    private static ExampleGrid grid;
    private static ServerProcess restartedGateway;

    @BeforeAll
    static void boot() throws Exception {
        grid = ExampleGrid.boot("GridResilienceIT", GATEWAY, Map.of("grid.node.rejoin-interval", REJOIN_INTERVAL.toSeconds() + "s"));
    }

    @AfterAll
    static void stop() {
        if (grid != null) {
            grid.close();
        }
        if (restartedGateway != null) {
            restartedGateway.close();
        }
    }

    @Test
    @Order(1)
    void aKilledNodeTurnsDownIsLeftOutOfSearchesWithinTwoSweepsAndIsRemovedAfterTheGrace() throws Exception {
        // Every node is UP after a sweep.
        await("a sweep saw every node UP").atMost(SWEEP_INTERVAL.multipliedBy(3)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(states()).containsExactly(Map.entry("alice", "UP"), Map.entry("bob", "UP"),
                        Map.entry("carol", "UP")));

        ServerProcess carol = grid.process("carol");
        carol.kill();
        Instant killed = Instant.now();
        assertThat(carol.isAlive()).isFalse();

        await("carol out of search answers").atMost(SWEEP_INTERVAL.multipliedBy(2).plusMillis(1500))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(Http.okJson(Http.postJson(grid.gateway, "/search", "{\"query\": [\"#iris\"]}")))
                        .isEqualTo(expectedSearch(List.of("alice", "bob"), List.of())));
        Duration outAfter = Duration.between(killed, Instant.now());
        System.out.println("A killed node was out of search answers after " + outAfter.toMillis() + " ms (sweep interval "
                + SWEEP_INTERVAL.toMillis() + " ms)");
        assertThat(outAfter).isLessThanOrEqualTo(SWEEP_INTERVAL.multipliedBy(2).plusMillis(1500));

        JsonObject health = Http.okObject(Http.get(grid.gateway, "/health-check"));
        assertThat(health.getString("status")).as("the gateway itself is up, whatever its nodes do").isEqualTo("UP");
        assertThat(health.getJsonArray("checks").stream().map(c -> c.asJsonObject().getString("name")))
                .containsExactly("gateway", "discovery", "node:alice", "node:bob", "node:carol");
        for (String id : List.of("alice", "bob")) {
            JsonObject node = GridIT.check(health, "node:" + id);
            assertThat(node.getString("status")).isEqualTo("UP");
            JsonObject data = node.getJsonObject("data");
            assertThat(data.getBoolean("alive")).isTrue();
            assertThat(data.getString("state")).isEqualTo("UP");
            assertThat(data.getString("address")).isEqualTo(grid.nodes.get(id).toString());
            assertThat(data.getJsonNumber("round-trip-ms").longValueExact()).isBetween(0L, 2000L);
        }
        JsonObject dead = GridIT.check(health, "node:carol");
        assertThat(dead.getString("status")).isEqualTo("DOWN");
        JsonObject data = dead.getJsonObject("data");
        assertThat(data.getBoolean("alive")).isFalse();
        assertThat(data.getString("state")).isEqualTo("DOWN");
        assertThat(data.getInt("missed")).isGreaterThanOrEqualTo(2);
        assertThat(data.getString("address")).isEqualTo(grid.nodes.get("carol").toString());
        assertThat(data.getString("reason")).isNotBlank();

        // The gateway's own MicroProfile Health stays UP: a dead node does not make the gateway unready.
        for (String path : List.of("/health", "/health/live", "/health/ready")) {
            JsonObject own = Http.okObject(Http.get(grid.gateway, path));
            assertThat(own.getString("status")).as(path).isEqualTo("UP");
        }

        // /nodes/health tells the same, with the recent round trips the dashboard charts.
        JsonObject report = Http.okObject(Http.get(grid.gateway, "/nodes/health"));
        assertThat(report.getInt("down")).isEqualTo(1);
        assertThat(report.getJsonNumber("interval-ms").longValue()).isEqualTo(SWEEP_INTERVAL.toMillis());
        JsonObject alice = report.getJsonArray("nodes").getJsonObject(0);
        assertThat(alice.getString("node-id")).isEqualTo("alice");
        assertThat(alice.getJsonArray("recent-round-trip-ms")).isNotEmpty();
        assertThat(alice.getJsonArray("datasets").stream().map(d -> d.asJsonObject().getString("id"))).contains("iris", "wine");

        // After the grace without a re-join, the dead node leaves the registry.
        await("carol removed from the registry").atMost(GRACE.plus(SWEEP_INTERVAL.multipliedBy(3)))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(grid.registered()).containsOnlyKeys("alice", "bob"));
        assertThat(Duration.between(killed, Instant.now())).isGreaterThanOrEqualTo(GRACE);
    }

    /** @return each node's state in GET /nodes/health, by id */
    private static Map<String, String> states() {
        Map<String, String> states = new java.util.LinkedHashMap<>();
        for (JsonValue node : Http.okObject(Http.get(grid.gateway, "/nodes/health")).getJsonArray("nodes")) {
            states.put(node.asJsonObject().getString("node-id"), node.asJsonObject().getString("state"));
        }
        return states;
    }

    @Test
    @Order(2)
    void aHungNodeHoldsSearchesOnlyUntilTheSweepsFindItDown() throws Exception {
        // A process that hangs: the kernel accepts connections on its port, nothing ever reads or answers them.
        try (ServerSocket hung = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String address = "http://127.0.0.1:" + hung.getLocalPort();
            Http.okObject(Http.postJson(grid.gateway, "/join", "{\"node-id\": \"hung\", \"node-address\": \"" + address + "\"}"));

            // While it is UP or SUSPECT, a broadcast search waits its whole timeout for it. (It names it unanswered,
            // unless the sweeps found it DOWN meanwhile: the answer leaves DOWN nodes out altogether.)
            Instant asked = Instant.now();
            JsonObject waited = Http.okObject(Http.postJson(grid.gateway, "/search", "{\"query\": [\"#iris\"]}"));
            Duration waitedFor = Duration.between(asked, Instant.now());
            assertThat(waited.getJsonArray("node-addresses")).isEqualTo(expectedSearch(List.of("alice", "bob"), List.of())
                    .getJsonArray("node-addresses"));
            assertThat(waited.getJsonArray("unanswered-nodes").getValuesAs(JsonString::getString)).isSubsetOf("hung");
            assertThat(waitedFor).isGreaterThanOrEqualTo(SEARCH_TIMEOUT);

            await("the sweeps find the hung node DOWN").atMost(SWEEP_INTERVAL.multipliedBy(3).plusMillis(1500))
                    .pollInterval(Duration.ofMillis(100)).untilAsserted(() -> assertThat(states()).containsEntry("hung", "DOWN"));

            // Once DOWN it is not asked: the answer leaves it out and comes without waiting for it.
            asked = Instant.now();
            HttpResponse<String> search = Http.postJson(grid.gateway, "/search", "{\"query\": [\"#iris\"]}");
            Duration tookFor = Duration.between(asked, Instant.now());
            assertThat(Http.okJson(search)).isEqualTo(expectedSearch(List.of("alice", "bob"), List.of()));
            assertThat(search.headers().firstValue("Grid-Unanswered-Nodes")).isEmpty();
            assertThat(tookFor).isLessThan(SEARCH_TIMEOUT.dividedBy(2));
            System.out.println("A search took " + waitedFor.toMillis() + " ms while a hung node was UP and " + tookFor.toMillis()
                    + " ms once it was DOWN (search timeout " + SEARCH_TIMEOUT.toMillis() + " ms)");
        }
    }

    @Test
    @Order(3)
    void aRestartedGatewayIsFilledAgainByTheNodesRejoining() throws Exception {
        ServerProcess gateway = grid.grid.gateway();
        gateway.kill();
        assertThat(gateway.isAlive()).isFalse();
        assertThatThrownBy(() -> Http.get(grid.gateway, "/nodes")).isInstanceOf(UncheckedIOException.class);

        // The nodes notice at their next re-join, and keep retrying (their readiness data says so).
        for (String id : List.of("alice", "bob")) {
            await(id + " notices that the gateway is gone").atMost(REJOIN_INTERVAL.multipliedBy(5)).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertThat(joined(id)).isFalse());
        }

        Instant restart = Instant.now();
        restartedGateway = ServerProcess.start(Distribution.locate(), Distribution.locate().gatewayWar(), "gateway (restarted)",
                gateway.port(), grid.gatewayConfig, LocalGrid.GATEWAY_HEAP, ServerProcess.QUICK_START,
                grid.logDir.resolve("gateway-restarted.log"));
        restartedGateway.awaitReady(Duration.ofMinutes(3));
        assertThat(restartedGateway.url()).isEqualTo(grid.gateway);

        // Soft state: the live nodes come back by themselves within a few re-join intervals; carol is dead.
        grid.awaitRegistered(List.of("alice", "bob"), REJOIN_INTERVAL.multipliedBy(4));
        for (String id : List.of("alice", "bob")) {
            await(id + " reports that it joined again").atMost(REJOIN_INTERVAL.multipliedBy(2)).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertThat(joined(id)).isTrue());
        }
        for (JsonValue value : Http.okObject(Http.get(grid.gateway, "/nodes")).getJsonArray("nodes")) {
            assertThat(Instant.parse(value.asJsonObject().getString("joined-at"))).isAfter(restart);
        }

        HttpResponse<String> search = Http.postJson(grid.gateway, "/search", "{\"query\": [\"#iris\"]}");
        assertThat(Http.okJson(search)).isEqualTo(expectedSearch(List.of("alice", "bob"), List.of()));
        assertThat(search.headers().firstValue("Grid-Unanswered-Nodes")).isEmpty();
        HttpResponse<String> wine = Http.postJson(grid.gateway, "/search", "{\"query\": [\"#classification\", \"#WINE\"]}");
        assertThat(Http.okJson(wine)).isEqualTo(expectedSearch(List.of("alice"), List.of()));

        JsonObject health = Http.okObject(Http.get(grid.gateway, "/health-check"));
        assertThat(health.getString("status")).isEqualTo("UP");
        assertThat(health.getJsonArray("checks").stream().map(c -> c.asJsonObject().getString("name")))
                .containsExactly("gateway", "discovery", "node:alice", "node:bob");
    }

    /** @return whether a node's readiness check says that its last join succeeded */
    private static boolean joined(String id) {
        JsonObject ready = Http.okObject(Http.get(grid.nodes.get(id), "/health/ready"));
        JsonObject datasets = GridIT.check(ready, "datasets");
        // Payara's MicroProfile Health writes the data's values as strings: "true" rather than true.
        JsonValue joined = datasets.getJsonObject("data").get("joined");
        assertThat(joined).as("joined in %s", ready).isIn(JsonValue.TRUE, JsonValue.FALSE, Json.createValue("true"),
                Json.createValue("false"));
        return joined == JsonValue.TRUE || joined.equals(Json.createValue("true"));
    }

    private static JsonObject expectedSearch(List<String> found, List<String> unanswered) {
        JsonArrayBuilder pairs = Json.createArrayBuilder();
        found.forEach(id -> pairs.add(Json.createArrayBuilder().add(id).add(grid.nodes.get(id).toString())));
        JsonArrayBuilder ids = Json.createArrayBuilder();
        unanswered.forEach(ids::add);
        return Json.createObjectBuilder().add("node-addresses", pairs).add("unanswered-nodes", ids).build();
    }
}
