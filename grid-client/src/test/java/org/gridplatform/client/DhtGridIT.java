package org.gridplatform.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridplatform.api.SearchResponse;
import org.gridplatform.client.federated.FederatedTraining;
import org.gridplatform.client.federated.TrainingResult;
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
 * boston-housing), carol hers (iris, boston-housing, breast-cancer), each in a copy of its own under
 * {@code target/it-data}, where it also keeps its signing key ({@code .node-key}).
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

    private static final String PASSWORD = "it-owner-" + Long.toHexString(System.nanoTime());

    private static LocalGrid grid;
    private static final Map<String, URI> NODES = new LinkedHashMap<>();
    private static final Map<String, LocalGrid.NodeSpec> SPECS = new LinkedHashMap<>();
    private static final Map<String, ServerProcess> PROCESSES = new LinkedHashMap<>();

    @BeforeAll
    static void boot() throws Exception {
        Path examples = Path.of(System.getProperty("grid.examples", "../examples/nodes")).toAbsolutePath().normalize();
        Path data = Path.of("target", "it-data", "DhtGridIT").toAbsolutePath();
        Path logDir = Path.of("target", "it-logs", "DhtGridIT").toAbsolutePath();
        Files.createDirectories(logDir);
        grid = new LocalGrid(Distribution.locate(), logDir);
        List<LocalGrid.NodeSpec> specs = new ArrayList<>();
        for (String id : IDS) {
            int port = ServerProcess.freePort();
            LocalGrid.NodeSpec spec = new LocalGrid.NodeSpec(id, port, copy(examples.resolve(EXAMPLE.get(id)), data.resolve(id)),
                    Map.of("grid.node.owner-password", PASSWORD));
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

    /** Copies a node's example datasets (not its dot files) into a fresh directory of its own. */
    private static Path copy(Path from, Path to) throws IOException {
        if (Files.exists(to)) {
            try (var walk = Files.walk(to)) {
                walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path file : files.filter(f -> !f.getFileName().toString().startsWith(".")).toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
        return to;
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

    /**
     * A hostile node (in this test's process, with a key of its own) tries to announce itself as the provider of
     * carol's data, under carol's id and under alice's, and to enter the routing tables as carol. Every node
     * refuses the records (carol's and alice's ids are bound to their own keys), and searches still find only
     * carol, at her address.
     */
    @Test
    @Order(2)
    void aHostileNodeCannotPublishItselfAsTheProviderOfAnotherNodesData() throws Exception {
        String carol = NODES.get("carol").toString();
        try (Impostor mallory = new Impostor("carol")) {
            for (String id : IDS) {
                URI node = NODES.get(id);
                var atMallorys = Http.postJson(node, "/discovery/store", mallory.store("breast-cancer", "carol", mallory.address()));
                var atCarols = Http.postJson(node, "/discovery/store", mallory.store("breast-cancer", "carol", carol));
                var alices = Http.postJson(node, "/discovery/store", mallory.store("breast-cancer", "alice", mallory.address()));
                if (!id.equals("carol")) {
                    assertThat(GridIT.assertProblem(atMallorys, 409, "/discovery/store").getString("detail"))
                            .isEqualTo("The provider record of \"carol\" is refused: this node knows \"carol\" by another public"
                                    + " key, which signed its records first; records signed by other keys are refused until"
                                    + " those expire");
                    assertThat(atCarols.statusCode()).as("carol's address, another key, at %s", id).isEqualTo(409);
                }
                if (!id.equals("alice")) {
                    assertThat(alices.statusCode()).as("in alice's name, at %s", id).isEqualTo(409);
                }
                // It tells every node that carol is at its address: each pings it back, and refuses its key.
                var ping = Http.postJson(node, "/discovery/ping",
                        "{\"sender\": {\"id\": \"carol\", \"address\": \"" + mallory.address() + "\"}}");
                assertThat(ping.statusCode()).isEqualTo(id.equals("carol") ? 400 : 200);
            }
            Thread.sleep(2_000); // the pings back (rpc-timeout 500ms)
            for (String asker : IDS) {
                assertThat(searchPairs(asker, "#breast-cancer")).as("%s asked", asker).containsExactly(List.of("carol", carol));
                if (!asker.equals("carol")) {
                    assertThat(Http.okObject(Http.get(NODES.get(asker), "/nodes")).getJsonArray("nodes").stream()
                            .map(n -> n.asJsonObject()).filter(n -> n.getString("node-id").equals("carol"))
                            .map(n -> n.getString("node-address")).toList()).as("carol in %s's routing table", asker)
                            .containsExactly(carol);
                }
            }
        }
    }

    private static List<List<String>> searchPairs(String node, String... tags) {
        try (GatewayClient client = new GatewayClient(NODES.get(node))) {
            return client.search(List.of(tags)).nodeAddresses();
        }
    }

    @Test
    @Order(3)
    void aNodesRunBoardTakesReportsFromItsOwnUsersOnly() {
        URI alice = NODES.get("alice");
        var anonymous = Http.postJson(alice, "/training-runs", "{\"run-id\": \"forged\", \"tags\": [\"#wine\"], "
                + "\"backend\": \"tribuo-logistic\", \"nodes\": [\"alice\"], \"rounds\": 1, \"round\": 1, \"status\": \"completed\"}");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(Http.contentType(anonymous)).startsWith("application/problem+json");

        // A run that enters the grid at alice, one of its nodes, reports to her board with her credentials.
        TrainingResult result = FederatedTraining.builder(alice).tags(List.of("#wine")).backend("tribuo-logistic")
                .credentials(NodeCredentials.password("owner", PASSWORD)).rounds(2).stepTimeout(Duration.ofSeconds(60))
                .build().run();
        assertThat(result.history()).hasSize(2);
        await("the run's last report on alice's board").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    var runs = Http.okObject(Http.get(alice, "/training-runs")).getJsonArray("runs");
                    assertThat(runs).hasSize(1);
                    JsonObject run = runs.getJsonObject(0);
                    assertThat(run.getString("status")).isEqualTo("completed");
                    assertThat(run.getInt("round")).isEqualTo(2);
                    assertThat(run.getJsonArray("nodes").getValuesAs(jakarta.json.JsonString::getString)).containsExactly("alice", "dave");
                });
    }

    @Test
    @Order(4)
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
    @Order(5)
    void aRestartedNodeRejoinsAndItsDataIsFindableAgain() throws Exception {
        LocalGrid.NodeSpec carol = SPECS.get("carol");
        String keyBefore = Files.readString(carol.dataDir().resolve(".node-key"));
        Map<String, String> config = new LinkedHashMap<>(DHT);
        config.put("grid.discovery.strategy", "dht");
        // Its first bootstrap node is dead: the list goes on to a live one.
        config.put("grid.discovery.dht.bootstrap", NODES.get("alice") + "," + NODES.get("bob"));
        ServerProcess restarted = grid.startNode(new LocalGrid.NodeSpec("carol", carol.port(), carol.dataDir(), config));
        LocalGrid.awaitReady(List.of(restarted), Duration.ofMinutes(3));
        List<String> live = List.of("bob", "carol", "dave", "erin");
        awaitFromEvery(live, List.of("#breast-cancer"), List.of("carol"));
        awaitFromEvery(live, List.of("#iris"), live);
        // It kept its signing key, so that it is still the same "carol" to the others.
        assertThat(Files.readString(carol.dataDir().resolve(".node-key"))).isEqualTo(keyBefore);
        JsonObject discovery = GridIT.check(Http.okObject(Http.get(NODES.get("carol"), "/health-check")), "discovery");
        assertThat(keyBefore).contains(pem(Base64.getUrlDecoder().decode(discovery.getJsonObject("data").getString("public-key"))));
    }

    /** @return DER bytes as the base64 body of a PEM block (lines of 64) */
    private static String pem(byte[] der) {
        return Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    }

    /**
     * A hostile DHT node in the test's process, on 127.0.0.1: it claims a node id with an Ed25519 key of its own,
     * answers every DHT message with a node record of that id at its own address (stores are never kept), and
     * signs provider records in any node's name, in the encoding of docs/security.md ("Signed DHT records"),
     * written here independently of the plugin.
     */
    private static final class Impostor implements AutoCloseable {
        private final String id;
        private final KeyPair keys;
        private final HttpServer server;

        Impostor(String id) throws Exception {
            this.id = id;
            this.keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/discovery/", exchange -> {
                try (exchange) {
                    byte[] body = ("{\"sender\": " + nodeRecord() + ", \"stored\": false, \"contacts\": [], \"providers\": []}")
                            .getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                }
            });
            server.start();
        }

        String address() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        private String nodeRecord() {
            long now = System.currentTimeMillis();
            return record("grid-dht-node-v1", null, id, address(), now, now + 60_000);
        }

        /** @return the body of a store, from {@code provider} at {@code at}, of a record that it provides the tag */
        String store(String normalTag, String provider, String at) throws Exception {
            byte[] key = MessageDigest.getInstance("SHA-256").digest(normalTag.getBytes(StandardCharsets.UTF_8));
            long now = System.currentTimeMillis();
            return "{\"sender\": {\"id\": \"" + provider + "\", \"address\": \"" + at + "\"}, \"key\": \""
                    + HexFormat.of().formatHex(key) + "\", \"record\": "
                    + record("grid-dht-provider-v1", key, provider, at, now, now + 60_000) + "}";
        }

        private String record(String domain, byte[] key, String nodeId, String address, long issuedAt, long expiresAt) {
            try {
                byte[] publicKey = keys.getPublic().getEncoded();
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                DataOutputStream out = new DataOutputStream(bytes);
                for (byte[] field : new byte[][] {domain.getBytes(StandardCharsets.UTF_8), key,
                        nodeId.getBytes(StandardCharsets.UTF_8), address.getBytes(StandardCharsets.UTF_8), publicKey}) {
                    if (field != null) {
                        out.writeInt(field.length);
                        out.write(field);
                    }
                }
                out.writeLong(issuedAt);
                out.writeLong(expiresAt);
                Signature signer = Signature.getInstance("Ed25519");
                signer.initSign(keys.getPrivate());
                signer.update(bytes.toByteArray());
                Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
                return "{\"id\": \"" + nodeId + "\", \"address\": \"" + address + "\", \"public-key\": \""
                        + base64.encodeToString(publicKey) + "\", \"issued-at\": " + issuedAt + ", \"expires-at\": " + expiresAt
                        + ", \"signature\": \"" + base64.encodeToString(signer.sign()) + "\"}";
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
