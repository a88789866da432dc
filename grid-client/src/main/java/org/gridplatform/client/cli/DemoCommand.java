package org.gridplatform.client.cli;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gridplatform.api.SearchResponse;
import org.gridplatform.api.TagQuery;
import org.gridplatform.client.GatewayClient;
import org.gridplatform.client.NodeCredentials;
import org.gridplatform.client.launch.Distribution;
import org.gridplatform.client.launch.LocalGrid;
import org.gridplatform.client.launch.ServerProcess;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code grid demo}: starts a gateway and nodes on free ports, waits until every node has joined,
 * runs searches through the gateway and checks each answer against the example data, shows the
 * health check, trains a model across the nodes ({@link DemoTraining}), stops everything, and exits 0
 * only if every answer was right and the federated model came close to the central one.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start a gateway and nodes (or, with --dht, nodes only), search the grid, show its health, train a model"
                + " across the nodes and compare it with central training, stop; "
                + "exits non-zero if anything failed.")
final class DemoCommand implements Callable<Integer> {

    private static final List<List<String>> QUERIES = List.of(
            List.of("#iris"),
            List.of("#wine"),
            List.of("#boston-housing"),
            List.of("#Breast-Cancer"),
            List.of("classification", "#WINE"),
            List.of("#iris", "#regression"),
            List.of("#MNIST"));

    @Option(names = "--nodes", description = "How many nodes, 1 to 10 (default: 3, or 5 with --dht).")
    Integer nodeCount;

    @Option(names = "--dht", description = "A fully distributed grid: every node is a gateway (Kademlia DHT), no gateway process.")
    boolean dht;

    int nodes;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        nodes = nodeCount != null ? nodeCount : dht ? 5 : 3;
        if (dht) {
            return new DhtDemo(spec.commandLine().getOut(), nodes).run();
        }
        if (nodes < 1 || nodes > 10) {
            throw new IllegalArgumentException("--nodes must be between 1 and 10, but is " + nodes);
        }
        PrintWriter out = spec.commandLine().getOut();
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            ports.add(ServerProcess.freePort());
        }
        String ownerPassword = DemoTraining.newPassword();
        List<LocalGrid.NodeSpec> specs = DemoTraining.withOwner(Examples.ownCopies(Examples.nodes(nodes, ports),
                Servers.logDir().resolveSibling("demo-data")), ownerPassword);
        out.printf("Grid demo: one gateway and %d nodes, each a Payara Micro process on 127.0.0.1 (logs in %s)%n",
                nodes, Servers.logDir());
        long start = System.nanoTime();
        try (LocalGrid grid = new LocalGrid(Distribution.locate(), Servers.logDir())) {
            Thread hook = Servers.closeOnExit(grid);
            out.flush();
            grid.start(ServerProcess.freePort(), Map.of(), specs, Duration.ofMinutes(3));
            out.printf("All %d servers ready in %.1f s; gateway at %s%n", nodes + 1, (System.nanoTime() - start) / 1e9,
                    grid.gateway().url());
            boolean ok;
            try (GatewayClient gateway = new GatewayClient(grid.gateway().url())) {
                awaitJoined(gateway, specs, out);
                ok = searches(gateway, specs, out);
                health(gateway, out);
            }
            NodeCredentials scientist = DemoTraining.addScientist(grid.nodes().stream().map(ServerProcess::url).toList(),
                        ownerPassword, DemoTraining.newPassword());
                ok &= DemoTraining.run(grid.gateway().url(), scientist, specs, out);
            out.println();
            out.println("Stopping the grid...");
            out.flush();
            grid.close();
            Servers.removeHook(hook);
            out.println(ok ? "Demo finished: every search answered as the example data says, and federated training"
                    + " came close to central training."
                    : "Demo FAILED: see the WRONG lines above.");
            return ok ? 0 : 1;
        }
    }

    private static void awaitJoined(GatewayClient gateway, List<LocalGrid.NodeSpec> specs, PrintWriter out)
            throws InterruptedException, IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (gateway.nodes().size() < specs.size()) {
            if (System.nanoTime() > deadline) {
                throw new IOException("Only " + gateway.nodes().size() + " of " + specs.size() + " nodes joined the gateway within 60 s");
            }
            Thread.sleep(200);
        }
        out.println();
        out.println("Registered nodes (GET /nodes):");
        Table table = new Table("node-id", "node-address", "datasets");
        for (var node : gateway.nodes()) {
            LocalGrid.NodeSpec spec = specs.stream().filter(s -> s.id().equals(node.nodeId())).findFirst().orElseThrow();
            table.row(node.nodeId(), node.nodeAddress(), String.join(", ", datasetIds(spec.dataDir())));
        }
        table.print(out);
    }

    static List<List<String>> queries() {
        return QUERIES;
    }

    private static boolean searches(GatewayClient gateway, List<LocalGrid.NodeSpec> specs, PrintWriter out) throws IOException {
        out.println();
        out.println("Searches (POST /search; a node matches when one of its datasets carries every tag):");
        Table table = new Table("query", "node-addresses", "time", "check");
        boolean ok = true;
        for (List<String> query : QUERIES) {
            long start = System.nanoTime();
            SearchResponse answer = gateway.search(query);
            long millis = (System.nanoTime() - start) / 1_000_000;
            List<String> found = answer.nodeAddresses().stream().map(pair -> pair.get(0)).toList();
            List<String> expected = expected(specs, TagQuery.of(query));
            boolean right = found.equals(expected) && answer.unanswered().isEmpty();
            ok &= right;
            table.row(String.join(" ", query), found.isEmpty() ? "(none)" : String.join(", ", found), millis + " ms",
                    right ? "ok" : "WRONG, expected " + expected + (answer.unanswered().isEmpty() ? "" : ", unanswered " + answer.unanswered()));
        }
        table.print(out);
        return ok;
    }

    static void health(GatewayClient gateway, PrintWriter out) {
        JsonObject health = gateway.healthCheck();
        out.println();
        out.println("Health (GET /health-check): " + health.getString("status"));
        Table table = new Table("check", "status", "address", "round-trip");
        for (JsonValue value : health.getJsonArray("checks")) {
            JsonObject check = value.asJsonObject();
            JsonObject data = check.containsKey("data") ? check.getJsonObject("data") : JsonValue.EMPTY_JSON_OBJECT;
            table.row(check.getString("name"), check.getString("status"), data.getString("address", ""),
                    data.containsKey("round-trip-ms") ? data.getJsonNumber("round-trip-ms").longValue() + " ms" : "");
        }
        table.print(out);
    }

    /** The nodes that should match, computed from the example files themselves rather than from any server. */
    static List<String> expected(List<LocalGrid.NodeSpec> specs, TagQuery query) throws IOException {
        return expected(specs, query, false);
    }

    /**
     * @param perNode {@code false}: a node matches when one dataset carries every tag (central);
     *                {@code true}: when its datasets together carry every tag (the DHT intersects providers per tag)
     */
    static List<String> expected(List<LocalGrid.NodeSpec> specs, TagQuery query, boolean perNode) throws IOException {
        if (perNode) {
            List<String> ids = new ArrayList<>();
            for (LocalGrid.NodeSpec spec : specs) {
                List<String> all = new ArrayList<>();
                for (List<String> tags : tagSets(spec.dataDir())) {
                    all.addAll(tags);
                }
                if (query.matches(all)) {
                    ids.add(spec.id());
                }
            }
            return ids.stream().sorted().toList();
        }
        List<String> ids = new ArrayList<>();
        try (Jsonb jsonb = JsonbBuilder.create()) {
            for (LocalGrid.NodeSpec spec : specs) {
                for (String id : datasetIds(spec.dataDir())) {
                    try (Reader in = Files.newBufferedReader(spec.dataDir().resolve(id + ".meta.json"))) {
                        Meta meta = jsonb.fromJson(in, Meta.class);
                        if (query.matches(meta.tags())) {
                            ids.add(spec.id());
                            break;
                        }
                    }
                }
            }
        } catch (Exception e) {
            throw new IOException("Could not read the example metadata: " + e.getMessage(), e);
        }
        return ids.stream().sorted().toList();
    }

    private static List<List<String>> tagSets(Path dir) throws IOException {
        List<List<String>> sets = new ArrayList<>();
        try (Jsonb jsonb = JsonbBuilder.create()) {
            for (String id : datasetIds(dir)) {
                try (Reader in = Files.newBufferedReader(dir.resolve(id + ".meta.json"))) {
                    sets.add(jsonb.fromJson(in, Meta.class).tags());
                }
            }
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("Could not read the example metadata: " + e.getMessage(), e);
        }
        return sets;
    }

    static List<String> datasetIds(Path dir) throws IOException {
        List<String> ids = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.csv")) {
            files.forEach(f -> ids.add(f.getFileName().toString().replaceFirst("\\.csv$", "")));
        }
        return ids.stream().sorted().toList();
    }

    /** The part of a metadata file the demo checks against. */
    public record Meta(List<String> tags) {
    }
}
