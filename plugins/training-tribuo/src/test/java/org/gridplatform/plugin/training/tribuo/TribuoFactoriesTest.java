package org.gridplatform.plugin.training.tribuo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.gridplatform.spi.config.ConfigKey;
import org.gridplatform.spi.training.Task;
import org.gridplatform.spi.training.TrainingBackendFactory;
import org.junit.jupiter.api.Test;

class TribuoFactoriesTest {

    @Test
    void serviceLoaderFindsBothByName() {
        Map<String, TrainingBackendFactory> factories = ServiceLoader.load(TrainingBackendFactory.class).stream()
                .map(ServiceLoader.Provider::get)
                .collect(Collectors.toMap(TrainingBackendFactory::name, Function.identity()));
        assertThat(factories.get("tribuo-logistic")).isInstanceOf(TribuoLogisticFactory.class);
        assertThat(factories.get("tribuo-linear")).isInstanceOf(TribuoLinearFactory.class);
        assertThat(factories.get("tribuo-logistic").create(Settings.config("grid.training.tribuo-logistic")).task())
                .isEqualTo(Task.CLASSIFICATION);
        assertThat(factories.get("tribuo-linear").create(Settings.config("grid.training.tribuo-linear")).task())
                .isEqualTo(Task.REGRESSION);
    }

    @Test
    void bothDeclareTheSameTypedKeysWithDefaults() {
        for (TrainingBackendFactory factory : new TrainingBackendFactory[] {new TribuoLogisticFactory(), new TribuoLinearFactory()}) {
            Map<String, ConfigKey<?>> keys = factory.configKeys().stream().collect(Collectors.toMap(ConfigKey::name, Function.identity()));
            assertThat(keys).containsOnlyKeys("optimiser", "learning-rate", "epochs", "minibatch-size", "l2", "seed");
            assertThat(keys.get("optimiser").type()).isEqualTo("one of sgd, adagrad, adam");
            assertThat((Object) keys.get("optimiser").defaultValue().orElseThrow()).isEqualTo("adagrad");
            assertThat(keys.get("learning-rate").type()).isEqualTo("string");
            assertThat((Object) keys.get("learning-rate").defaultValue().orElseThrow()).isEqualTo("0.3");
            assertThat(keys.get("epochs").type()).isEqualTo("integer");
            assertThat((Object) keys.get("epochs").defaultValue().orElseThrow()).isEqualTo(1);
            assertThat((Object) keys.get("minibatch-size").defaultValue().orElseThrow()).isEqualTo(1);
            assertThat((Object) keys.get("l2").defaultValue().orElseThrow()).isEqualTo("0");
            assertThat((Object) keys.get("seed").defaultValue().orElseThrow()).isEqualTo(42);
            assertThat(keys.values()).allSatisfy(key -> assertThat(key.description()).isNotBlank());
        }
    }

    @Test
    void createRejectsConfiguredValuesOutOfRangeSayingWhatToUse() {
        String prefix = "grid.training.tribuo-logistic";
        TribuoLogisticFactory factory = new TribuoLogisticFactory();
        assertThatThrownBy(() -> factory.create(Settings.config(prefix, "learning-rate", "fast")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("grid.training.tribuo-logistic.learning-rate is \"fast\": use a decimal number, such as 0.1");
        assertThatThrownBy(() -> factory.create(Settings.config(prefix, "learning-rate", "-0.5")))
                .hasMessage("grid.training.tribuo-logistic.learning-rate is -0.5: use a positive number, such as 0.1");
        assertThatThrownBy(() -> factory.create(Settings.config(prefix, "learning-rate", "NaN")))
                .hasMessage("grid.training.tribuo-logistic.learning-rate is \"NaN\": use a finite decimal number, such as 0.1");
        assertThatThrownBy(() -> factory.create(Settings.config(prefix, "l2", "-1")))
                .hasMessage("grid.training.tribuo-logistic.l2 is -1: use 0 (no weight decay) or a positive number, such as 0.001");
        assertThatThrownBy(() -> factory.create(Settings.config(prefix, "learning-rate", "0.5", "l2", "2")))
                .hasMessage("grid.training.tribuo-logistic.l2 times grid.training.tribuo-logistic.learning-rate is 1.0: it must be"
                        + " below 1, for each update multiplies the weights by 1 minus it; lower l2, such as to 0.2");
        assertThatThrownBy(() -> factory.create(Settings.config(prefix, "epochs", "-1")))
                .hasMessageStartingWith("grid.training.tribuo-logistic.epochs is -1: use 0 to 1000 local passes, such as 1");
        assertThatThrownBy(() -> new TribuoLinearFactory().create(Settings.config("grid.training.tribuo-linear", "minibatch-size", "0")))
                .hasMessage("grid.training.tribuo-linear.minibatch-size is 0: use 1 to 1000000, such as 1 or 16");
        assertThat(factory.create(Settings.config(prefix, "learning-rate", " 1e-2 ", "optimiser", "ADAM"))).isNotNull();
    }
}
