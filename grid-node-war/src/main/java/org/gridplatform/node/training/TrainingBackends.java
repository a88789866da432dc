package org.gridplatform.node.training;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.gridplatform.api.InvalidRequestException;
import org.gridplatform.server.config.NamedPlugins;
import org.gridplatform.spi.config.ConfigKey;
import org.gridplatform.spi.config.PluginConfig;
import org.gridplatform.spi.training.TrainingBackend;
import org.gridplatform.spi.training.TrainingBackendFactory;

/**
 * The node's training backends: every {@link TrainingBackendFactory} on the class path, each created
 * once with its validated configuration ({@code grid.training.<name>.}). A request selects one by name.
 * Immutable after construction; backends are thread-safe by contract.
 */
final class TrainingBackends {

    /** A created backend with what a request's settings are checked against. */
    record Backend(String name, TrainingBackend backend, Set<ConfigKey<?>> keys, PluginConfig config) {
    }

    private final Map<String, Backend> byName = new LinkedHashMap<>();

    /**
     * @param factories the factories by name
     * @param config    the configuration view of a factory's prefix
     * @throws IllegalArgumentException if a backend's configuration is invalid, naming the key and the fix
     */
    TrainingBackends(Map<String, TrainingBackendFactory> factories, Function<TrainingBackendFactory, PluginConfig> config) {
        factories.forEach((name, factory) -> {
            PluginConfig view = config.apply(factory);
            byName.put(name, new Backend(name, factory.create(view), Set.copyOf(factory.configKeys()), view));
        });
    }

    /**
     * @param loader the class loader to search for factories
     * @param config the configuration view of a factory's prefix
     * @return the backends found
     */
    static TrainingBackends load(ClassLoader loader, Function<TrainingBackendFactory, PluginConfig> config) {
        return new TrainingBackends(NamedPlugins.load(TrainingBackendFactory.class, loader, TrainingBackendFactory::name,
                "training backend"), config);
    }

    /**
     * @param name the requested backend
     * @return it
     * @throws InvalidRequestException naming the available backends
     */
    Backend select(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidRequestException("The field 'backend' is required: name a training backend, one of "
                    + String.join(", ", names()));
        }
        Backend backend = byName.get(name);
        if (backend == null) {
            throw new InvalidRequestException("There is no training backend named \"" + name + "\" on this node; available: "
                    + String.join(", ", names()));
        }
        return backend;
    }

    /** @return the names of the backends, sorted */
    List<String> names() {
        return byName.keySet().stream().sorted().toList();
    }
}
