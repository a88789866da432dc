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
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import org.gridplatform.api.NodeAddress;
import org.gridplatform.api.training.TrainingRunReport;
import org.gridplatform.client.GatewayClient;
import org.gridplatform.client.GridClientException;
import org.gridplatform.client.NodeClient;
import org.gridplatform.client.NodeCredentials;

/**
 * Tells the gateway's run board ({@code POST /training-runs}, shown on its dashboard) how a run goes:
 * tags, backend, nodes, round, status and the held-out metrics. Summaries only: no data, no model.
 * Best effort: reports go out in order on one background thread, only the latest of those that
 * wait (the board shows how a run stands, not every round), and the first failure (an older
 * gateway without a board, or one over its rate limit) stops them; the run never waits for the board, but for at most
 * two seconds at its end.
 *
 * <p>In a DHT grid the "gateway" is a node, whose board takes reports from its users only: when it
 * answers {@code 401} and it is one of the run's own nodes, the reports go again with that node's
 * credentials. Credentials never go to an address that is not one of the run's nodes.
 */
final class RunBoard implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RunBoard.class.getName());

    private final URI entry;
    private final SSLContext tls;
    private final BiFunction<String, URI, NodeCredentials> credentials;
    private final GatewayClient gateway;
    /** The entry as a node of the run, signed in, once it asked for credentials; only the sender thread uses it. */
    private NodeClient signedIn;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("grid-run-board").factory());
    private final String runId = UUID.randomUUID().toString();
    private final AtomicReference<TrainingRunReport> latest = new AtomicReference<>();
    private volatile boolean broken;

    /**
     * @param gateway     where the run found its nodes: a gateway, or a node of a DHT grid
     * @param tls         whom an {@code https} entry must be certified by, or {@code null}
     * @param credentials a node's credentials by id and address (or {@code null} if none)
     */
    RunBoard(URI gateway, SSLContext tls, BiFunction<String, URI, NodeCredentials> credentials) {
        this.entry = gateway;
        this.tls = tls;
        this.credentials = credentials;
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
        // Only the latest report waits: a run whose rounds come faster than the board answers sends fewer, never stale ones.
        if (latest.getAndSet(report) == null) {
            sender.execute(() -> send(plan));
        }
    }

    private void send(TrainingResult.Plan plan) {
        TrainingRunReport report = latest.getAndSet(null);
        if (report == null || broken) {
            return;
        }
        try {
            if (signedIn != null) {
                signedIn.reportRun(report);
            } else {
                try {
                    gateway.reportRun(report);
                } catch (GridClientException e) {
                    if (e.status() != 401 || !signIn(plan)) {
                        throw e;
                    }
                    signedIn.reportRun(report);
                }
            }
        } catch (GridClientException e) {
            broken = true;
            LOG.fine(() -> "The gateway does not take run reports; the run goes on without them: " + e.getMessage());
        }
    }

    /** @return whether the entry is one of the run's nodes and there are credentials for it (then {@link #signedIn} is set) */
    private boolean signIn(TrainingResult.Plan plan) {
        String normal = NodeAddress.parse(entry.toString(), "gateway URL").toString();
        for (NodeDatasets node : plan.nodes()) {
            if (NodeAddress.parse(node.address().toString(), "node address").toString().equals(normal)) {
                NodeCredentials own = credentials == null ? null : credentials.apply(node.nodeId(), node.address());
                if (own != null) {
                    signedIn = new NodeClient(entry, own, tls);
                    return true;
                }
            }
        }
        return false;
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
        if (signedIn != null) {
            signedIn.close();
        }
    }
}
