package org.gridplatform.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridplatform.client.launch.Distribution;
import org.gridplatform.client.launch.LocalGrid;
import org.gridplatform.client.launch.ServerProcess;

/**
 * A gateway and the three example nodes (alice, bob, carol with {@code examples/nodes/<id>}), each
 * a Payara Micro process running the built WARs on 127.0.0.1, booted once per test class.
 */
final class ExampleGrid implements AutoCloseable {

    /** The example nodes, in id order. */
    static final List<String> NODE_IDS = List.of("alice", "bob", "carol");

    /** How long one server may take to boot: several Payara Micro boot at once on few cores. */
    private static final Duration BOOT_TIMEOUT = Duration.ofMinutes(4);

    final LocalGrid grid;
    final Path logDir;
    final Map<String, String> gatewayConfig;
    final URI gateway;
    /** Node id to its base URL ({@code http://127.0.0.1:<port>}), in id order. */
    final Map<String, URI> nodes = new LinkedHashMap<>();
    /** Node id to its data directory. */
    final Map<String, Path> dataDirs = new LinkedHashMap<>();

    private ExampleGrid(LocalGrid grid, Path logDir, Map<String, String> gatewayConfig, URI gateway) {
        this.grid = grid;
        this.logDir = logDir;
        this.gatewayConfig = gatewayConfig;
        this.gateway = gateway;
    }

    /**
     * Boots the grid and waits until every node is ready and has joined the gateway.
     *
     * @param name          the test class, naming the log directory {@code target/it-logs/<name>}
     * @param gatewayConfig the gateway's configuration
     * @param nodeConfig    every node's extra configuration
     */
    static ExampleGrid boot(String name, Map<String, String> gatewayConfig, Map<String, String> nodeConfig)
            throws IOException, InterruptedException {
        Path examples = examples();
        return boot(name, gatewayConfig, nodeConfig, examples::resolve);
    }

    /** @return the example nodes' data directories ({@code examples/nodes}) */
    static Path examples() {
        Path examples = Path.of(System.getProperty("grid.examples", "../examples/nodes")).toAbsolutePath().normalize();
        assertThat(examples).as("the example datasets (system property grid.examples)").isDirectory();
        return examples;
    }

    /**
     * Boots the grid with other data directories.
     *
     * @param dataDirs each node id's data directory
     */
    static ExampleGrid boot(String name, Map<String, String> gatewayConfig, Map<String, String> nodeConfig,
                            java.util.function.Function<String, Path> dataDirs) throws IOException, InterruptedException {
        Path logDir = Path.of("target", "it-logs", name).toAbsolutePath();
        Files.createDirectories(logDir);
        LocalGrid grid = new LocalGrid(Distribution.locate(), logDir);
        int gatewayPort = ServerProcess.freePort();
        List<LocalGrid.NodeSpec> specs = new ArrayList<>();
        ExampleGrid example = new ExampleGrid(grid, logDir, Map.copyOf(gatewayConfig), URI.create("http://127.0.0.1:" + gatewayPort));
        for (String id : NODE_IDS) {
            int port = freePortOtherThan(gatewayPort, specs);
            Path data = dataDirs.apply(id);
            specs.add(new LocalGrid.NodeSpec(id, port, data, nodeConfig));
            example.nodes.put(id, URI.create("http://127.0.0.1:" + port));
            example.dataDirs.put(id, data);
        }
        try {
            grid.start(gatewayPort, gatewayConfig, specs, BOOT_TIMEOUT);
            example.awaitRegistered(NODE_IDS, Duration.ofSeconds(90));
        } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            grid.close();
            throw e;
        }
        return example;
    }

    private static int freePortOtherThan(int gatewayPort, List<LocalGrid.NodeSpec> taken) {
        while (true) {
            int port = ServerProcess.freePort();
            if (port != gatewayPort && taken.stream().noneMatch(s -> s.port() == port)) {
                return port;
            }
        }
    }

    /** Waits until GET /nodes lists exactly these nodes, each at its own address. */
    void awaitRegistered(List<String> ids, Duration atMost) {
        Map<String, String> expected = new LinkedHashMap<>();
        ids.forEach(id -> expected.put(id, nodes.get(id).toString()));
        await("nodes " + ids + " registered at the gateway " + gateway)
                .atMost(atMost)
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .untilAsserted(() -> assertThat(registered()).isEqualTo(expected));
    }

    /** @return GET /nodes as node id to address, in the order the gateway lists them */
    Map<String, String> registered() {
        Map<String, String> registered = new LinkedHashMap<>();
        for (var node : Http.okObject(Http.get(gateway, "/nodes")).getJsonArray("nodes")) {
            JsonObject entry = node.asJsonObject();
            registered.put(entry.getString("node-id"), entry.getString("node-address"));
        }
        return registered;
    }

    /** @return the process of one node */
    ServerProcess process(String id) {
        return grid.nodes().stream().filter(s -> s.name().equals("node " + id)).findFirst().orElseThrow();
    }

    @Override
    public void close() {
        grid.close();
    }
}
