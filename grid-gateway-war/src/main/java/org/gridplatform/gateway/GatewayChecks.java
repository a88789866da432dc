package org.gridplatform.gateway;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * The gateway's own liveness check, served at {@code /health} and included in {@code /health-check}.
 * Its readiness is the discovery strategy's ({@code discovery}, from grid-server).
 */
@ApplicationScoped
public class GatewayChecks {

    /** @return liveness: the gateway answers requests */
    @Produces
    @Liveness
    HealthCheck gateway() {
        return () -> HealthCheckResponse.named("gateway").up().build();
    }
}
