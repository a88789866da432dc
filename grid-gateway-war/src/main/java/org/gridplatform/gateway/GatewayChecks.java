package org.gridplatform.gateway;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/** The gateway's own MicroProfile Health checks, served at {@code /health} and included in {@code /health-check}. */
@ApplicationScoped
public class GatewayChecks {

    @Inject
    NodeRegistry registry;

    /** @return liveness: the gateway answers requests */
    @Produces
    @Liveness
    HealthCheck gateway() {
        return () -> HealthCheckResponse.named("gateway").up().build();
    }

    /** @return readiness: the registry serves joins and searches, with how many nodes it holds */
    @Produces
    @Readiness
    HealthCheck nodeRegistry() {
        return () -> HealthCheckResponse.named("node-registry").up().withData("registered-nodes", registry.nodes().size()).build();
    }
}
