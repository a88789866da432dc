package org.gridplatform.client.cli;

import jakarta.json.bind.JsonbBuilder;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.gridplatform.api.NodeList;
import org.gridplatform.client.GatewayClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code grid nodes}: the nodes registered with a gateway. */
@Command(name = "nodes", mixinStandardHelpOptions = true, description = "List the nodes registered with a gateway.")
final class NodesCommand implements Callable<Integer> {

    @Option(names = "--gateway", defaultValue = "${env:GRID_GATEWAY:-http://127.0.0.1:8080}",
            description = "The gateway (default: $GRID_GATEWAY or http://127.0.0.1:8080).")
    URI gateway;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Mixin
    TrustOptions trustOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (GatewayClient client = new GatewayClient(gateway, Duration.ofSeconds(10), trustOptions.sslContext())) {
            var nodes = client.nodes();
            if (json) {
                out.println(JsonbBuilder.create().toJson(new NodeList(nodes)));
            } else {
                Table table = new Table("node-id", "node-address", "joined-at", "last-seen");
                nodes.forEach(n -> table.row(n.nodeId(), n.nodeAddress(), n.joinedAt(), n.lastSeen()));
                table.print(out);
            }
            out.flush();
            return 0;
        }
    }
}
