package org.gridplatform.server.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;
import org.gridplatform.spi.config.ConfigKey;
import org.gridplatform.spi.config.PluginConfig;

/**
 * A plugin's configuration read once from MicroProfile Config under its prefix, parsed and
 * checked against the keys the plugin declared. Immutable after construction. Shared by the hosts of
 * every SPI: discovery strategies ({@code grid.discovery.<name>}) and training backends
 * ({@code grid.training.<name>}).
 */
public final class MicroProfilePluginConfig implements PluginConfig {

    private final String prefix;
    private final Map<String, Object> values = new HashMap<>();
    private final Set<ConfigKey<?>> declared;

    /**
     * @param config   the application's configuration
     * @param prefix   the plugin's prefix without the trailing dot, such as {@code grid.discovery.central}
     * @param declared the keys the plugin declared
     * @throws IllegalArgumentException listing every invalid value and every undeclared key under the prefix
     */
    public MicroProfilePluginConfig(Config config, String prefix, Set<ConfigKey<?>> declared) {
        this.prefix = prefix;
        this.declared = Set.copyOf(declared);
        List<String> errors = new ArrayList<>();
        for (ConfigKey<?> key : declared) {
            Optional<String> text = config.getOptionalValue(prefix + "." + key.name(), String.class);
            if (text.isPresent()) {
                try {
                    values.put(key.name(), key.parse(text.get()));
                } catch (IllegalArgumentException e) {
                    errors.add("Invalid value for " + prefix + "." + key.name() + ": \"" + text.get() + "\": " + e.getMessage());
                }
            }
        }
        Set<String> known = declared.stream().map(k -> prefix + "." + k.name()).collect(Collectors.toSet());
        Set<String> unknown = new TreeSet<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(prefix + ".") && !known.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            errors.add("Unknown configuration key" + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown)
                    + "; the keys under " + prefix + " are: "
                    + declared.stream().map(ConfigKey::name).sorted().collect(Collectors.joining(", ")));
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", errors));
        }
    }

    @Override
    public <T> T get(ConfigKey<T> key) {
        return find(key).orElseThrow(() -> new IllegalStateException(prefix + "." + key.name()
                + " is not set and has no default; set it to " + key.description()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Optional<T> find(ConfigKey<T> key) {
        if (!declared.contains(key)) {
            throw new IllegalStateException(key.name() + " was not declared by the plugin under " + prefix);
        }
        Object value = values.get(key.name());
        return value != null ? Optional.of((T) value) : key.defaultValue();
    }

    @Override
    public String prefix() {
        return prefix;
    }
}
