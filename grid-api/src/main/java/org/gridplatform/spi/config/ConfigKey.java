package org.gridplatform.spi.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.gridplatform.api.Durations;

/**
 * One configuration key of a plugin: its name relative to the plugin's prefix, its type, its
 * default and what it does. Keys are immutable and compare by name.
 *
 * <p>A strategy named {@code central} with the key {@code search-mode} is configured as
 * {@code grid.discovery.central.search-mode} (environment: {@code GRID_DISCOVERY_CENTRAL_SEARCH_MODE}).
 *
 * @param <T> the type of the value
 */
public final class ConfigKey<T> {

    private final String name;
    private final String type;
    private final T defaultValue;
    private final String description;
    private final Function<String, T> parser;

    private ConfigKey(String name, String type, T defaultValue, String description, Function<String, T> parser) {
        if (!name.matches("[a-z0-9]+([.-][a-z0-9]+)*")) {
            throw new IllegalArgumentException("Config key names are lower-case words joined by '-' or '.', not \"" + name + "\"");
        }
        this.name = name;
        this.type = type;
        this.defaultValue = defaultValue;
        this.description = Objects.requireNonNull(description, "description");
        this.parser = parser;
    }

    /**
     * @param name         the key's name relative to the plugin's prefix, such as {@code bootstrap}
     * @param defaultValue the default, or {@code null} if the key has none
     * @param description  what the key does, for the documentation
     * @return a text key
     */
    public static ConfigKey<String> string(String name, String defaultValue, String description) {
        return new ConfigKey<>(name, "string", defaultValue, description, Function.identity());
    }

    /** @return an integer key; see {@link #string} for the parameters */
    public static ConfigKey<Integer> integer(String name, Integer defaultValue, String description) {
        return new ConfigKey<>(name, "integer", defaultValue, description, text -> {
            try {
                return Integer.valueOf(text.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not an integer");
            }
        });
    }

    /** @return a boolean key ({@code true} or {@code false}); see {@link #string} for the parameters */
    public static ConfigKey<Boolean> bool(String name, Boolean defaultValue, String description) {
        return new ConfigKey<>(name, "boolean", defaultValue, description, text -> switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("not true or false");
        });
    }

    /** @return a duration key ({@code 500ms}, {@code 2s}, {@code PT30S}); see {@link #string} for the parameters */
    public static ConfigKey<Duration> duration(String name, Duration defaultValue, String description) {
        return new ConfigKey<>(name, "duration", defaultValue, description, text -> Durations.parse(text, name));
    }

    /** @return a comma-separated list key; see {@link #string} for the parameters */
    public static ConfigKey<List<String>> list(String name, List<String> defaultValue, String description) {
        return new ConfigKey<>(name, "list", defaultValue, description,
                text -> text.isBlank() ? List.of() : List.of(text.strip().split("\\s*,\\s*")));
    }

    /**
     * @param name         the key's name
     * @param values       the allowed values, lower case
     * @param defaultValue the default, one of {@code values}
     * @param description  what the key does
     * @return a key whose value must be one of {@code values}
     */
    public static ConfigKey<String> oneOf(String name, List<String> values, String defaultValue, String description) {
        return new ConfigKey<>(name, "one of " + String.join(", ", values), defaultValue, description, text -> {
            String value = text.strip().toLowerCase(Locale.ROOT);
            if (!values.contains(value)) {
                throw new IllegalArgumentException("use one of " + String.join(", ", values));
            }
            return value;
        });
    }

    /**
     * Parses a configured value.
     *
     * @param text the value as configured
     * @return the typed value
     * @throws IllegalArgumentException saying what is wrong with it (without the key's name)
     */
    public T parse(String text) {
        return parser.apply(text);
    }

    /** @return the name relative to the plugin's prefix */
    public String name() {
        return name;
    }

    /** @return the type, for documentation and messages, such as {@code duration} */
    public String type() {
        return type;
    }

    /** @return the default, if any */
    public Optional<T> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /** @return what the key does */
    public String description() {
        return description;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConfigKey<?> key && key.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name + " (" + type + ")";
    }
}
