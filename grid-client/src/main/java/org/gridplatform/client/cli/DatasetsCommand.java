package org.gridplatform.client.cli;

import jakarta.json.bind.JsonbBuilder;
import java.io.PrintWriter;
import java.net.URI;
import java.util.concurrent.Callable;
import org.gridplatform.api.DatasetList;
import org.gridplatform.client.NodeClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code grid datasets --node URL}: a node's datasets, metadata only. */
@Command(name = "datasets", mixinStandardHelpOptions = true, description = "List a node's datasets (metadata only, never rows): the public ones, or all with a user's credentials.")
final class DatasetsCommand implements Callable<Integer> {

    @Option(names = "--node", required = true, description = "The node, such as http://127.0.0.1:8181.")
    URI node;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Mixin
    CredentialOptions credentials;

    @Mixin
    TrustOptions trustOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (NodeClient client = new NodeClient(node, credentials.forNode(null, node), trustOptions.sslContext())) {
            var datasets = client.datasets();
            if (json) {
                out.println(JsonbBuilder.create().toJson(new DatasetList(datasets)));
            } else {
                Table table = new Table("id", "name", "rows", "columns", "target", "tags");
                datasets.forEach(d -> table.row(d.id(), d.name(), d.rows(), d.columns().size(), d.target(), String.join(" ", d.tags())));
                table.print(out);
            }
            out.flush();
            return 0;
        }
    }
}
