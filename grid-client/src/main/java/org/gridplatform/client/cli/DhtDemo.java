package org.gridplatform.client.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gridplatform.api.SearchResponse;
import org.gridplatform.api.TagQuery;
import org.gridplatform.client.GatewayClient;
import org.gridplatform.client.NodeCredentials;
import org.gridplatform.client.launch.Distribution;
import org.gridplatform.client.launch.LocalGrid;
import org.gridplatform.client.launch.ServerProcess;

/**
 * {@code grid demo --dht}: nodes only, each a gateway through the Kademlia DHT. Every search is
 * asked of every node, and all must give the answer the example data implies.
 */
final class DhtDemo {

    private final PrintWriter out;
    private final int count;

    DhtDemo(PrintWriter out, int count) {
        this.out = out;
        this.count = count;
    }

    int run() throws Exception {
        if (count < 2 || count > 10) {
            throw new IllegalArgumentException("--nodes must be between 2 and 10 with --dht, but is " + count);
        }
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ports.add(ServerProcess.freePort());
        }
        String ownerPassword = DemoTraining.newPassword();
        List<LocalGrid.NodeSpec> specs = DemoTraining.withOwner(Examples.ownCopies(Examples.nodes(count, ports),
                Servers.logDir().resolveSibling("demo-data")), ownerPassword);
        out.printf("Grid demo, fully distributed: %d nodes, each a gateway through a Kademlia DHT, no gateway process "
                + "(logs in %s)%n", count, Servers.logDir());
        out.flush();
        long start = System.nanoTime();
        try (LocalGrid grid = new LocalGrid(Distribution.locate(), Servers.logDir())) {
            Thread hook = Servers.closeOnExit(grid);
            grid.startDht(specs, Map.of("grid.discovery.dht.republish-interval", "5s"), Duration.ofMinutes(3));
            out.printf("All %d nodes ready in %.1f s; the first is the others' bootstrap%n", count, (System.nanoTime() - start) / 1e9);
            List<GatewayClient> clients = grid.nodes().stream().map(n -> new GatewayClient(n.url())).toList();
            boolean ok;
            try {
                awaitPublished(clients, specs);
                ok = searches(clients, specs);
                out.println();
                out.println("Routing table of " + specs.getFirst().id() + " (GET /health-check on it):");
                DemoCommand.health(clients.getFirst(), out);
                NodeCredentials scientist = DemoTraining.addScientist(grid.nodes().stream().map(ServerProcess::url).toList(),
                        ownerPassword, DemoTraining.newPassword());
                ok &= DemoTraining.run(grid.nodes().getLast().url(), scientist, specs, out);
            } finally {
                clients.forEach(GatewayClient::close);
            }
            out.println();
            out.println("Stopping the grid...");
            out.flush();
            grid.close();
            Servers.removeHook(hook);
            out.println(ok ? "Demo finished: every node answered every search as the example data says, and federated"
                    + " training through the DHT came close to central training."
                    : "Demo FAILED: see the WRONG lines above.");
            return ok ? 0 : 1;
        }
    }

    /** Waits until the first query's providers are all findable from the last node, as publishing takes a moment. */
    private void awaitPublished(List<GatewayClient> clients, List<LocalGrid.NodeSpec> specs) throws IOException, InterruptedException {
        TagQuery iris = TagQuery.of(List.of("#iris"));
        List<String> expected = DemoCommand.expected(specs, iris, true);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!found(clients.getLast().search(List.of("#iris"))).equals(expected)) {
            if (System.nanoTime() > deadline) {
                throw new IOException("The nodes' tags were not findable through the DHT within 60 s");
            }
            Thread.sleep(250);
        }
    }

    private boolean searches(List<GatewayClient> clients, List<LocalGrid.NodeSpec> specs) throws IOException {
        out.println();
        out.println("Searches (POST /search asked of every node; with the DHT a node matches when its datasets together "
                + "carry every tag):");
        Table table = new Table("query", "node-addresses", "asked", "check");
        boolean ok = true;
        for (List<String> query : DemoCommand.queries()) {
            List<String> expected = DemoCommand.expected(specs, TagQuery.of(query), true);
            int agree = 0;
            List<String> wrong = new ArrayList<>();
            for (int i = 0; i < clients.size(); i++) {
                List<String> found = found(clients.get(i).search(query));
                if (found.equals(expected)) {
                    agree++;
                } else {
                    wrong.add(specs.get(i).id() + " said " + found);
                }
            }
            ok &= wrong.isEmpty();
            table.row(String.join(" ", query), expected.isEmpty() ? "(none)" : String.join(", ", expected),
                    agree + "/" + clients.size() + " nodes", wrong.isEmpty() ? "ok" : "WRONG: " + String.join("; ", wrong));
        }
        table.print(out);
        return ok;
    }

    private static List<String> found(SearchResponse answer) {
        return answer.nodeAddresses().stream().map(pair -> pair.get(0)).toList();
    }
}
