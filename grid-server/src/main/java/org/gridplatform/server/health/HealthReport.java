package org.gridplatform.server.health;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /nodes/health}: every known node's state as the last sweep left it, with the recent
 * round trips and dataset metadata the dashboard shows.
 *
 * @param sweptAt    when the last sweep started, or {@code null} before the first
 * @param sweepMs    how long it took, or {@code null}
 * @param intervalMs the time between sweeps
 * @param timeoutMs  the time one ping could take in the last sweep: {@code grid.health.timeout}, or up to 8 times it
 *                   after sweeps in which many pings timed out at once
 * @param up         nodes UP
 * @param suspect    nodes SUSPECT
 * @param down       nodes DOWN
 * @param nodes      the nodes, ordered by id
 */
@JsonbPropertyOrder({"sweptAt", "sweepMs", "intervalMs", "timeoutMs", "up", "suspect", "down", "nodes"})
public record HealthReport(@JsonbProperty("swept-at") Instant sweptAt,
                           @JsonbProperty("sweep-ms") Long sweepMs,
                           @JsonbProperty("interval-ms") long intervalMs,
                           @JsonbProperty("timeout-ms") long timeoutMs,
                           long up, long suspect, long down,
                           List<NodeHealth> nodes) {

    /**
     * @param monitor the server's monitor, which sweeps
     * @return its report
     */
    public static HealthReport of(HealthMonitor monitor) {
        List<NodeHealth> nodes = monitor.snapshot();
        HealthSweep.Summary last = monitor.lastSweep();
        HealthSettings settings = monitor.settings() == null ? HealthSettings.DEFAULTS : monitor.settings();
        return new HealthReport(last == null ? null : last.startedAt(), last == null ? null : last.durationMs(),
                settings.interval().toMillis(), last == null ? settings.timeout().toMillis() : last.timeoutMs(),
                nodes.stream().filter(n -> n.state() == NodeState.UP).count(),
                nodes.stream().filter(n -> n.state() == NodeState.SUSPECT).count(),
                nodes.stream().filter(n -> n.state() == NodeState.DOWN).count(), nodes);
    }
}
