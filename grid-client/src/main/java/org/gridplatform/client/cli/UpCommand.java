package org.gridplatform.client.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.gridplatform.client.TrustStore;
import org.gridplatform.client.launch.Distribution;
import org.gridplatform.client.launch.LocalGrid;
import org.gridplatform.client.launch.ServerProcess;
import org.gridplatform.client.launch.ServerTls;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code grid up}: a gateway and N nodes with the example datasets, until Ctrl-C. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Start a gateway and N nodes with the example datasets on 127.0.0.1, and keep them running until Ctrl-C.")
final class UpCommand implements Callable<Integer> {

    @Option(names = "--nodes", defaultValue = "3", description = "How many nodes, 1 to 20 (default: ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--port", defaultValue = "8080", description = "The gateway's port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--dht", description = "A fully distributed grid: every node is a gateway (Kademlia DHT), no gateway process.")
    boolean dht;

    @Option(names = "--node-port", defaultValue = "8181",
            description = "The first node's port; the others follow (default: ${DEFAULT-VALUE}).")
    int nodePort;

    @Option(names = "--node-https-port", defaultValue = "8444",
            description = "With --key-store: the first node's HTTPS port; the others follow (default: ${DEFAULT-VALUE}; "
                    + "the gateway's is --https-port, default 8443).")
    int nodeHttpsPort;

    @Mixin
    ServerTlsOptions tlsOptions;

    @Mixin
    TrustOptions trustOptions;

    @Override
    public Integer call() throws Exception {
        if (nodes < 1 || nodes > 20) {
            throw new IllegalArgumentException("--nodes must be between 1 and 20, but is " + nodes);
        }
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            ports.add(nodePort + i);
        }
        int httpsPort = tlsOptions.httpsPort(8443);
        TrustStore trust = trustOptions.load();
        ServerTls tls = tlsOptions.serverTls(trust);
        LocalGrid grid = new LocalGrid(Distribution.locate(), Servers.logDir()).tls(tls);
        Thread hook = Servers.closeOnExit(grid);
        System.out.println("Starting " + (dht ? "" : "a gateway and ") + nodes + " node(s)" + (dht ? " with the DHT" : "")
                + " on 127.0.0.1; logs in " + Servers.logDir());
        // No default credential: the owners' password comes from the environment, or is made for this run.
        String ownerPassword = Optional.ofNullable(System.getenv("GRID_NODE_OWNER_PASSWORD")).filter(t -> !t.isBlank())
                .orElseGet(DemoTraining::newPassword);
        Path data = Servers.logDir().resolveSibling("data");
        List<LocalGrid.NodeSpec> specs = Examples.ownCopies(Examples.nodes(nodes, ports), data).stream()
                .map(n -> new LocalGrid.NodeSpec(n.id(), n.port(), tls.https() ? nodeHttpsPort + ports.indexOf(n.port()) : 0,
                        n.dataDir(), Map.of("grid.node.owner-password", ownerPassword)))
                .toList();
        System.out.println("Each node's data directory is under " + data + " (seeded from examples/nodes the first time)");
        try {
            if (dht) {
                grid.startDht(specs, Map.of(), Duration.ofMinutes(3));
            } else {
                grid.start(port, httpsPort, Map.of(), specs, Duration.ofMinutes(3));
            }
        } catch (Exception e) {
            grid.close();
            Servers.removeHook(hook);
            throw e;
        }
        Table table = new Table("server", "url", "log");
        for (ServerProcess server : grid.servers()) {
            table.row(server.name(), Servers.listeners(server, tls), server.log());
        }
        table.print(new java.io.PrintWriter(System.out, true));
        var entry = dht ? grid.nodes().getFirst() : grid.gateway();
        System.out.println("Dashboard: " + entry.url() + "/dashboard" + (dht ? " (every node serves one)" : ""));
        System.out.println("Try: curl -s" + (tls.https() ? " --cacert <the certificate, PEM>" : "") + " -X POST " + entry.url()
                + "/search -H 'Content-Type: application/json' -d '{\"query\": [\"#iris\"]}'");
        String scientistPassword = DemoTraining.newPassword();
        DemoTraining.addScientist(grid.nodes().stream().map(ServerProcess::url).toList(), ownerPassword, scientistPassword,
                trust == null ? null : trust.sslContext());
        System.out.println("Every node's owner (uploads, users): user " + DemoTraining.OWNER + ", password " + ownerPassword);
        System.out.println("Every node's scientist (training):   user " + DemoTraining.SCIENTIST + ", password " + scientistPassword);
        System.out.println("Train: GRID_USER=" + DemoTraining.SCIENTIST + " GRID_PASSWORD=" + scientistPassword + " ./grid train --gateway "
                + entry.url() + (tls.https() && trust != null ? " --trust-store " + trust.file() : "")
                + " --tags '#iris' --backend tribuo-logistic --rounds 20 --out iris.tribuo");
        System.out.println("Press Ctrl-C to stop.");
        awaitEnd(grid, dht ? null : grid.gateway());
        grid.close();
        Servers.removeHook(hook);
        return 1;
    }

    /**
     * Runs until Ctrl-C (the hook stops the servers), the gateway dies, or every node has. A node that dies is
     * reported and the grid goes on without it, as a real one does: the dashboard shows it DOWN.
     *
     * @param gateway the gateway, or {@code null} in a DHT grid
     */
    private static void awaitEnd(LocalGrid grid, ServerProcess gateway) throws Exception {
        Set<ServerProcess> reported = new HashSet<>();
        while (!grid.closing()) {
            for (ServerProcess server : grid.servers()) {
                if (!server.isAlive() && !grid.closing() && reported.add(server)) {
                    boolean goesOn = server != gateway && grid.nodes().stream().anyMatch(ServerProcess::isAlive);
                    System.err.println("grid: " + server.name() + " stopped; see " + server.log()
                            + (goesOn ? ". The grid goes on without it (health sweeps mark it DOWN; the dashboard shows it)."
                            : ""));
                }
            }
            if (grid.closing() || gateway != null && !gateway.isAlive() || grid.nodes().stream().noneMatch(ServerProcess::isAlive)) {
                return;
            }
            CompletableFuture.anyOf(grid.servers().stream().filter(ServerProcess::isAlive)
                    .map(server -> server.handle().onExit()).toArray(CompletableFuture[]::new)).get();
        }
    }
}
