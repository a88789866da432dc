package org.gridplatform.spi.training;

import java.util.Optional;
import org.gridplatform.spi.config.ConfigKey;

/**
 * The settings of one training step: the backend's configured defaults, overridden by the request
 * (for example {@code epochs}, {@code learning-rate}, {@code seed}). Read-only.
 */
public interface TrainingSettings {

    /**
     * @param key one of the backend's declared keys
     * @param <T> the value's type
     * @return the request's value, else the configured value, else the key's default
     * @throws IllegalStateException if the key has no value and no default
     */
    <T> T get(ConfigKey<T> key);

    /**
     * @param key one of the backend's declared keys
     * @param <T> the value's type
     * @return the value, if any
     */
    <T> Optional<T> find(ConfigKey<T> key);
}
