package org.gridplatform.server.gateway;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.gridplatform.server.discovery.DiscoveryHost;
import org.gridplatform.spi.discovery.DiscoveryHealth;

/**
 * Readiness {@code discovery}: the discovery strategy can serve, with its name and its own data
 * (node counts, routing-table size). DOWN only when the strategy itself cannot serve, never
 * because some nodes are down.
 */
@Readiness
@ApplicationScoped
public class DiscoveryCheck implements HealthCheck {

    @Inject
    DiscoveryHost host;

    @Override
    public HealthCheckResponse call() {
        if (!org.gridplatform.server.DeploymentStart.started()) {
            return HealthCheckResponse.named("discovery").down().withData("state", "starting").build();
        }
        HealthCheckResponseBuilder check = HealthCheckResponse.named("discovery").withData("strategy", host.strategyName());
        if (!host.runsStrategy()) {
            return check.up().withData("role", "joins a gateway").build();
        }
        DiscoveryHealth health;
        try {
            health = host.strategy().health();
        } catch (RuntimeException e) {
            return check.down().withData("error", "the strategy failed to report its health").build();
        }
        health.data().forEach((key, value) -> {
            switch (value) {
                case Boolean b -> check.withData(key, b);
                case Number n -> check.withData(key, n.longValue());
                default -> check.withData(key, String.valueOf(value));
            }
        });
        return check.status(health.up()).build();
    }
}
