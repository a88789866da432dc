package org.gridplatform.client.cli;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.annotation.JsonbProperty;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.gridplatform.api.Durations;
import org.gridplatform.client.federated.FederatedTraining;
import org.gridplatform.client.federated.NodeDatasets;
import org.gridplatform.client.federated.RoundRecord;
import org.gridplatform.client.federated.TrainingListener;
import org.gridplatform.client.federated.TrainingResult;
import org.gridplatform.client.federated.TribuoExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code grid train}: federated averaging across the nodes that hold data with the given tags; saves
 * the model as a Tribuo model file. Ctrl-C cancels the run on the nodes and keeps the last round's model.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train one model across every node holding a dataset with the given tags (federated averaging); "
                + "the data stays on the nodes. Saves a Tribuo model that predicts from raw feature values.")
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--gateway", defaultValue = "${env:GRID_GATEWAY:-http://127.0.0.1:8080}",
            description = "The gateway, or any node of a fully distributed (--dht) grid (default: $GRID_GATEWAY or http://127.0.0.1:8080).")
    URI gateway;

    @Option(names = "--tags", required = true, split = ",", arity = "1..*", paramLabel = "TAG",
            description = "Tags every dataset must carry, such as '#iris' ('#' optional; several: --tags '#a,#b' or --tags '#a' '#b').")
    List<String> tags;

    @Option(names = "--backend", defaultValue = "tribuo-logistic",
            description = "tribuo-logistic (classification) or tribuo-linear (regression), or a backend the nodes add (default: ${DEFAULT-VALUE}).")
    String backend;

    @Option(names = "--rounds", defaultValue = "20", description = "Rounds of federated averaging (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--fraction", defaultValue = "1", description = "Share of the nodes sampled each round (default: ${DEFAULT-VALUE}).")
    double fraction;

    @Option(names = "--min-nodes", defaultValue = "1",
            description = "Fewest nodes that must report for a round to count (default: ${DEFAULT-VALUE}).")
    int minNodes;

    @Option(names = "--seed", defaultValue = "42", description = "Makes the run reproducible: sampling and every step's seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "A backend setting for every step, such as --set epochs=2 --set learning-rate=0.1 "
                    + "(tribuo-*: optimiser, learning-rate, epochs, minibatch-size, l2, seed).")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--step-timeout", defaultValue = "10m", description = "Longest one node's step may take (default: ${DEFAULT-VALUE}).")
    String stepTimeout;

    @Mixin
    CredentialOptions credentials;

    @Option(names = "--out", paramLabel = "FILE", description = "Save the final model here as a Tribuo model file.")
    Path out;

    @Option(names = "--no-report", description = "Do not show the run on the gateway's dashboard (by default the gateway gets "
            + "its tags, backend, node ids, round, status and held-out metrics; never data or models).")
    boolean noReport;

    @Option(names = "--json", description = "Print the plan, every round and the result as JSON instead of progress lines.")
    boolean json;

    @Mixin
    TrustOptions trustOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        if (!credentials.any()) {
            throw new IllegalArgumentException("Training needs a scientist's or owner's credentials on every node: set GRID_USER and "
                    + "GRID_PASSWORD (./grid up prints them), GRID_TOKEN, or a credentials file (see grid train --help)");
        }
        if (out != null && out.toAbsolutePath().getParent() != null && !Files.isDirectory(out.toAbsolutePath().getParent())) {
            throw new IllegalArgumentException("--out " + out + ": the folder " + out.toAbsolutePath().getParent() + " does not exist");
        }
        RunReport report = new RunReport(stdout);
        FederatedTraining.Builder builder = FederatedTraining.builder(gateway).tags(tags).backend(backend).rounds(rounds)
                .fraction(fraction).minNodes(minNodes).seed(seed).settings(settings)
                .stepTimeout(Durations.parse(stepTimeout, "--step-timeout")).credentials(credentials.defaults())
                .reportToGateway(!noReport)
                .listener(json ? new TrainingListener() { } : report).sslContext(trustOptions.sslContext());
        credentials.nodeTokens.forEach(builder::nodeToken);
        credentials.file().ifPresent(builder::credentialsFile);
        FederatedTraining training = builder.build();

        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            training.cancel();
            try {
                done.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "grid-train-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        TrainingResult result;
        try {
            result = training.run();
            if (out != null && !result.history().isEmpty()) {
                TribuoExport.save(result, out);
            }
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running: the JVM exits once it returns.
            }
        }
        if (json) {
            try (Jsonb jsonb = JsonbBuilder.create(new JsonbConfig().withFormatting(true))) {
                stdout.println(jsonb.toJson(Output.of(result, out)));
            }
        } else {
            report.summary(result);
            if (out != null && !result.history().isEmpty()) {
                stdout.println("Model saved to " + out + " (a Tribuo " + (result.plan().schema().task().name().equals("CLASSIFICATION")
                        ? "Model<Label>" : "Model<Regressor>") + " over raw feature values; load it with Model.deserializeFromFile)");
            }
        }
        stdout.flush();
        return result.cancelled() ? 130 : 0;
    }

    /** The JSON document of {@code --json}. */
    public record Output(List<String> tags, String backend, Map<String, String> settings, List<NodeOutput> nodes,
                         @JsonbProperty("unanswered-nodes") List<String> unanswered,
                         @JsonbProperty("excluded-nodes") Map<String, String> excluded,
                         String task, String target, List<String> features, List<String> labels,
                         List<RoundOutput> rounds, @JsonbProperty("final") Map<String, Double> finalMetrics,
                         boolean cancelled, String model) {

        static Output of(TrainingResult result, Path model) {
            TrainingResult.Plan plan = result.plan();
            List<NodeOutput> nodes = new ArrayList<>();
            for (NodeDatasets node : plan.nodes()) {
                nodes.add(new NodeOutput(node.nodeId(), node.address().toString(),
                        node.datasets().stream().map(d -> d.id()).toList(), node.rows()));
            }
            return new Output(plan.tags(), plan.backend(), plan.settings(), nodes, plan.unanswered(), plan.excluded(),
                    plan.schema().task().name().toLowerCase(Locale.ROOT), plan.schema().target(), plan.schema().features(),
                    plan.schema().labels(), result.history().stream().map(RoundOutput::of).toList(),
                    result.history().isEmpty() ? Map.of() : result.last().evaluation(), result.cancelled(),
                    model == null || result.history().isEmpty() ? null : model.toString());
        }
    }

    /**
     * One node of the run.
     *
     * @param id       the node's id
     * @param address  its base URL
     * @param datasets the datasets it trained on
     * @param rows     their rows together
     */
    public record NodeOutput(String id, String address, List<String> datasets, long rows) {
    }

    /** One round of {@code --json}: the fields of a {@link RoundRecord} plus its platform share. */
    public record RoundOutput(int round, List<String> sampled, List<String> reported, Map<String, String> dropped,
                              @JsonbProperty("training-examples") long trainingExamples,
                              @JsonbProperty("training-metrics") Map<String, Double> trainingMetrics,
                              Map<String, Double> evaluation,
                              @JsonbProperty("evaluated-examples") long evaluatedExamples,
                              Map<String, String> unevaluated,
                              @JsonbProperty("duration-ms") long durationMs,
                              @JsonbProperty("slowest-step-ms") long slowestStepMs,
                              @JsonbProperty("slowest-evaluation-ms") long slowestEvaluationMs,
                              @JsonbProperty("platform-share") double platformShare) {

        static RoundOutput of(RoundRecord r) {
            return new RoundOutput(r.round(), r.sampled(), r.reported(), r.dropped(), r.trainingExamples(), r.trainingMetrics(),
                    r.evaluation(), r.evaluatedExamples(), r.unevaluated(), r.durationMs(), r.slowestStepMs(),
                    r.slowestEvaluationMs(), r.platformShare());
        }
    }
}
