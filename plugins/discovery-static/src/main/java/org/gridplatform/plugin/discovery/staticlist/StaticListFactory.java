package org.gridplatform.plugin.discovery.staticlist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.gridplatform.api.GridException;
import org.gridplatform.spi.config.ConfigKey;
import org.gridplatform.spi.config.PluginConfig;
import org.gridplatform.spi.discovery.DiscoveryContext;
import org.gridplatform.spi.discovery.DiscoveryStrategy;
import org.gridplatform.spi.discovery.DiscoveryStrategyFactory;

/** Creates the {@code static} strategy: {@code grid.discovery.strategy=static}, {@code grid.discovery.static.file=nodes.json}. */
public final class StaticListFactory implements DiscoveryStrategyFactory {

    static final ConfigKey<String> FILE = ConfigKey.string("file", null,
            "the path of the JSON file that lists the nodes and their datasets' tags");

    /** For {@link java.util.ServiceLoader}. */
    public StaticListFactory() {
    }

    @Override
    public String name() {
        return "static";
    }

    @Override
    public Set<ConfigKey<?>> configKeys() {
        return Set.of(FILE);
    }

    @Override
    public DiscoveryStrategy create(PluginConfig config, DiscoveryContext context) {
        Path file = Path.of(config.find(FILE).orElseThrow(() -> new IllegalArgumentException(
                config.prefix() + ".file is not set: name the JSON file that lists the nodes, for example "
                        + config.prefix() + ".file=/etc/grid/nodes.json")));
        try {
            StaticNodeList list = context.json().fromJson(Files.readString(file), StaticNodeList.class);
            return new StaticListStrategy(list, context.clock().instant());
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read " + file.toAbsolutePath() + " (" + config.prefix() + ".file): "
                    + e.getMessage(), e);
        } catch (GridException e) {
            throw new IllegalArgumentException(file.toAbsolutePath() + " (" + config.prefix() + ".file) is not a valid node list: "
                    + e.getMessage() + ". Write {\"nodes\": [{\"id\": \"alice\", \"address\": \"http://127.0.0.1:8181\", "
                    + "\"datasets\": [[\"#iris\"]]}]}", e);
        }
    }
}
