package org.gridplatform.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.Converter;
import org.gridplatform.spi.config.ConfigKey;
import org.junit.jupiter.api.Test;

class MicroProfilePluginConfigTest {

    private static final ConfigKey<String> MODE = ConfigKey.oneOf("search-mode", List.of("broadcast", "index"), "broadcast", "mode");
    private static final ConfigKey<Duration> TIMEOUT = ConfigKey.duration("search-timeout", Duration.ofSeconds(2), "timeout");
    private static final ConfigKey<List<String>> BOOTSTRAP = ConfigKey.list("bootstrap", List.of(), "peers");
    private static final ConfigKey<Integer> REQUIRED = ConfigKey.integer("required", null, "a number");
    private static final Set<ConfigKey<?>> KEYS = Set.of(MODE, TIMEOUT, BOOTSTRAP, REQUIRED);

    @Test
    void readsTypedValuesAndDefaults() {
        var config = new MicroProfilePluginConfig(config(Map.of("grid.discovery.x.search-mode", "INDEX",
                "grid.discovery.x.bootstrap", "http://a:1, http://b:2", "grid.other", "ignored")), "grid.discovery.x", KEYS);
        assertThat(config.get(MODE)).isEqualTo("index");
        assertThat(config.get(TIMEOUT)).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.get(BOOTSTRAP)).containsExactly("http://a:1", "http://b:2");
        assertThat(config.find(REQUIRED)).isEmpty();
        assertThatThrownBy(() -> config.get(REQUIRED)).hasMessage("grid.discovery.x.required is not set and has no default; set it to a number");
    }

    @Test
    void reportsEveryInvalidValueAndUnknownKeyAtOnce() {
        assertThatThrownBy(() -> new MicroProfilePluginConfig(config(Map.of(
                "grid.discovery.x.search-mode", "foo",
                "grid.discovery.x.search-timeout", "soon",
                "grid.discovery.x.serch-mode", "index")), "grid.discovery.x", KEYS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid value for grid.discovery.x.search-mode: \"foo\": use one of broadcast, index")
                .hasMessageContaining("Invalid value for grid.discovery.x.search-timeout: \"soon\"")
                .hasMessageContaining("Unknown configuration key grid.discovery.x.serch-mode; the keys under grid.discovery.x are: "
                        + "bootstrap, required, search-mode, search-timeout");
    }

    private static Config config(Map<String, String> values) {
        return new Config() {
            @Override
            public <T> T getValue(String name, Class<T> type) {
                return getOptionalValue(name, type).orElseThrow(() -> new NoSuchElementException(name));
            }

            @Override
            public ConfigValue getConfigValue(String name) {
                throw new UnsupportedOperationException();
            }

            @Override
            public <T> Optional<T> getOptionalValue(String name, Class<T> type) {
                return Optional.ofNullable(values.get(name)).map(type::cast);
            }

            @Override
            public Iterable<String> getPropertyNames() {
                return values.keySet();
            }

            @Override
            public Iterable<ConfigSource> getConfigSources() {
                return List.of();
            }

            @Override
            public <T> Optional<Converter<T>> getConverter(Class<T> forType) {
                return Optional.empty();
            }

            @Override
            public <T> T unwrap(Class<T> type) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
