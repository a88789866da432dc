package org.gridplatform.node;

import org.gridplatform.server.OpenApiScanScope;

/**
 * Payara's OpenAPI scan covers {@link NodeApplication} and the classes it registers: the gateway's
 * resources only when the node acts as a gateway (such as with {@code dht}), its own
 * {@code /search} only when it does not. See {@link OpenApiScanScope}.
 */
public class NodeOpenApiScope extends OpenApiScanScope {

    public NodeOpenApiScope() {
        super(NodeApplication.class);
    }
}
