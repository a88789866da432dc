package org.gridplatform.client.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gridplatform.api.NodeAddress;
import org.gridplatform.api.NodeIds;
import org.gridplatform.client.launch.Distribution;
import org.gridplatform.client.launch.LocalGrid;
import org.gridplatform.client.launch.ServerProcess;
import org.gridplatform.client.launch.ServerTls;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code grid node}: runs a node in the foreground. */
@Command(name = "node", mixinStandardHelpOptions = true,
        description = "Run a node on 127.0.0.1 in the foreground, until Ctrl-C. It joins the gateway and re-joins periodically.")
final class NodeCommand implements Callable<Integer> {

    @Option(names = "--id", required = true, description = "The node's id: 1-64 letters, digits, '-', '_' or '.'.")
    String id;

    @Option(names = "--port", defaultValue = "8181", description = "HTTP port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--gateway", description = "The gateway to join, such as http://127.0.0.1:8080. Without it the node runs alone.")
    String gateway;

    @Option(names = "--data", required = true, description = "The directory of datasets: <id>.csv files with <id>.meta.json beside them.")
    Path data;

    @Option(names = "--address", description = "The address the gateway gives to clients (default: https://127.0.0.1:<https-port> "
            + "with --key-store, else http://127.0.0.1:<port>).")
    String address;

    @Option(names = "--rejoin-interval", defaultValue = "30s", description = "How often to re-join the gateway (default: ${DEFAULT-VALUE}).")
    String rejoinInterval;

    @Mixin
    ServerTlsOptions tlsOptions;

    @Mixin
    TrustOptions trustOptions;

    @Override
    public Integer call() throws Exception {
        NodeIds.validate(id, "--id");
        if (!Files.isDirectory(data)) {
            throw new IllegalArgumentException("--data " + data + " is not a directory");
        }
        int httpsPort = tlsOptions.httpsPort(null);
        ServerTls tls = tlsOptions.serverTls(trustOptions.load());
        Map<String, String> config = new LinkedHashMap<>();
        config.put("grid.node.id", id);
        String own = tls.https() ? "https://127.0.0.1:" + httpsPort : "http://127.0.0.1:" + port;
        config.put("grid.node.address", address == null ? own : NodeAddress.parse(address, "--address").toString());
        if (gateway != null) {
            config.put("grid.node.gateway", NodeAddress.parse(gateway, "--gateway").toString());
        }
        config.put("grid.node.data-dir", data.toAbsolutePath().normalize().toString());
        config.put("grid.node.rejoin-interval", rejoinInterval);
        Distribution dist = Distribution.locate();
        try (ServerProcess node = ServerProcess.start(dist, dist.nodeWar(), "node " + id, port, httpsPort, config, LocalGrid.NODE_HEAP,
                List.of(), List.of(), null, tls)) {
            Thread hook = Servers.closeOnExit(node);
            node.awaitReady(Duration.ofMinutes(3));
            System.out.println("Node " + id + " ready at " + Servers.listeners(node, tls) + (gateway == null ? "" : ", joining " + gateway));
            int code = node.handle().onExit().thenApply(p -> 0).get();
            Servers.removeHook(hook);
            return code;
        }
    }
}
