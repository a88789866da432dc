package org.gridplatform.client;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.gridplatform.api.DatasetDescription;
import org.gridplatform.api.DatasetInfo;
import org.gridplatform.api.DatasetList;
import org.gridplatform.api.NodeAddress;
import org.gridplatform.api.NodeIdentity;
import org.gridplatform.api.auth.PasswordRequest;
import org.gridplatform.api.auth.SignedInUser;
import org.gridplatform.api.auth.TokenGrant;
import org.gridplatform.api.auth.UserAnswer;
import org.gridplatform.api.auth.UserList;
import org.gridplatform.api.auth.UserRequest;
import org.gridplatform.api.training.EvaluationAnswer;
import org.gridplatform.api.training.EvaluationRequest;
import org.gridplatform.api.training.TrainingPlanAnswer;
import org.gridplatform.api.training.TrainingPlanRequest;
import org.gridplatform.api.training.TrainingStepAnswer;
import org.gridplatform.api.training.TrainingStepRequest;

/**
 * A client of one grid node: its metadata, its training endpoints and its users, called anonymously
 * or with {@link NodeCredentials} (docs/security.md lists what each role may call). Thread-safe; close it to release its connections.
 *
 * <p>Nothing is retried here but idempotent reads after a connection failure; a training step that
 * the node refused as busy ({@code 429}) has not run, and its {@link GridClientException#retryAfter()}
 * says when to send it again.
 */
public final class NodeClient implements AutoCloseable {

    private final NodeAddress node;
    private final JsonHttp http;
    private final SignIn signIn;

    /** @param node the node's base URL; calls time out after 10 s; anonymous (public metadata only) */
    public NodeClient(URI node) {
        this(node, (NodeCredentials) null);
    }

    /**
     * @param node  the node's base URL; metadata calls time out after 10 s
     * @param token a token from the node ({@code POST /auth/token}); or {@code null} to call anonymously
     */
    public NodeClient(URI node, String token) {
        this(node, token == null ? null : NodeCredentials.token(token), null);
    }

    /**
     * @param node  the node's base URL; metadata calls time out after 10 s
     * @param token a token from the node; or {@code null} to call anonymously
     * @param tls   whom an {@code https} node must be certified by, such as {@link TrustStore#sslContext()};
     *              or {@code null} for the JVM's default trust store. Host names are always checked.
     */
    public NodeClient(URI node, String token, SSLContext tls) {
        this(node, token == null ? null : NodeCredentials.token(token), tls);
    }

    /**
     * @param node        the node's base URL; metadata calls time out after 10 s
     * @param credentials a token, or a user's name and password to sign in with; or {@code null} to call anonymously
     */
    public NodeClient(URI node, NodeCredentials credentials) {
        this(node, credentials, null);
    }

    /**
     * @param node        the node's base URL; metadata calls time out after 10 s
     * @param credentials a token, or a user's name and password to sign in with; or {@code null} to call anonymously
     * @param tls         whom an {@code https} node must be certified by, or {@code null} for the JVM's default trust store
     */
    public NodeClient(URI node, NodeCredentials credentials, SSLContext tls) {
        this.node = NodeAddress.parse(node.toString(), "node URL");
        Duration timeout = Duration.ofSeconds(10);
        this.signIn = credentials instanceof NodeCredentials.Password password
                ? new SignIn(this.node, password, timeout, java.time.Clock.systemUTC(), tls) : null;
        JsonHttp.Authorizer authorizer = switch (credentials) {
            case null -> JsonHttp.Authorizer.NONE;
            case NodeCredentials.Token token -> () -> "Bearer " + token.token();
            case NodeCredentials.Password password -> signIn;
        };
        this.http = new JsonHttp(timeout, authorizer, tls);
    }

    /**
     * Signs in with a user's name and password ({@code POST /auth/token}).
     *
     * @param node     the node's base URL
     * @param user     the user's name
     * @param password their password
     * @return the token, when it expires, the user's role
     * @throws GridClientException {@code 401} for wrong credentials, {@code 429} after too many attempts
     */
    public static TokenGrant signIn(URI node, String user, String password) {
        return signIn(node, user, password, null);
    }

    /**
     * Signs in with a user's name and password ({@code POST /auth/token}) over {@code https} trusting {@code tls}.
     *
     * @param node     the node's base URL
     * @param user     the user's name
     * @param password their password
     * @param tls      whom an {@code https} node must be certified by, or {@code null} for the JVM's default trust store
     * @return the token, when it expires, the user's role
     */
    public static TokenGrant signIn(URI node, String user, String password, SSLContext tls) {
        try (SignIn signIn = new SignIn(NodeAddress.parse(node.toString(), "node URL"),
                new NodeCredentials.Password(user, password), Duration.ofSeconds(30), java.time.Clock.systemUTC(), tls)) {
            return signIn.signIn();
        }
    }

    /** @return who this client's credentials belong to ({@code GET /auth/me}) */
    public SignedInUser me() {
        return http.get(node.resolve("/auth/me"), SignedInUser.class);
    }

    /** @return the node's users (owners only) */
    public List<UserAnswer> users() {
        return http.<UserList>get(node.resolve("/users"), UserList.class).users();
    }

    /**
     * Adds a user (owners only).
     *
     * @param name     their name
     * @param role     {@code scientist} or {@code owner}
     * @param password their password, or {@code null} to have the node make one
     * @return the user, with the password the node made, if it did
     */
    public UserAnswer addUser(String name, String role, String password) {
        return http.post(node.resolve("/users"), new UserRequest(name, role, password), UserAnswer.class);
    }

    /**
     * Sets a user's password (owners, or the user themself); their earlier tokens stop working.
     *
     * @param name     the user
     * @param password the new password, or {@code null} to have the node make one
     * @return the user, with the password the node made, if it did
     */
    public UserAnswer setPassword(String name, String password) {
        return http.put(node.resolve("/users/" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "/password"),
                new PasswordRequest(password), UserAnswer.class);
    }

    /** @param name a user to delete (owners only) */
    public void deleteUser(String name) {
        http.delete(node.resolve("/users/" + URLEncoder.encode(name, StandardCharsets.UTF_8)));
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
     * {@link #evaluate(Prepared, Duration)}, {@link #registerPlan(Prepared, Duration)}): a round's parameters go to
     * every node alike. Immutable.
     */
    public static final class Prepared {
        private final JsonHttp.Serialized body;

        private Prepared(JsonHttp.Serialized body) {
            this.body = body;
        }

        /**
         * The same request naming one node's plan: a round's step or evaluation in the plan form is the same for every
         * node but the plan's id, so the parameters are written once and only the id is added per node.
         *
         * @param planId the id the node answered to {@link #registerPlan}
         * @return the request with {@code "plan-id"}; this one must have been prepared without it
         */
        public Prepared withPlan(String planId) {
            return new Prepared(body.withMember("plan-id", planId));
        }

        /** @return the size of the JSON body in bytes (UTF-8), for measurements */
        public int bytes() {
            return body.json().getBytes(StandardCharsets.UTF_8).length;
        }

        /** @return the JSON body, for tests */
        String json() {
            return body.json();
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
     * @return the node's answer, its parameters in the request's form: packed for a packed request (read either form
     *         with {@link TrainingStepAnswer#parameters(int, int)})
     */
    public TrainingStepAnswer trainStep(Prepared request, String stepId, Duration timeout) {
        return http.post(node.resolve("/training/steps"), request.body, TrainingStepAnswer.class, timeout,
                Map.of("Grid-Step-Id", stepId));
    }

    /**
     * Registers what stays the same for a run ({@code POST /training/plans}), so that its steps and evaluations
     * carry only the plan's id and the parameters ({@link Prepared#withPlan}). The node checks the plan and aligns
     * its data to it before it answers.
     *
     * @param request the plan
     * @param timeout how long to wait for the answer
     * @return the plan's id and when the node forgets it unless it is used
     * @throws GridClientException if the node refused the plan (for example {@code 400} when it does not fit the
     *                             node's data, {@code 429} when busy) or did not answer in time
     */
    public TrainingPlanAnswer registerPlan(TrainingPlanRequest request, Duration timeout) {
        return registerPlan(prepare(request), timeout);
    }

    /**
     * @param request a plan, prepared with {@link #prepare(Object)} from a {@link TrainingPlanRequest}
     * @param timeout how long to wait
     * @return the node's answer
     */
    public TrainingPlanAnswer registerPlan(Prepared request, Duration timeout) {
        return http.post(node.resolve("/training/plans"), request.body, TrainingPlanAnswer.class, timeout, Map.of());
    }

    /**
     * Drops a plan ({@code DELETE /training/plans/{id}}) when its run is over.
     *
     * @param planId the plan's id
     * @throws GridClientException with status 404 if the node does not hold the plan
     */
    public void dropPlan(String planId) {
        http.delete(node.resolve("/training/plans/" + URLEncoder.encode(planId, StandardCharsets.UTF_8)));
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

    /**
     * Reports a training run's progress to the run board of a node of a DHT grid ({@code POST /training-runs}),
     * which every such node keeps for its dashboard, as a gateway does; a node takes reports from its
     * scientists and owners only. A summary: tags, backend, node ids, round, status and metrics.
     *
     * @param report the run's summary
     * @throws GridClientException {@code 401}/{@code 403} without a scientist's or owner's credentials
     */
    public void reportRun(org.gridplatform.api.training.TrainingRunReport report) {
        http.post(node.resolve("/training-runs"), report, jakarta.json.JsonObject.class);
    }

    @Override
    public void close() {
        http.close();
        if (signIn != null) {
            signIn.close();
        }
    }
}
