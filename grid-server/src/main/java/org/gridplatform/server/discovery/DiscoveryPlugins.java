package org.gridplatform.server.discovery;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.gridplatform.server.config.NamedPlugins;
import org.gridplatform.spi.discovery.DiscoveryStrategyFactory;

/**
 * The discovery plugins on a class path, found with {@link ServiceLoader}.
 *
 * <p>One broken plugin jar does not stop the others: its error is logged and it is left out.
 * Two plugins with the same name are an error that names both, since the choice between them
 * would be arbitrary.
 */
public final class DiscoveryPlugins {

    /** The configuration key that selects the strategy. */
    public static final String STRATEGY_KEY = "grid.discovery.strategy";

    private final Map<String, DiscoveryStrategyFactory> byName;

    private DiscoveryPlugins(Map<String, DiscoveryStrategyFactory> byName) {
        this.byName = byName;
    }

    /**
     * @param loader the class loader to search
     * @return the plugins found
     * @throws IllegalStateException if two plugins share a name
     */
    public static DiscoveryPlugins load(ClassLoader loader) {
        return new DiscoveryPlugins(NamedPlugins.load(DiscoveryStrategyFactory.class, loader, DiscoveryStrategyFactory::name,
                "discovery plugin"));
    }

    /**
     * @param name the configured strategy name
     * @return the factory of that name
     * @throws IllegalArgumentException naming the value, the available strategies and how to add one
     */
    public DiscoveryStrategyFactory select(String name) {
        DiscoveryStrategyFactory factory = byName.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("Unrecognized value for " + STRATEGY_KEY + ": \"" + name
                    + "\". Available strategies: " + String.join(", ", byName.keySet())
                    + ". To add one, put its plugin jar on the class path (in WEB-INF/lib, or with Payara Micro's --addLibs); "
                    + "see docs/writing-a-discovery-plugin.md");
        }
        return factory;
    }

    /** @return the names of the plugins found, sorted */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }
}
