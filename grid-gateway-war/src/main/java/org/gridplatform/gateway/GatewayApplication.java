package org.gridplatform.gateway;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.HashSet;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.gridplatform.server.ServerProviders;
import org.gridplatform.server.gateway.GatewayRole;

/**
 * The gateway's REST API, at the root so that {@code /join}, {@code /search} and
 * {@code /health-check} sit where the design put them. The resources are the gateway role's,
 * shared with nodes that act as gateways; the discovery strategy behind them is chosen by
 * {@code grid.discovery.strategy}.
 */
@ApplicationPath("/")
@OpenAPIDefinition(info = @Info(title = "Grid gateway", version = "0.1.0",
        description = "Registers grid nodes and routes searches for tagged datasets to the nodes that hold them.",
        license = @License(name = "Apache-2.0")))
public class GatewayApplication extends Application {

    @Override
    public Set<Object> getSingletons() {
        return ServerProviders.singletons();
    }

    @Override
    public Set<Class<?>> getClasses() {
        Set<Class<?>> classes = new HashSet<>(ServerProviders.CLASSES);
        classes.addAll(GatewayRole.RESOURCES);
        return classes;
    }
}
