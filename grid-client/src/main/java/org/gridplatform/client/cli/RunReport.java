package org.gridplatform.client.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gridplatform.client.federated.NodeDatasets;
import org.gridplatform.client.federated.RoundRecord;
import org.gridplatform.client.federated.TrainingListener;
import org.gridplatform.client.federated.TrainingResult;

/** Prints a run for people: the plan, one progress line per round, and a summary at the end. */
final class RunReport implements TrainingListener {

    private final PrintWriter out;
    private int rounds;

    RunReport(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void started(TrainingResult.Plan plan) {
        rounds = plan.rounds();
        out.printf("Training %s on %s across %d node%s: %s%n", plan.backend(), String.join(" ", plan.tags()), plan.nodes().size(),
                plan.nodes().size() == 1 ? "" : "s", String.join(", ", plan.nodes().stream().map(NodeDatasets::nodeId).toList()));
        out.printf("Agreed schema: %s of '%s' from %d feature%s%s; features standardised with the pooled statistics%n",
                plan.schema().task().name().toLowerCase(Locale.ROOT), plan.schema().target(), plan.schema().features().size(),
                plan.schema().features().size() == 1 ? "" : "s",
                plan.schema().labels().isEmpty() ? "" : ", " + plan.schema().labels().size() + " labels");
        if (!plan.unanswered().isEmpty()) {
            out.println("Did not answer the search: " + String.join(", ", plan.unanswered()));
        }
        plan.excluded().forEach((id, why) -> out.println("Left out " + id + ": " + why));
        out.println("Settings: " + plan.settings());
        out.flush();
    }

    @Override
    public void round(RoundRecord r) {
        out.println(progressLine(r, rounds));
        out.flush();
    }

    static String progressLine(RoundRecord r, int rounds) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "round %" + digits(rounds) + "d/%d  nodes %d/%d",
                r.round(), rounds, r.reported().size(), r.sampled().size()));
        line.append("  ").append(metrics(r.evaluation()));
        line.append(String.format(Locale.ROOT, "  %.2f s", r.durationMs() / 1000.0));
        if (!r.dropped().isEmpty()) {
            List<String> drops = new ArrayList<>();
            r.dropped().forEach((id, why) -> drops.add(id + " (" + shorten(why) + ")"));
            line.append("  dropped: ").append(String.join(", ", drops));
        }
        if (!r.unevaluated().isEmpty()) {
            line.append("  not evaluated: ").append(String.join(", ", r.unevaluated().keySet()));
        }
        return line.toString();
    }

    /** @return the headline metrics in a fixed order: accuracy or rmse, then loss */
    static String metrics(Map<String, Double> metrics) {
        List<String> parts = new ArrayList<>();
        for (String name : List.of("accuracy", "rmse", "mae", "loss")) {
            Double v = metrics.get(name);
            if (v != null) {
                parts.add(String.format(Locale.ROOT, "%s %.4f", name, v));
            }
        }
        return parts.isEmpty() ? "(no evaluation)" : String.join("  ", parts);
    }

    void summary(TrainingResult result) {
        out.println();
        Table table = new Table("node", "datasets", "rows", "rounds reported");
        for (NodeDatasets node : result.plan().nodes()) {
            long reported = result.history().stream().filter(r -> r.reported().contains(node.nodeId())).count();
            table.row(node.nodeId(), String.join(", ", node.datasets().stream().map(d -> d.id()).toList()), node.rows(),
                    reported + "/" + result.history().size());
        }
        table.print(out);
        if (result.history().isEmpty()) {
            out.println("No round finished.");
        } else {
            RoundRecord last = result.last();
            long total = result.history().stream().mapToLong(RoundRecord::durationMs).sum();
            double share = result.history().stream().mapToLong(r -> Math.round(r.platformShare() * r.durationMs())).sum()
                    / (double) Math.max(1, total);
            out.printf(Locale.ROOT, "%s after %d round%s on %d held-out examples; %.1f s in all, %.1f %% of it outside local"
                            + " training and evaluation%n", result.cancelled() ? "Cancelled: " + metrics(last.evaluation())
                            : "Final: " + metrics(last.evaluation()), last.round(), last.round() == 1 ? "" : "s",
                    last.evaluatedExamples(), total / 1000.0, share * 100);
        }
        out.flush();
    }

    private static int digits(int n) {
        return Integer.toString(n).length();
    }

    private static String shorten(String why) {
        return why.length() <= 80 ? why : why.substring(0, 77) + "...";
    }
}
