package org.gridplatform.plugin.training.tribuo;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.gridplatform.spi.config.ConfigKey;
import org.gridplatform.spi.config.PluginConfig;
import org.gridplatform.spi.training.TrainingSettings;

/** Settings and configuration as the host hands them to a backend: text values parsed by the keys, else defaults. */
final class Settings implements TrainingSettings, PluginConfig {

    private final String prefix;
    private final Map<String, String> values;

    private Settings(String prefix, Map<String, String> values) {
        this.prefix = prefix;
        this.values = Map.copyOf(values);
    }

    /** @param namesAndValues key names and text values, alternating */
    static Settings of(String... namesAndValues) {
        return config("", namesAndValues);
    }

    static Settings config(String prefix, String... namesAndValues) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            values.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return new Settings(prefix, values);
    }

    /** @return these settings with one more value */
    Settings with(String name, String value) {
        Map<String, String> more = new HashMap<>(values);
        more.put(name, value);
        return new Settings(prefix, more);
    }

    @Override
    public <T> T get(ConfigKey<T> key) {
        return find(key).orElseThrow(() -> new IllegalStateException(key + " has no value"));
    }

    @Override
    public <T> Optional<T> find(ConfigKey<T> key) {
        String text = values.get(key.name());
        return text == null ? key.defaultValue() : Optional.of(key.parse(text));
    }

    @Override
    public String prefix() {
        return prefix;
    }
}
