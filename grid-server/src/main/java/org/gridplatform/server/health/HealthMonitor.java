package org.gridplatform.server.health;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.microprofile.config.Config;
import org.gridplatform.api.NodeEntry;
import org.gridplatform.server.discovery.DiscoveryHost;
import org.gridplatform.server.metrics.GatewayMetrics;

/**
 * Runs the {@link HealthSweep} of a gateway (or of a node that is a gateway itself, as in a DHT grid)
 * on the server's managed scheduled executor, every {@code grid.health.interval} after the previous
 * sweep ends, and removes nodes that stayed DOWN past {@code grid.health.grace}. Servers that keep no
 * registry (nodes of a central grid) run no sweep.
 */
@ApplicationScoped
public class HealthMonitor implements org.gridplatform.server.StartsAtDeployment {

    private static final Logger LOG = Logger.getLogger(HealthMonitor.class.getName());

    @Inject
    DiscoveryHost host;

    @Inject
    Config config;

    @Inject
    GatewayMetrics metrics;

    private volatile HealthSweep sweep;
    private ScheduledFuture<?> schedule;

    /** Reads the settings and schedules the sweeps, at deployment (after discovery has started). */
    @Override
    public synchronized void startAtDeployment() {
        if (sweep != null || !host.runsStrategy()) {
            return;
        }
        HealthSettings settings;
        try {
            settings = HealthSettings.read(key -> config.getOptionalValue(HealthSettings.PREFIX + key, String.class).orElse(null));
        } catch (IllegalArgumentException e) {
            LOG.severe(DiscoveryHost.CONFIGURATION_ERROR + e.getMessage());
            throw e;
        }
        sweep = new HealthSweep(host.transport(), settings, Clock.systemUTC());
        host.downNodes(this::isDown);
        metrics.register(this::count);
        schedule = scheduler().scheduleWithFixedDelay(this::tick, settings.interval().toMillis(), settings.interval().toMillis(),
                TimeUnit.MILLISECONDS);
        LOG.info(() -> "Health sweeps every " + settings.interval().toMillis() + " ms (timeout " + settings.timeout().toMillis()
                + " ms, SUSPECT after " + settings.suspectAfter() + ", DOWN after " + settings.downAfter() + " missed pings, removed after "
                + settings.grace().toSeconds() + " s DOWN)");
    }

    private void tick() {
        try {
            sweepNow();
        } catch (RuntimeException e) {
            // A failed sweep must not end the schedule: the next one runs as planned.
            LOG.log(Level.WARNING, "A health sweep failed; the next runs as scheduled", e);
        }
    }

    /**
     * Sweeps now and removes the nodes DOWN past the grace.
     *
     * @return the summary, or {@code null} if this server runs no sweep
     */
    public synchronized HealthSweep.Summary sweepNow() {
        HealthSweep current = sweep;
        if (current == null) {
            return null;
        }
        List<NodeEntry> nodes = host.strategy().nodes();
        long start = System.nanoTime();
        HealthSweep.Summary summary = current.sweep(nodes);
        metrics.swept(System.nanoTime() - start);
        for (String id : current.evictable()) {
            if (host.strategy().remove(id)) {
                LOG.info(() -> "Removed node " + id + ": DOWN for longer than " + current.settings().grace().toSeconds()
                        + " s without re-joining");
            }
            current.forget(id);
        }
        return summary;
    }

    /**
     * @param state a health state
     * @return how many known nodes are in it now; 0 if this server runs no sweep
     */
    public int count(NodeState state) {
        HealthSweep current = sweep;
        return current == null ? 0 : current.count(state);
    }

    /** @return whether this server sweeps (it keeps a registry) */
    public boolean active() {
        return sweep != null;
    }

    /** @param entry a node that joined or re-joined: it is UP */
    public void joined(NodeEntry entry) {
        HealthSweep current = sweep;
        if (current != null) {
            current.joined(entry);
        }
    }

    /** @param nodeId a node that left */
    public void left(String nodeId) {
        HealthSweep current = sweep;
        if (current != null) {
            current.forget(nodeId);
        }
    }

    /**
     * @param nodeId a node id
     * @return whether the last sweeps found the node DOWN
     */
    public boolean isDown(String nodeId) {
        HealthSweep current = sweep;
        return current != null && current.isDown(nodeId);
    }

    /** @return every known node's health as the last sweep left it, ordered by id; empty if this server runs no sweep */
    public List<NodeHealth> snapshot() {
        HealthSweep current = sweep;
        return current == null ? List.of() : current.snapshot();
    }

    /** @return the last sweep's summary, or {@code null} */
    public HealthSweep.Summary lastSweep() {
        HealthSweep current = sweep;
        return current == null ? null : current.last();
    }

    /** @return the settings, or {@code null} if this server runs no sweep */
    public HealthSettings settings() {
        HealthSweep current = sweep;
        return current == null ? null : current.settings();
    }

    @PreDestroy
    void stop() {
        if (schedule != null) {
            schedule.cancel(false);
        }
    }

    /** Looked up rather than injected: Payara does not resolve {@code @Resource} in beans of a library jar. */
    private static ScheduledExecutorService scheduler() {
        try {
            return (ScheduledExecutorService) new InitialContext().lookup("java:comp/DefaultManagedScheduledExecutorService");
        } catch (NamingException e) {
            throw new IllegalStateException("The server has no default managed scheduled executor (Jakarta Concurrency)", e);
        }
    }
}
