package org.gridplatform.plugin.discovery.dht;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.gridplatform.spi.config.ConfigKey;
import org.gridplatform.spi.discovery.DiscoveryStrategy;
import org.gridplatform.spi.discovery.DiscoveryStrategyFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.gridplatform.spi.testing.YassonJsonCodec;
import org.gridplatform.spi.testing.TestDiscoveryContext;
import org.gridplatform.spi.testing.TestPluginConfig;

class DhtStrategyFactoryTest {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final InMemoryNodeTransport transport = new InMemoryNodeTransport(scheduler);
    private final TestDiscoveryContext.Node alice = new TestDiscoveryContext.Node("Alice", "http://127.0.0.1:8181", "iris");

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private DiscoveryStrategy create(Map<String, String> config, TestDiscoveryContext.Node local) {
        return new DhtStrategyFactory().create(new TestPluginConfig("grid.discovery.dht", config),
                new TestDiscoveryContext(transport, new YassonJsonCodec(), scheduler, local));
    }

    @Test
    void serviceLoaderFindsTheFactoryByItsName() {
        List<DiscoveryStrategyFactory> named = ServiceLoader.load(DiscoveryStrategyFactory.class).stream()
                .map(ServiceLoader.Provider::get).filter(factory -> factory.name().equals("dht")).toList();

        assertThat(named).singleElement().isInstanceOf(DhtStrategyFactory.class);
    }

    @Test
    void theFactoryDeclaresItsKeysWithDefaults() {
        Map<String, ConfigKey<?>> keys = new TreeMap<>();
        new DhtStrategyFactory().configKeys().forEach(key -> keys.put(key.name(), key));

        assertThat(keys).containsOnlyKeys("alpha", "bootstrap", "k", "record-ttl", "refresh-interval",
                "republish-interval", "rpc-timeout");
        assertThat(defaultOf(keys, "k")).contains(20);
        assertThat(defaultOf(keys, "alpha")).contains(3);
        assertThat(defaultOf(keys, "bootstrap")).contains(List.of());
        assertThat(defaultOf(keys, "rpc-timeout")).contains(Duration.ofSeconds(1));
        assertThat(defaultOf(keys, "republish-interval")).contains(Duration.ofSeconds(60));
        assertThat(defaultOf(keys, "record-ttl")).as("3 times republish-interval").isEmpty();
        assertThat(defaultOf(keys, "refresh-interval")).contains(Duration.ofSeconds(60));
        assertThat(keys.values()).allSatisfy(key -> assertThat(key.description()).isNotBlank());
    }

    private static Optional<Object> defaultOf(Map<String, ConfigKey<?>> keys, String name) {
        return keys.get(name).defaultValue().map(Object.class::cast);
    }

    @Test
    void theDefaultsMakeAWorkingStrategy() {
        try (DiscoveryStrategy strategy = create(Map.of(), alice)) {
            assertThat(strategy.health().up()).isTrue();
            assertThat(strategy.messageHandler()).isPresent();
        }
        DhtSettings settings = DhtSettings.from(new TestPluginConfig("grid.discovery.dht", Map.of("republish-interval", "10s")));
        assertThat(settings.recordTtl()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.bootstrap()).isEmpty();
    }

    @Test
    void theGatewayCannotRunTheDhtStrategy() {
        assertThatThrownBy(() -> create(Map.of(), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The dht discovery strategy runs on nodes, each of which is part of the DHT; the gateway uses"
                        + " central: set grid.discovery.strategy=central on the gateway");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "k|0|Invalid value for grid.discovery.dht.k: 0; use 1 to 64 (Kademlia's usual value is 20)",
        "k|65|Invalid value for grid.discovery.dht.k: 65; use 1 to 64 (Kademlia's usual value is 20)",
        "alpha|21|Invalid value for grid.discovery.dht.alpha: 21; use 1 to k (20), usually 3",
        "rpc-timeout|0s|Invalid value for grid.discovery.dht.rpc-timeout: 0s; use a positive duration such as 1s",
        "record-ttl|60s|Invalid value for grid.discovery.dht.record-ttl: 60s is not longer than grid.discovery.dht.republish-interval (60s), so records would expire before they are stored again; use about 3 times it, such as 180s",
        "record-ttl|25h|Invalid value for grid.discovery.dht.record-ttl: 25h is longer than 24h, the longest a peer keeps a record; use 24h or less",
        "bootstrap|http://127.0.0.1:8282, ftp://x|Invalid value for grid.discovery.dht.bootstrap: The address \"ftp://x\" is not an http or https URL; use an absolute http or https URL without user info, query or fragment, such as \"http://127.0.0.1:8181\"",
    })
    void settingsThatCannotWorkAreRefusedSayingHowToFixThem(String key, String value, String message) {
        assertThatThrownBy(() -> create(Map.of(key, value), alice))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }
}
