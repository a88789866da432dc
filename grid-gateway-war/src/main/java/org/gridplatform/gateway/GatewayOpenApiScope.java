package org.gridplatform.gateway;

import org.gridplatform.server.OpenApiScanScope;

/** Payara's OpenAPI scan covers {@link GatewayApplication} and the classes it registers; see {@link OpenApiScanScope}. */
public class GatewayOpenApiScope extends OpenApiScanScope {

    public GatewayOpenApiScope() {
        super(GatewayApplication.class);
    }
}
