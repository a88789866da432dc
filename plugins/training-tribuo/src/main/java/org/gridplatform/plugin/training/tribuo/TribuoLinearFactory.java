package org.gridplatform.plugin.training.tribuo;

import java.util.Set;
import org.gridplatform.spi.config.ConfigKey;
import org.gridplatform.spi.config.PluginConfig;
import org.gridplatform.spi.training.TrainingBackend;
import org.gridplatform.spi.training.TrainingBackendFactory;

/**
 * Creates the {@code tribuo-linear} backend: linear regression of the schema's target (squared loss),
 * trained by Tribuo's linear SGD. Its settings live under {@code grid.training.tribuo-linear.}:
 * {@code optimiser} (default {@code adagrad}), {@code learning-rate} (0.3), {@code epochs} (1),
 * {@code minibatch-size} (1), {@code l2} (0) and {@code seed} (42). The features should be scaled to
 * about 1, as agreed by the federation. AdaGrad moves a weight by less than the learning rate per
 * update, so a target in the thousands wants a scaled target or a larger learning rate. Metrics:
 * {@code loss} (mean squared error), {@code rmse} and {@code mae}.
 */
public final class TribuoLinearFactory implements TrainingBackendFactory {

    /** For {@link java.util.ServiceLoader}. */
    public TribuoLinearFactory() {
    }

    @Override
    public String name() {
        return LinearModelKind.LINEAR.backendName();
    }

    @Override
    public Set<ConfigKey<?>> configKeys() {
        return StepSettings.KEYS;
    }

    /** @throws IllegalArgumentException if a configured value is out of range, naming the key and the fix */
    @Override
    public TrainingBackend create(PluginConfig config) {
        StepSettings.read(config::get, config.prefix() + ".");
        return new LinearSgdBackend<>(LinearModelKind.LINEAR);
    }
}
