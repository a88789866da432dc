package org.gridplatform.gateway;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gridplatform.api.Durations;

/** The gateway's configuration, read once from MicroProfile Config (properties or environment variables). */
@ApplicationScoped
public class GatewaySettings {

    private Duration searchTimeout;
    private Duration healthTimeout;
    private int maxNodes;

    /** For CDI's proxy. */
    protected GatewaySettings() {
    }

    @Inject
    GatewaySettings(@ConfigProperty(name = "grid.gateway.search-timeout", defaultValue = "2s") String searchTimeout,
                    @ConfigProperty(name = "grid.gateway.health-timeout", defaultValue = "2s") String healthTimeout,
                    @ConfigProperty(name = "grid.gateway.max-nodes", defaultValue = "10000") int maxNodes) {
        this.searchTimeout = positive(Durations.parse(searchTimeout, "grid.gateway.search-timeout"), "grid.gateway.search-timeout");
        this.healthTimeout = positive(Durations.parse(healthTimeout, "grid.gateway.health-timeout"), "grid.gateway.health-timeout");
        if (maxNodes < 1) {
            throw new IllegalArgumentException("grid.gateway.max-nodes must be at least 1, but is " + maxNodes);
        }
        this.maxNodes = maxNodes;
    }

    private static Duration positive(Duration d, String key) {
        if (d.isZero()) {
            throw new IllegalArgumentException(key + " must be longer than zero");
        }
        return d;
    }

    /** @return how long each node gets to answer a search */
    public Duration searchTimeout() {
        return searchTimeout;
    }

    /** @return how long each node gets to answer a health ping */
    public Duration healthTimeout() {
        return healthTimeout;
    }

    /** @return the most nodes the registry holds */
    public int maxNodes() {
        return maxNodes;
    }
}
