package org.gridplatform.plugin.discovery.dht;

import java.util.Map;
import java.util.Optional;
import org.gridplatform.spi.config.ConfigKey;
import org.gridplatform.spi.config.PluginConfig;

/** A plugin's configuration as the host gives it: the configured texts of its keys, parsed by the keys. */
record TestConfig(Map<String, String> values) implements PluginConfig {

    @Override
    public <T> T get(ConfigKey<T> key) {
        return find(key).orElseThrow(() -> new IllegalStateException("No value for " + key));
    }

    @Override
    public <T> Optional<T> find(ConfigKey<T> key) {
        String text = values.get(key.name());
        return text == null ? key.defaultValue() : Optional.of(key.parse(text));
    }

    @Override
    public String prefix() {
        return "grid.discovery.dht";
    }
}
