package org.gridplatform.client.cli;

import jakarta.json.bind.JsonbBuilder;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.gridplatform.api.SearchResponse;
import org.gridplatform.client.GatewayClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code grid search '#iris' ...}: which nodes hold a dataset with every tag. */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Find the nodes that hold a dataset carrying every given tag ('#' optional, case-insensitive).")
final class SearchCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "TAG", description = "Tags, such as '#iris'.")
    List<String> tags;

    @Option(names = "--gateway", defaultValue = "${env:GRID_GATEWAY:-http://127.0.0.1:8080}",
            description = "The gateway (default: $GRID_GATEWAY or http://127.0.0.1:8080).")
    URI gateway;

    @Option(names = "--json", description = "Print the gateway's JSON answer.")
    boolean json;

    @Mixin
    TrustOptions trustOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (GatewayClient client = new GatewayClient(gateway, Duration.ofSeconds(10), trustOptions.sslContext())) {
            SearchResponse answer = client.search(tags);
            if (json) {
                out.println(JsonbBuilder.create().toJson(answer));
            } else {
                Table table = new Table("node-id", "node-address");
                answer.nodeAddresses().forEach(pair -> table.row(pair.get(0), pair.get(1)));
                table.print(out);
                if (!answer.unanswered().isEmpty()) {
                    out.println("Did not answer in time: " + String.join(", ", answer.unanswered()));
                }
            }
            out.flush();
            return 0;
        }
    }
}
