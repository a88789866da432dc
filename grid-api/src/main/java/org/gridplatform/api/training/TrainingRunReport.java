package org.gridplatform.api.training;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /training-runs}: a coordinator reports how a federated-training run
 * stands, so that the gateway's dashboard can show it. Display only: a summary, never data,
 * parameters or models.
 *
 * <p>The gateway refuses unknown fields and checks every value: {@code run-id} 1 to 64 ASCII letters,
 * digits or {@code -}; 1 to 32 valid tags; {@code backend} 1 to 64 characters; 0 to 1000 valid node
 * ids; {@code rounds} 1 to 10000; {@code round} 0 to {@code rounds}; {@code status} one of
 * {@link #STATUSES}; 0 to 16 metrics named by 1 to 32 of {@code a-z}, {@code 0-9} and {@code -}, each
 * a finite number. {@code nodes} and {@code metrics} may be left out.
 *
 * @param runId   the run's id, chosen by its coordinator; a later report with the same id replaces the earlier
 * @param tags    the tags that selected the datasets, such as {@code ["#iris"]}
 * @param backend the training backend, such as {@code tribuo-logistic}
 * @param nodes   the ids of the nodes taking part; may be {@code null} (none)
 * @param rounds  the rounds the run is to train
 * @param round   the rounds done so far
 * @param status  {@value #RUNNING}, {@value #COMPLETED}, {@value #CANCELLED} or {@value #FAILED}
 * @param metrics the last round's aggregate metrics, such as {@code {"accuracy": 0.93, "loss": 0.2}}; may be {@code null}
 */
@JsonbPropertyOrder({"runId", "tags", "backend", "nodes", "rounds", "round", "status", "metrics"})
public record TrainingRunReport(@JsonbProperty("run-id") String runId,
                                List<String> tags,
                                String backend,
                                List<String> nodes,
                                int rounds,
                                int round,
                                String status,
                                Map<String, Double> metrics) {

    /** The run is training. */
    public static final String RUNNING = "running";
    /** The run trained every round. */
    public static final String COMPLETED = "completed";
    /** The run was stopped by its coordinator (Ctrl-C) and kept its last round. */
    public static final String CANCELLED = "cancelled";
    /** The run stopped on an error. */
    public static final String FAILED = "failed";
    /** Every status, in the order a run goes through them. */
    public static final List<String> STATUSES = List.of(RUNNING, COMPLETED, CANCELLED, FAILED);
}
