package org.gridplatform.client.federated;

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
import javax.net.ssl.SSLContext;
import org.gridplatform.api.training.TrainingRunReport;
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

    private final GatewayClient gateway;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("grid-run-board").factory());
    private final String runId = UUID.randomUUID().toString();
    private volatile boolean broken;

    RunBoard(URI gateway, SSLContext tls) {
        this.gateway = new GatewayClient(gateway, Duration.ofSeconds(2), tls);
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
        TrainingRunReport report = new TrainingRunReport(runId, plan.tags(), plan.backend(),
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
