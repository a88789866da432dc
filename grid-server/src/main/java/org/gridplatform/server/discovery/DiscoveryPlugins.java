package org.gridplatform.server.discovery;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;
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

    private static final Logger LOG = Logger.getLogger(DiscoveryPlugins.class.getName());

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
        Map<String, DiscoveryStrategyFactory> byName = new TreeMap<>();
        List<String> duplicates = new ArrayList<>();
        Iterator<DiscoveryStrategyFactory> factories = ServiceLoader.load(DiscoveryStrategyFactory.class, loader).iterator();
        while (true) {
            DiscoveryStrategyFactory factory;
            try {
                if (!factories.hasNext()) {
                    break;
                }
                factory = factories.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                LOG.log(Level.WARNING, "A discovery plugin could not be loaded and is left out: " + e.getMessage(), e);
                continue;
            }
            String name;
            try {
                name = factory.name();
            } catch (RuntimeException | LinkageError e) {
                LOG.log(Level.WARNING, "The discovery plugin " + factory.getClass().getName() + " from " + origin(factory)
                        + " failed to tell its name and is left out", e);
                continue;
            }
            DiscoveryStrategyFactory known = byName.putIfAbsent(name, factory);
            if (known != null) {
                duplicates.add("\"" + name + "\" is the name of both " + known.getClass().getName() + " (" + origin(known)
                        + ") and " + factory.getClass().getName() + " (" + origin(factory) + ")");
            }
        }
        if (!duplicates.isEmpty()) {
            throw new IllegalStateException("Two discovery plugins have the same name: " + String.join("; ", duplicates)
                    + ". Remove one of the jars.");
        }
        return new DiscoveryPlugins(byName);
    }

    private static String origin(Object plugin) {
        try {
            var source = plugin.getClass().getProtectionDomain().getCodeSource();
            return source == null ? "unknown jar" : String.valueOf(source.getLocation());
        } catch (SecurityException e) {
            return "unknown jar";
        }
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
