package org.gridplatform.node;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/** The node's MicroProfile Health checks at {@code /health}, {@code /health/live} and {@code /health/ready}. */
@ApplicationScoped
public class NodeChecks {

    @Inject
    NodeSettings settings;

    @Inject
    DatasetCatalog catalog;

    @Inject
    GatewayMembership membership;

    /** @return liveness: the node answers, with its id */
    @Produces
    @Liveness
    HealthCheck node() {
        return () -> HealthCheckResponse.named("node").up().withData("node-id", settings.nodeId()).build();
    }

    /**
     * @return readiness: the datasets are loaded. Files that were left out and a gateway that is
     *         away are reported in the data; they do not make the node unready, since it still serves.
     */
    @Produces
    @Readiness
    HealthCheck datasets() {
        return () -> {
            if (!org.gridplatform.server.DeploymentStart.started()) {
                return HealthCheckResponse.named("datasets").down().withData("state", "starting").build();
            }
            HealthCheckResponseBuilder check = HealthCheckResponse.named("datasets").up()
                    .withData("datasets", catalog.all().size())
                    .withData("skipped-files", catalog.problems().size());
            settings.gateway().ifPresent(g -> check.withData("gateway", g.toString()).withData("joined", membership.joined()));
            return check.build();
        };
    }
}
