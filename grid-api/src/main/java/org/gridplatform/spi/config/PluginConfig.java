package org.gridplatform.spi.config;

import java.util.Optional;

/**
 * A read-only view of a plugin's own configuration: only the keys under its prefix, already
 * validated against the keys it declared. Plugins never read the environment or system
 * properties themselves.
 *
 * <p>Thread-safe and immutable.
 */
public interface PluginConfig {

    /**
     * @param key one of the plugin's declared keys
     * @param <T> the value's type
     * @return the configured value, else the key's default
     * @throws IllegalStateException if the key has no value and no default, or was not declared
     */
    <T> T get(ConfigKey<T> key);

    /**
     * @param key one of the plugin's declared keys
     * @param <T> the value's type
     * @return the configured value or the default, if either exists
     */
    <T> Optional<T> find(ConfigKey<T> key);

    /** @return the full prefix of this plugin's keys, such as {@code grid.discovery.central}, for messages */
    String prefix();
}
