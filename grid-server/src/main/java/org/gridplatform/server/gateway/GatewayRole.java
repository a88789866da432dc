package org.gridplatform.server.gateway;

import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;
import org.gridplatform.server.discovery.DiscoveryHost;
import org.gridplatform.server.discovery.DiscoveryPlugins;

/** Which resources make a server a gateway, and whether a node plays that role. */
public final class GatewayRole {

    /** The resources of the gateway role. */
    public static final Set<Class<?>> RESOURCES = Set.of(JoinResource.class, SearchResource.class, NodesResource.class,
            HealthCheckResource.class, DiscoveryMessageResource.class, TrainingRunsResource.class, DashboardResource.class);

    private GatewayRole() {
    }

    /**
     * @return whether a node acts as a gateway: every strategy but {@code central} (in which nodes
     *         join a separate gateway) makes it one, as {@code dht} does
     */
    public static boolean nodeIsGateway() {
        return !DiscoveryHost.DEFAULT_STRATEGY.equals(configuredStrategy());
    }

    /** @return the configured strategy name, or the default */
    public static String configuredStrategy() {
        Optional<String> name = ConfigProvider.getConfig().getOptionalValue(DiscoveryPlugins.STRATEGY_KEY, String.class);
        return name.map(String::strip).orElse(DiscoveryHost.DEFAULT_STRATEGY);
    }
}
