package org.gridplatform.client;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.gridplatform.api.DatasetDescription;
import org.gridplatform.api.DatasetInfo;
import org.gridplatform.api.DatasetList;
import org.gridplatform.api.NodeAddress;
import org.gridplatform.api.NodeIdentity;
import org.gridplatform.api.training.EvaluationAnswer;
import org.gridplatform.api.training.EvaluationRequest;
import org.gridplatform.api.training.TrainingStepAnswer;
import org.gridplatform.api.training.TrainingStepRequest;

/**
 * A client of one grid node: its metadata (anyone may read it) and its training endpoints (which
 * need the node's token). Thread-safe; close it to release its connections.
 *
 * <p>Nothing is retried here but idempotent reads after a connection failure; a training step that
 * the node refused as busy ({@code 429}) has not run, and its {@link GridClientException#retryAfter()}
 * says when to send it again.
 */
public final class NodeClient implements AutoCloseable {

    private final NodeAddress node;
    private final JsonHttp http;

    /** @param node the node's base URL; calls time out after 10 s; no token (metadata only) */
    public NodeClient(URI node) {
        this(node, null);
    }

    /**
     * @param node  the node's base URL; metadata calls time out after 10 s
     * @param token the node's bearer token, needed by the training endpoints; or {@code null}
     */
    public NodeClient(URI node, String token) {
        this.node = NodeAddress.parse(node.toString(), "node URL");
        this.http = new JsonHttp(Duration.ofSeconds(10), token);
    }

    /** @return the node's base URL */
    public URI uri() {
        return node.uri();
    }

    /** @return the node's id */
    public String nodeId() {
        return http.<NodeIdentity>get(node.resolve("/identity"), NodeIdentity.class).nodeId();
    }

    /** @return the node's datasets (metadata only) */
    public List<DatasetInfo> datasets() {
        return http.<DatasetList>get(node.resolve("/datasets"), DatasetList.class).datasets();
    }

    /**
     * @param id a dataset's id on this node
     * @return its metadata, schema and aggregate statistics
     */
    public DatasetDescription dataset(String id) {
        return http.get(node.resolve("/datasets/" + URLEncoder.encode(id, StandardCharsets.UTF_8)), DatasetDescription.class);
    }

    /**
     * Runs one local training step ({@code POST /training/steps}).
     *
     * @param request the step
     * @param stepId  the id by which {@link #cancelStep} can stop it: 1 to 64 letters, digits or '-'
     * @param timeout how long to wait for the answer
     * @return the new parameters, the number of examples and metrics
     * @throws GridClientException if the node refused or failed the step, or did not answer in time
     */
    public TrainingStepAnswer trainStep(TrainingStepRequest request, String stepId, Duration timeout) {
        return http.post(node.resolve("/training/steps"), request, TrainingStepAnswer.class, timeout,
                Map.of("Grid-Step-Id", stepId));
    }

    /**
     * @param stepId the id a step was sent with
     * @throws GridClientException with status 404 if no such step waits or runs on the node
     */
    public void cancelStep(String stepId) {
        http.delete(node.resolve("/training/steps/" + stepId));
    }

    /**
     * Evaluates parameters on the node's held-out rows ({@code POST /training/evaluations}).
     *
     * @param request the evaluation
     * @param timeout how long to wait for the answer
     * @return the number of held-out examples and aggregate metrics
     */
    public EvaluationAnswer evaluate(EvaluationRequest request, Duration timeout) {
        return http.post(node.resolve("/training/evaluations"), request, EvaluationAnswer.class, timeout, Map.of());
    }

    @Override
    public void close() {
        http.close();
    }
}
