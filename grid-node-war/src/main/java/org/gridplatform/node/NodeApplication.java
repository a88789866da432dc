package org.gridplatform.node;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;

/** The node's REST API, at the root like the gateway's. */
@ApplicationPath("/")
@OpenAPIDefinition(info = @Info(title = "Grid node", version = "0.1.0",
        description = "Keeps datasets at home and tells the grid which tags it holds. Never returns dataset rows.",
        license = @License(name = "Apache-2.0")))
public class NodeApplication extends Application {
}
