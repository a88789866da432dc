package org.gridplatform.client.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gridplatform.client.federated.CentralTraining;
import org.gridplatform.client.federated.FederatedTraining;
import org.gridplatform.client.federated.NodeDatasets;
import org.gridplatform.client.federated.TrainingResult;
import org.gridplatform.client.launch.LocalGrid;

/**
 * The demo's training part: federated averaging over the demo nodes' iris data, then the same
 * backend and settings trained centrally on the same rows (the demo holds copies of the example
 * data), both evaluated on the nodes' held-out rows.
 */
final class DemoTraining {

    /** The most the federated model may trail the central one for the demo to pass. */
    private static final double TOLERANCE = 0.10;
    private static final int ROUNDS = 20;
    private static final String BACKEND = "tribuo-logistic";

    private DemoTraining() {
    }

    /** @return a fresh random token for the demo's nodes: no default credential, not even in a demo */
    static String newToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** @return the specs with the token configured on every node */
    static List<LocalGrid.NodeSpec> withToken(List<LocalGrid.NodeSpec> specs, String token) {
        return specs.stream().map(s -> new LocalGrid.NodeSpec(s.id(), s.port(), s.dataDir(),
                Map.of("grid.node.operator-token", token))).toList();
    }

    /**
     * @param searchVia the gateway, or a node of a DHT grid
     * @return {@code true} if the federated model came within {@link #TOLERANCE} of the central one
     */
    static boolean run(URI searchVia, String token, List<LocalGrid.NodeSpec> specs, PrintWriter out) throws Exception {
        out.println();
        out.printf("Federated training (grid train --tags '#iris' --backend %s --rounds %d): the nodes train, the data stays"
                + " on them%n", BACKEND, ROUNDS);
        out.flush();
        RunReport report = new RunReport(out);
        TrainingResult result = FederatedTraining.builder(searchVia).tags(List.of("#iris")).backend(BACKEND).rounds(ROUNDS)
                .token(token).listener(report).build().run();

        List<CentralTraining.LocalDataset> copies = new ArrayList<>();
        for (NodeDatasets node : result.plan().nodes()) {
            LocalGrid.NodeSpec spec = specs.stream().filter(s -> s.id().equals(node.nodeId())).findFirst().orElseThrow();
            node.datasets().forEach(d -> copies.add(new CentralTraining.LocalDataset(d.id(), spec.dataDir().resolve(d.id() + ".csv"))));
        }
        CentralTraining.Result central = CentralTraining.train(
                CentralTraining.pool(copies, result.plan().schema(), result.plan().scaling()), BACKEND, result.plan().settings(), ROUNDS);

        double federated = result.last().evaluation().getOrDefault("accuracy", Double.NaN);
        double pooled = central.last().getOrDefault("accuracy", Double.NaN);
        out.println();
        Table table = new Table("model", "trained on", "held-out accuracy", "held-out examples");
        table.row("federated (FedAvg, " + result.plan().nodes().size() + " nodes)", result.last().trainingExamples()
                + " rows, never moved", fmt(federated), result.last().evaluatedExamples());
        table.row("central (same backend and settings)", central.examples() + " rows in one place", fmt(pooled), central.heldOut());
        table.print(out);
        boolean ok = federated >= pooled - TOLERANCE;
        out.println(ok ? "Training ok: the federated model is within " + fmt(TOLERANCE) + " of the central one."
                : "Training WRONG: the federated model trails the central one by more than " + fmt(TOLERANCE) + ".");
        out.flush();
        return ok;
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }
}
