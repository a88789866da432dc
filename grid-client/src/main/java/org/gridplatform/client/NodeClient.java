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
        return trainStep(prepare(request), stepId, timeout);
    }

    /**
     * A request written as JSON once, to send to many nodes ({@link #trainStep(Prepared, String, Duration)},
     * {@link #evaluate(Prepared, Duration)}): a round's parameters go to every node alike.
     */
    public static final class Prepared {
        private final JsonHttp.Serialized body;

        private Prepared(JsonHttp.Serialized body) {
            this.body = body;
        }
    }

    /**
     * @param request a training step or evaluation request
     * @return it, written as JSON once
     */
    public static Prepared prepare(Object request) {
        return new Prepared(JsonHttp.serialize(request));
    }

    /**
     * Runs one local training step from a prepared request.
     *
     * @param request the step, prepared with {@link #prepare(Object)} from a {@link TrainingStepRequest}
     * @param stepId  the step's id
     * @param timeout how long to wait
     * @return the node's answer
     */
    public TrainingStepAnswer trainStep(Prepared request, String stepId, Duration timeout) {
        return http.post(node.resolve("/training/steps"), request.body, TrainingStepAnswer.class, timeout,
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
        return evaluate(prepare(request), timeout);
    }

    /**
     * @param request an evaluation, prepared with {@link #prepare(Object)} from an {@link EvaluationRequest}
     * @param timeout how long to wait
     * @return the node's answer
     */
    public EvaluationAnswer evaluate(Prepared request, Duration timeout) {
        return http.post(node.resolve("/training/evaluations"), request.body, EvaluationAnswer.class, timeout, Map.of());
    }

    @Override
    public void close() {
        http.close();
    }
}
