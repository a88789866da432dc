package org.gridplatform.client;

import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.gridplatform.api.JoinRequest;
import org.gridplatform.api.NodeAddress;
import org.gridplatform.api.NodeEntry;
import org.gridplatform.api.NodeList;
import org.gridplatform.api.SearchRequest;
import org.gridplatform.api.SearchResponse;

/**
 * A client of a grid gateway. Thread-safe; close it to release its connections.
 *
 * <pre>{@code
 * try (GatewayClient gateway = new GatewayClient(URI.create("http://127.0.0.1:8080"))) {
 *     SearchResponse found = gateway.search(List.of("#iris"));
 * }
 * }</pre>
 */
public final class GatewayClient implements AutoCloseable {

    private final NodeAddress gateway;
    private final JsonHttp http;

    /** @param gateway the gateway's base URL; calls time out after 10 s */
    public GatewayClient(URI gateway) {
        this(gateway, Duration.ofSeconds(10));
    }

    /**
     * @param gateway the gateway's base URL
     * @param timeout how long one call may take
     */
    public GatewayClient(URI gateway, Duration timeout) {
        this(gateway, timeout, null);
    }

    /**
     * @param gateway the gateway's base URL
     * @param timeout how long one call may take
     * @param tls     whom an {@code https} gateway must be certified by, such as {@link TrustStore#sslContext()};
     *                or {@code null} for the JVM's default trust store. Host names are always checked.
     */
    public GatewayClient(URI gateway, Duration timeout, SSLContext tls) {
        this.gateway = NodeAddress.parse(gateway.toString(), "gateway URL");
        this.http = new JsonHttp(timeout, JsonHttp.Authorizer.NONE, tls);
    }

    /**
     * @param tags tags that a dataset must all carry, {@code #} optional
     * @return the nodes holding such a dataset, and the nodes that did not answer
     * @throws GridClientException if the gateway refuses the query or cannot be reached
     */
    public SearchResponse search(List<String> tags) {
        return http.post(gateway.resolve("/search"), new SearchRequest(tags), SearchResponse.class);
    }

    /** @return the registered nodes, ordered by id */
    public List<NodeEntry> nodes() {
        return http.<NodeList>get(gateway.resolve("/nodes"), NodeList.class).nodes();
    }

    /**
     * Registers a node; nodes do this themselves, so this is for tools and tests.
     *
     * @param nodeId      the node's id
     * @param nodeAddress the node's address
     * @return the registered entry
     */
    public NodeEntry join(String nodeId, String nodeAddress) {
        return http.post(gateway.resolve("/join"), new JoinRequest(nodeId, nodeAddress), NodeEntry.class);
    }

    /** @param nodeId the node to remove from the registry */
    public void leave(String nodeId) {
        http.delete(gateway.resolve("/nodes/" + nodeId));
    }

    /**
     * Reports a training run's progress to the gateway's run board ({@code POST /training-runs}), which its
     * dashboard shows. A summary only: tags, backend, node ids, round, status and metrics.
     *
     * @param report the run's summary
     */
    public void reportRun(org.gridplatform.api.training.TrainingRunReport report) {
        http.post(gateway.resolve("/training-runs"), report, jakarta.json.JsonObject.class);
    }

    /** @return the gateway's {@code /health-check} document (MicroProfile Health JSON) */
    public JsonObject healthCheck() {
        return http.get(gateway.resolve("/health-check"), JsonObject.class);
    }

    @Override
    public void close() {
        http.close();
    }
}
