package org.gridplatform.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.JsonObject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridplatform.api.SearchResponse;
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
 * The fully distributed grid: five real node processes with the {@code dht} discovery strategy and
 * no gateway. Every node answers the design's {@code /join}, {@code /search} and {@code /health-check}.
 * Steps build on each other (kill, then restart), hence the order.
 *
 * <p>Datasets: alice and dave hold alice's example data (iris, wine), bob and erin bob's (iris,
 * boston-housing), carol hers (iris, boston-housing, breast-cancer).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DhtGridIT {

    private static final List<String> IDS = List.of("alice", "bob", "carol", "dave", "erin");
    private static final Map<String, String> EXAMPLE = Map.of("alice", "alice", "bob", "bob", "carol", "carol",
            "dave", "alice", "erin", "bob");
    /** Short intervals so that records of killed nodes expire within the test. */
    private static final Map<String, String> DHT = Map.of(
            "grid.discovery.dht.rpc-timeout", "500ms",
            "grid.discovery.dht.republish-interval", "2s",
            "grid.discovery.dht.record-ttl", "6s",
            "grid.discovery.dht.refresh-interval", "5s");

    private static LocalGrid grid;
    private static final Map<String, URI> NODES = new LinkedHashMap<>();
    private static final Map<String, LocalGrid.NodeSpec> SPECS = new LinkedHashMap<>();
    private static final Map<String, ServerProcess> PROCESSES = new LinkedHashMap<>();

    @BeforeAll
    static void boot() throws Exception {
        Path examples = Path.of(System.getProperty("grid.examples", "../examples/nodes")).toAbsolutePath().normalize();
        Path logDir = Path.of("target", "it-logs", "DhtGridIT").toAbsolutePath();
        Files.createDirectories(logDir);
        grid = new LocalGrid(Distribution.locate(), logDir);
        List<LocalGrid.NodeSpec> specs = new ArrayList<>();
        for (String id : IDS) {
            int port = ServerProcess.freePort();
            LocalGrid.NodeSpec spec = new LocalGrid.NodeSpec(id, port, examples.resolve(EXAMPLE.get(id)), Map.of());
            specs.add(spec);
            SPECS.put(id, spec);
            NODES.put(id, URI.create("http://127.0.0.1:" + port));
        }
        try {
            grid.startDht(specs, DHT, Duration.ofMinutes(4));
        } catch (Exception | AssertionError e) {
            grid.close();
            throw e;
        }
        for (ServerProcess process : grid.nodes()) {
            PROCESSES.put(process.name().replace("node ", ""), process);
        }
    }

    @AfterAll
    static void stop() {
        if (grid != null) {
            grid.close();
        }
    }

    private static List<String> search(String node, String... tags) {
        try (GatewayClient client = new GatewayClient(NODES.get(node))) {
            SearchResponse answer = client.search(List.of(tags));
            return answer.nodeAddresses().stream().map(pair -> pair.get(0)).toList();
        }
    }

    private static void awaitFromEvery(List<String> askers, List<String> tags, List<String> expected) {
        for (String asker : askers) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(search(asker, tags.toArray(String[]::new)))
                            .as("%s asked for %s", asker, tags).isEqualTo(expected));
        }
    }

    @Test
    @Order(1)
    void everyNodeFindsTheDataOfTheOthers() {
        awaitFromEvery(IDS, List.of("#wine"), List.of("alice", "dave"));
        awaitFromEvery(IDS, List.of("#breast-cancer"), List.of("carol"));
        awaitFromEvery(IDS, List.of("#iris"), IDS);
        awaitFromEvery(IDS, List.of("BOSTON-HOUSING", "regression"), List.of("bob", "carol", "erin"));
        awaitFromEvery(IDS, List.of("#mnist"), List.of());
    }

    @Test
    @Order(2)
    void everyNodeIsAGatewayWithTheDesignsEndpoints() {
        for (String id : IDS) {
            JsonObject health = Http.okObject(Http.get(NODES.get(id), "/health-check"));
            assertThat(health.getString("status")).isEqualTo("UP");
            List<String> names = health.getJsonArray("checks").stream().map(c -> c.asJsonObject().getString("name")).toList();
            assertThat(names).as("%s shows its routing table's peers", id).contains("discovery")
                    .containsAnyOf(IDS.stream().filter(other -> !other.equals(id)).map(other -> "node:" + other).toArray(String[]::new));
            JsonObject discovery = GridIT.check(health, "discovery");
            assertThat(discovery.getJsonObject("data").getString("strategy")).isEqualTo("dht");
        }
        // POST /join on any node adds a contact to its routing table.
        var joined = Http.postJson(NODES.get("bob"), "/join",
                "{\"node-id\": \"carol\", \"node-address\": \"" + NODES.get("carol") + "\"}");
        assertThat(joined.statusCode()).isEqualTo(200);
        assertThat(Http.okObject(Http.get(NODES.get("bob"), "/nodes")).getJsonArray("nodes").stream()
                .map(n -> n.asJsonObject().getString("node-id"))).contains("carol");
        // Every node serves the dashboard and a run board of its own.
        for (String id : IDS) {
            var dashboard = Http.get(NODES.get(id), "/dashboard");
            assertThat(dashboard.statusCode()).as("%s serves /dashboard", id).isEqualTo(200);
            assertThat(Http.contentType(dashboard)).startsWith("text/html");
            assertThat(Http.okObject(Http.get(NODES.get(id), "/training-runs")).getJsonArray("runs")).isEmpty();
        }
        // The PyGrid node protocol is not served: /search has the gateway's shape.
        var search = Http.postJson(NODES.get("alice"), "/search", "{\"query\": [\"#wine\"]}");
        assertThat(Http.okObject(search).containsKey("node-addresses")).isTrue();
    }

    @Test
    @Order(2)
    void theOpenApiDocumentOfADhtNodeListsTheGatewaysEndpointsAndItsOwn() {
        List<String> paths = new ArrayList<>(GridIT.GATEWAY_PATHS);
        GridIT.NODE_PATHS.stream().filter(path -> !paths.contains(path)).forEach(paths::add);
        for (int i = 1; i <= 3; i++) {
            JsonObject document = Http.okObject(Http.get(NODES.get("alice"), "/openapi?format=json"));
            assertThat(document.getJsonObject("paths").keySet()).as("paths of GET /openapi #%d", i)
                    .containsExactlyInAnyOrderElementsOf(paths);
            // /search is the gateway's, not the PyGrid node protocol's.
            assertThat(document.getJsonObject("paths").getJsonObject("/search").getJsonObject("post").getString("summary"))
                    .isEqualTo("Find the nodes that hold tagged data");
        }
    }

    @Test
    @Order(3)
    void searchesStillSucceedAfterTwoNodesAreKilled() throws Exception {
        PROCESSES.get("alice").kill();   // the others' bootstrap node
        PROCESSES.get("carol").kill();
        List<String> survivors = List.of("bob", "dave", "erin");
        awaitFromEvery(survivors, List.of("#wine"), List.of("dave"));
        awaitFromEvery(survivors, List.of("#iris"), survivors);
        awaitFromEvery(survivors, List.of("#boston-housing"), List.of("bob", "erin"));
        awaitFromEvery(survivors, List.of("#breast-cancer"), List.of());
    }

    @Test
    @Order(4)
    void aRestartedNodeRejoinsAndItsDataIsFindableAgain() throws Exception {
        LocalGrid.NodeSpec carol = SPECS.get("carol");
        Map<String, String> config = new LinkedHashMap<>(DHT);
        config.put("grid.discovery.strategy", "dht");
        // Its first bootstrap node is dead: the list goes on to a live one.
        config.put("grid.discovery.dht.bootstrap", NODES.get("alice") + "," + NODES.get("bob"));
        ServerProcess restarted = grid.startNode(new LocalGrid.NodeSpec("carol", carol.port(), carol.dataDir(), config));
        LocalGrid.awaitReady(List.of(restarted), Duration.ofMinutes(3));
        List<String> live = List.of("bob", "carol", "dave", "erin");
        awaitFromEvery(live, List.of("#breast-cancer"), List.of("carol"));
        awaitFromEvery(live, List.of("#iris"), live);
    }
}
