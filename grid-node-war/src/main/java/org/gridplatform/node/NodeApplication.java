package org.gridplatform.node;

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
 * The node's REST API, at the root like the gateway's. With {@code central} discovery (the default)
 * the node joins a gateway and answers PyGrid's {@code POST /search}; with any other strategy, such
 * as {@code dht}, the node is a gateway itself and serves the gateway's {@code /join},
 * {@code /search}, {@code /nodes} and {@code /health-check}.
 */
@ApplicationPath("/")
@OpenAPIDefinition(info = @Info(title = "Grid node", version = "0.1.0",
        description = "Keeps datasets at home and tells the grid which tags it holds. Never returns dataset rows.",
        license = @License(name = "Apache-2.0")))
public class NodeApplication extends Application {

    @Override
    public Set<Object> getSingletons() {
        return ServerProviders.singletons();
    }

    @Override
    public Set<Class<?>> getClasses() {
        Set<Class<?>> classes = new HashSet<>(ServerProviders.CLASSES);
        classes.add(NodeResources.class);
        classes.add(DatasetResources.class);
        classes.add(org.gridplatform.node.auth.NodeAuthentication.class);
        classes.add(org.gridplatform.node.auth.NodeAuthentication.Roles.class);
        classes.add(org.gridplatform.node.auth.AuthResource.class);
        classes.add(org.gridplatform.node.auth.UsersResource.class);
        classes.add(MultipartContentType.class);
        classes.add(org.gridplatform.node.training.TrainingResource.class);
        if (GatewayRole.nodeIsGateway()) {
            classes.addAll(GatewayRole.RESOURCES);
        } else {
            classes.add(NodeSearchResource.class);
        }
        return classes;
    }
}
