package org.gridplatform.spi.testing;

import java.util.Map;
import java.util.Optional;
import org.gridplatform.spi.config.ConfigKey;
import org.gridplatform.spi.config.PluginConfig;

/**
 * For plugin tests: a plugin's configuration as the host gives it, the configured texts of its keys
 * parsed by the keys themselves, defaults for the rest.
 *
 * @param prefix the plugin's prefix, such as {@code grid.discovery.dht}
 * @param values key name (relative to the prefix) to configured text
 */
public record TestPluginConfig(String prefix, Map<String, String> values) implements PluginConfig {

    @Override
    public <T> T get(ConfigKey<T> key) {
        return find(key).orElseThrow(() -> new IllegalStateException(prefix + "." + key.name()
                + " is not set and has no default; set it to " + key.description()));
    }

    @Override
    public <T> Optional<T> find(ConfigKey<T> key) {
        String text = values.get(key.name());
        return text == null ? key.defaultValue() : Optional.of(key.parse(text));
    }
}
