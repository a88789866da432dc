package org.gridplatform.client.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gridplatform.client.GridClientException;
import org.gridplatform.client.NodeClient;
import org.gridplatform.client.NodeCredentials;
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

    /** The owner account the demo's nodes get. */
    static final String OWNER = "owner";
    /** The scientist account the demo adds to every node and trains as. */
    static final String SCIENTIST = "scientist";

    /** @return a fresh random password: no default credential, not even in a demo */
    static String newPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** @return the specs with the owner's password configured on every node */
    static List<LocalGrid.NodeSpec> withOwner(List<LocalGrid.NodeSpec> specs, String ownerPassword) {
        return specs.stream().map(s -> new LocalGrid.NodeSpec(s.id(), s.port(), s.dataDir(),
                Map.of("grid.node.owner-password", ownerPassword))).toList();
    }

    /**
     * Signs in to every node as its owner and gives it a scientist account with this password (or sets the
     * password of the one it has), as a data owner would for a data scientist they work with.
     *
     * @return the scientist's credentials
     */
    static NodeCredentials addScientist(List<URI> nodes, String ownerPassword, String scientistPassword) {
        return addScientist(nodes, ownerPassword, scientistPassword, null);
    }

    /** As {@link #addScientist(List, String, String)}, over {@code https} trusting {@code tls} (or the JVM's default). */
    static NodeCredentials addScientist(List<URI> nodes, String ownerPassword, String scientistPassword,
                                        javax.net.ssl.SSLContext tls) {
        for (URI node : nodes) {
            try (NodeClient owner = new NodeClient(node, NodeCredentials.password(OWNER, ownerPassword), tls)) {
                try {
                    owner.addUser(SCIENTIST, "scientist", scientistPassword);
                } catch (GridClientException e) {
                    if (e.status() != 409) {
                        throw e;
                    }
                    owner.setPassword(SCIENTIST, scientistPassword);
                }
            }
        }
        return NodeCredentials.password(SCIENTIST, scientistPassword);
    }

    /**
     * @param searchVia the gateway, or a node of a DHT grid
     * @return {@code true} if the federated model came within {@link #TOLERANCE} of the central one
     */
    static boolean run(URI searchVia, NodeCredentials scientist, List<LocalGrid.NodeSpec> specs, PrintWriter out) throws Exception {
        out.println();
        out.printf("Federated training (grid train --tags '#iris' --backend %s --rounds %d), signed in to every node as its"
                + " scientist: the nodes train, the data stays on them%n", BACKEND, ROUNDS);
        out.flush();
        RunReport report = new RunReport(out);
        TrainingResult result = FederatedTraining.builder(searchVia).tags(List.of("#iris")).backend(BACKEND).rounds(ROUNDS)
                .credentials(scientist).listener(report).build().run();

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
