package org.gridplatform.client.federated;

import jakarta.json.bind.annotation.JsonbProperty;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.gridplatform.client.GatewayClient;
import org.gridplatform.client.GridClientException;

/**
 * Tells the gateway's run board ({@code POST /training-runs}, shown on its dashboard) how a run goes:
 * tags, backend, nodes, round, status and the held-out metrics. Summaries only: no data, no model.
 * Best effort: reports go out in order on one background thread, and the first failure (an older
 * gateway without a board, say) stops them; the run never waits for the board, but for at most
 * two seconds at its end.
 */
final class RunBoard implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RunBoard.class.getName());

    /**
     * The board's wire format.
     *
     * @param runId   the run's id
     * @param tags    the query
     * @param backend the backend
     * @param nodes   the participating node ids
     * @param rounds  the rounds asked for
     * @param round   the last finished round (0 before the first)
     * @param status  running, completed, cancelled or failed
     * @param metrics the last round's held-out metrics (at most 16)
     */
    public record Report(@JsonbProperty("run-id") String runId, List<String> tags, String backend, List<String> nodes,
                         int rounds, int round, String status, Map<String, Double> metrics) {
    }

    private final GatewayClient gateway;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("grid-run-board").factory());
    private final String runId = UUID.randomUUID().toString();
    private volatile boolean broken;

    RunBoard(URI gateway) {
        this.gateway = new GatewayClient(gateway, Duration.ofSeconds(2));
    }

    void report(TrainingResult.Plan plan, int round, String status, Map<String, Double> metrics) {
        if (broken) {
            return;
        }
        Map<String, Double> shown = new TreeMap<>();
        metrics.forEach((name, value) -> {
            if (shown.size() < 16 && value != null && Double.isFinite(value) && name.matches("[a-z0-9-]{1,32}")) {
                shown.put(name, value);
            }
        });
        Report report = new Report(runId, plan.tags(), plan.backend(),
                plan.nodes().stream().map(NodeDatasets::nodeId).limit(1000).toList(), plan.rounds(), round, status, shown);
        sender.execute(() -> {
            if (broken) {
                return;
            }
            try {
                gateway.reportRun(report);
            } catch (GridClientException e) {
                broken = true;
                LOG.fine(() -> "The gateway does not take run reports; the run goes on without them: " + e.getMessage());
            }
        });
    }

    @Override
    public void close() {
        sender.shutdown();
        try {
            sender.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sender.shutdownNow();
        gateway.close();
    }
}
