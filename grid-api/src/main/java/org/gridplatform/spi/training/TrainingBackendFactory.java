package org.gridplatform.spi.training;

import java.util.Set;
import org.gridplatform.spi.config.ConfigKey;
import org.gridplatform.spi.config.PluginConfig;

/**
 * Creates a training backend; what a plugin registers in
 * {@code META-INF/services/org.gridplatform.spi.training.TrainingBackendFactory}. Cheap to construct.
 */
public interface TrainingBackendFactory {

    /** @return the name a training request selects, such as {@code tribuo-logistic}; unique on the class path */
    String name();

    /**
     * @return the keys of the backend's settings, relative to {@code grid.training.<name>.}: their
     *         configured values are the defaults of every training step, which a request may override
     */
    Set<ConfigKey<?>> configKeys();

    /**
     * @param config the backend's validated configuration
     * @return the backend; called once per node
     */
    TrainingBackend create(PluginConfig config);
}
