package org.gridplatform.plugin.discovery.central;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.gridplatform.spi.config.ConfigKey;
import org.gridplatform.spi.config.PluginConfig;
import org.gridplatform.spi.discovery.DiscoveryContext;
import org.gridplatform.spi.discovery.DiscoveryStrategy;
import org.gridplatform.spi.discovery.DiscoveryStrategyFactory;

/** Creates the {@code central} strategy; selected by {@code grid.discovery.strategy=central} (the default). */
public final class CentralDiscoveryFactory implements DiscoveryStrategyFactory {

    static final ConfigKey<String> SEARCH_MODE = ConfigKey.oneOf("search-mode", List.of("broadcast", "index"), "broadcast",
            "broadcast: ask every node in parallel (the design's behaviour; works with any node that speaks PyGrid's "
                    + "POST /search); index: answer from the tags nodes announce when they join, without calling any node");
    static final ConfigKey<Duration> SEARCH_TIMEOUT = ConfigKey.duration("search-timeout", Duration.ofSeconds(2),
            "How long each node gets to answer a broadcast search; nodes that do not answer are left out and named");
    static final ConfigKey<Integer> MAX_NODES = ConfigKey.integer("max-nodes", 10_000,
            "The most nodes the registry holds; a join beyond it is refused with 409");

    /** For {@link java.util.ServiceLoader}. */
    public CentralDiscoveryFactory() {
    }

    @Override
    public String name() {
        return "central";
    }

    @Override
    public Set<ConfigKey<?>> configKeys() {
        return Set.of(SEARCH_MODE, SEARCH_TIMEOUT, MAX_NODES);
    }

    @Override
    public DiscoveryStrategy create(PluginConfig config, DiscoveryContext context) {
        int maxNodes = config.get(MAX_NODES);
        if (maxNodes < 1) {
            throw new IllegalArgumentException(config.prefix() + ".max-nodes must be at least 1, but is " + maxNodes);
        }
        Duration timeout = config.get(SEARCH_TIMEOUT);
        if (timeout.isZero()) {
            throw new IllegalArgumentException(config.prefix() + ".search-timeout must be longer than zero");
        }
        return new CentralStrategy(new Registry(maxNodes, context.clock()),
                "index".equals(config.get(SEARCH_MODE)) ? new IndexSearch() : new BroadcastSearch(context, timeout));
    }
}
