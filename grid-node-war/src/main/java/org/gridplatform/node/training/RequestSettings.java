package org.gridplatform.node.training;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.gridplatform.api.InvalidRequestException;
import org.gridplatform.spi.config.ConfigKey;
import org.gridplatform.spi.config.PluginConfig;
import org.gridplatform.spi.training.TrainingSettings;

/**
 * One step's settings: the request's values, parsed by the backend's declared keys, over the node's
 * configured values ({@code grid.training.<backend>.<key>}), over the keys' defaults. Immutable.
 */
final class RequestSettings implements TrainingSettings {

    private final Map<String, Object> values;
    private final PluginConfig configured;

    private RequestSettings(Map<String, Object> values, PluginConfig configured) {
        this.values = values;
        this.configured = configured;
    }

    /**
     * @param backend    the backend's name, for messages
     * @param keys       the backend's declared keys
     * @param requested  the request's settings: JSON strings, numbers or booleans by key name; may be {@code null}
     * @param configured the node's configuration of the backend
     * @return the settings
     * @throws InvalidRequestException for an unknown name (listing the backend's keys) or a value its key cannot parse
     */
    static RequestSettings of(String backend, Set<ConfigKey<?>> keys, Map<String, Object> requested, PluginConfig configured) {
        Map<String, ConfigKey<?>> byName = new HashMap<>();
        keys.forEach(k -> byName.put(k.name(), k));
        Map<String, Object> values = new HashMap<>();
        if (requested != null) {
            if (requested.keySet().stream().anyMatch(java.util.Objects::isNull)) {
                // JSON-B also reads a map from an array of {"key", "value"} entries, whose key may be missing.
                throw new InvalidRequestException("settings has an entry without a name: write the settings as a JSON object of"
                        + " names and values, such as {\"epochs\": 5}");
            }
            Set<String> unknown = new TreeSet<>(requested.keySet());
            unknown.removeAll(byName.keySet());
            if (!unknown.isEmpty()) {
                throw new InvalidRequestException("The backend " + backend + " has no setting" + (unknown.size() > 1 ? "s " : " ")
                        + String.join(", ", unknown) + "; its settings are " + String.join(", ", new TreeSet<>(byName.keySet())));
            }
            for (var entry : requested.entrySet()) {
                ConfigKey<?> key = byName.get(entry.getKey());
                String text = text(entry.getKey(), entry.getValue());
                try {
                    values.put(key.name(), key.parse(text));
                } catch (IllegalArgumentException e) {
                    throw new InvalidRequestException("settings." + key.name() + " is \"" + text + "\": " + e.getMessage()
                            + " (" + key.description() + ")");
                }
            }
        }
        return new RequestSettings(Map.copyOf(values), configured);
    }

    private static String text(String name, Object value) {
        return switch (value) {
            case String s -> s;
            case BigDecimal d -> d.toPlainString();
            case Number n -> n.toString();
            case Boolean b -> b.toString();
            case null -> throw new InvalidRequestException("settings." + name + " is null: give a value, or leave the setting out"
                    + " to use the node's default");
            default -> throw new InvalidRequestException("settings." + name + " is not a string, a number or a boolean");
        };
    }

    @Override
    public <T> T get(ConfigKey<T> key) {
        return find(key).orElseThrow(() -> new InvalidRequestException("The setting " + key.name()
                + " has no value and no default: set it in the request's settings"));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Optional<T> find(ConfigKey<T> key) {
        Object value = values.get(key.name());
        return value != null ? Optional.of((T) value) : configured.find(key);
    }
}
