package org.gridplatform.spi.discovery;

import java.util.Set;
import org.gridplatform.spi.config.ConfigKey;
import org.gridplatform.spi.config.PluginConfig;

/**
 * Creates a discovery strategy; what a plugin registers in
 * {@code META-INF/services/org.gridplatform.spi.discovery.DiscoveryStrategyFactory}.
 *
 * <p>Implementations need a public no-argument constructor, must be cheap to construct (every
 * factory on the class path is instantiated to learn its name), and must not start threads or
 * open connections before {@link #create}.
 */
public interface DiscoveryStrategyFactory {

    /**
     * @return the short name that {@code grid.discovery.strategy} selects, such as {@code central}
     *         or {@code dht}: lower-case letters, digits and {@code -}; unique on the class path
     */
    String name();

    /**
     * @return the keys this strategy reads, relative to the prefix {@code grid.discovery.<name>.};
     *         the host rejects configured keys under that prefix that are not declared here
     */
    Set<ConfigKey<?>> configKeys();

    /**
     * Creates the strategy. Called once, at application start, on the deploying thread.
     *
     * @param config  this strategy's validated configuration, never {@code null}
     * @param context what the host offers: transport, scheduler, the local node if any; never {@code null}
     * @return the strategy, ready to serve
     * @throws IllegalArgumentException if the configuration cannot work, with a message naming the
     *         key and how to fix it; this stops the deployment
     */
    DiscoveryStrategy create(PluginConfig config, DiscoveryContext context);
}
