package org.gridplatform.plugin.training.tribuo;

import java.util.Set;
import org.gridplatform.spi.config.ConfigKey;
import org.gridplatform.spi.config.PluginConfig;
import org.gridplatform.spi.training.TrainingBackend;
import org.gridplatform.spi.training.TrainingBackendFactory;

/**
 * Creates the {@code tribuo-logistic} backend: multinomial logistic regression (softmax over the
 * schema's labels, cross-entropy loss), trained by Tribuo's linear SGD. Its settings live under
 * {@code grid.training.tribuo-logistic.}: {@code optimiser} (default {@code adagrad}),
 * {@code learning-rate} (0.3), {@code epochs} (1), {@code minibatch-size} (1), {@code l2} (0) and
 * {@code seed} (42). Metrics: {@code loss} (mean cross-entropy) and {@code accuracy}.
 */
public final class TribuoLogisticFactory implements TrainingBackendFactory {

    /** For {@link java.util.ServiceLoader}. */
    public TribuoLogisticFactory() {
    }

    @Override
    public String name() {
        return LinearModelKind.LOGISTIC.backendName();
    }

    @Override
    public Set<ConfigKey<?>> configKeys() {
        return StepSettings.KEYS;
    }

    /** @throws IllegalArgumentException if a configured value is out of range, naming the key and the fix */
    @Override
    public TrainingBackend create(PluginConfig config) {
        StepSettings.read(config::get, config.prefix() + ".");
        return new LinearSgdBackend<>(LinearModelKind.LOGISTIC);
    }
}
