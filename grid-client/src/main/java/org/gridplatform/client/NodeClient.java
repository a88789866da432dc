package org.gridplatform.client;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.gridplatform.api.DatasetInfo;
import org.gridplatform.api.DatasetList;
import org.gridplatform.api.NodeAddress;
import org.gridplatform.api.NodeIdentity;

/** A client of one grid node's metadata API. Thread-safe; close it to release its connections. */
public final class NodeClient implements AutoCloseable {

    private final NodeAddress node;
    private final JsonHttp http;

    /** @param node the node's base URL; calls time out after 10 s */
    public NodeClient(URI node) {
        this.node = NodeAddress.parse(node.toString(), "node URL");
        this.http = new JsonHttp(Duration.ofSeconds(10));
    }

    /** @return the node's id */
    public String nodeId() {
        return http.<NodeIdentity>get(node.resolve("/identity"), NodeIdentity.class).nodeId();
    }

    /** @return the node's datasets (metadata only) */
    public List<DatasetInfo> datasets() {
        return http.<DatasetList>get(node.resolve("/datasets"), DatasetList.class).datasets();
    }

    @Override
    public void close() {
        http.close();
    }
}
