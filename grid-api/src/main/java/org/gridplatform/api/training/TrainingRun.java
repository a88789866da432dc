package org.gridplatform.api.training;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A federated-training run as a gateway's run board holds it: the last {@link TrainingRunReport}
 * of the run, and when the board first and last heard of it. The answer to
 * {@code POST /training-runs} and an element of {@code GET /training-runs}.
 *
 * @param runId     the run's id
 * @param tags      the tags that selected the datasets, in display form ({@code #iris})
 * @param backend   the training backend
 * @param nodes     the ids of the nodes taking part
 * @param rounds    the rounds the run is to train
 * @param round     the rounds done so far
 * @param status    running, completed, cancelled or failed
 * @param metrics   the last round's aggregate metrics
 * @param startedAt when the board received the run's first report
 * @param updatedAt when it received the last
 */
@JsonbPropertyOrder({"runId", "tags", "backend", "nodes", "rounds", "round", "status", "metrics", "startedAt", "updatedAt"})
public record TrainingRun(@JsonbProperty("run-id") String runId,
                          List<String> tags,
                          String backend,
                          List<String> nodes,
                          int rounds,
                          int round,
                          String status,
                          Map<String, Double> metrics,
                          @JsonbProperty("started-at") Instant startedAt,
                          @JsonbProperty("updated-at") Instant updatedAt) {

    /**
     * @param report    a valid report
     * @param startedAt when the run was first reported
     * @param updatedAt when this report arrived
     * @return the run as the board holds it
     */
    public static TrainingRun of(TrainingRunReport report, Instant startedAt, Instant updatedAt) {
        return new TrainingRun(report.runId(), report.tags(), report.backend(), report.nodes(), report.rounds(), report.round(),
                report.status(), report.metrics(), startedAt, updatedAt);
    }
}
