package org.gridplatform.plugin.discovery.dht;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.gridplatform.api.NodeAddress;
import org.gridplatform.spi.config.ConfigKey;
import org.gridplatform.spi.discovery.DiscoveryStrategy;
import org.gridplatform.spi.discovery.DiscoveryStrategyFactory;
import org.gridplatform.spi.discovery.LocalNode;
import org.gridplatform.spi.discovery.NodeSigner;
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

        assertThat(keys).containsOnlyKeys("alpha", "bootstrap", "k", "pinned-keys", "record-ttl", "refresh-interval",
                "republish-interval", "rpc-timeout");
        assertThat(defaultOf(keys, "k")).contains(20);
        assertThat(defaultOf(keys, "alpha")).contains(3);
        assertThat(defaultOf(keys, "bootstrap")).contains(List.of());
        assertThat(defaultOf(keys, "rpc-timeout")).contains(Duration.ofSeconds(1));
        assertThat(defaultOf(keys, "republish-interval")).contains(Duration.ofSeconds(60));
        assertThat(defaultOf(keys, "record-ttl")).as("3 times republish-interval").isEmpty();
        assertThat(defaultOf(keys, "refresh-interval")).contains(Duration.ofSeconds(60));
        assertThat(defaultOf(keys, "pinned-keys")).contains(List.of());
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

    @Test
    void onAHostThatKeepsNoKeyTheNodeSignsWithAKeyInMemory() {
        LocalNode keyless = new LocalNode() {
            @Override
            public String nodeId() {
                return alice.nodeId();
            }

            @Override
            public NodeAddress address() {
                return alice.address();
            }

            @Override
            public Set<String> tags() {
                return alice.tags();
            }
        };
        try (DiscoveryStrategy strategy = new DhtStrategyFactory().create(new TestPluginConfig("grid.discovery.dht", Map.of()),
                new TestDiscoveryContext(transport, new YassonJsonCodec(), scheduler, keyless))) {
            assertThat((String) strategy.health().data().get("public-key")).hasSize(NodeKey.TEXT_LENGTH);
        }
    }

    @Test
    void aPinOfTheNodesOwnIdToAnotherKeyStopsIt() {
        String other = NodeKey.of(NodeSigner.generate().publicKey()).text();
        String own = NodeKey.of(alice.signer().orElseThrow().publicKey()).text();

        assertThatThrownBy(() -> create(Map.of("pinned-keys", "Alice=" + other), alice))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("grid.discovery.dht.pinned-keys pins this node's own id \"Alice\" to " + other + ", but its key is "
                        + own + "; pin its own key, or restore the key file that belongs to the pin");
        try (DiscoveryStrategy pinnedToItsOwn = create(Map.of("pinned-keys", "Alice=" + own), alice)) {
            assertThat(pinnedToItsOwn.health().data()).containsEntry("public-key", own);
        }
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "k|0|Invalid value for grid.discovery.dht.k: 0; use 1 to 64 (Kademlia's usual value is 20)",
        "k|65|Invalid value for grid.discovery.dht.k: 65; use 1 to 64 (Kademlia's usual value is 20)",
        "alpha|21|Invalid value for grid.discovery.dht.alpha: 21; use 1 to k (20), usually 3",
        "rpc-timeout|0s|Invalid value for grid.discovery.dht.rpc-timeout: 0s; use a positive duration such as 1s",
        "record-ttl|60s|Invalid value for grid.discovery.dht.record-ttl: 60s is not longer than grid.discovery.dht.republish-interval (60s), so records would expire before they are stored again; use about 3 times it, such as 180s",
        "record-ttl|25h|Invalid value for grid.discovery.dht.record-ttl: 25h is longer than 24h, the longest a peer keeps a record; use 24h or less",
        "pinned-keys|alice|Invalid value for grid.discovery.dht.pinned-keys: \"alice\" is not id=public-key; write each pinned node as its id, '=' and its public key, such as alice=MCowBQYDK2VwAyEA...",
        "pinned-keys|bad id!=MCowBQYDK2VwAyEAjCKtKuaRr4d40juPquaEWuJsbwogRX1lPgwPoBD4_2M|Invalid value for grid.discovery.dht.pinned-keys: The node id \"bad id!\" is not valid: use 1 to 64 letters, digits, '-', '_' or '.'",
        "pinned-keys|bob=MCowBQYDK2VwAyEA|Invalid value for grid.discovery.dht.pinned-keys: the key of \"bob\" must be an Ed25519 public key: its X.509 SubjectPublicKeyInfo in base64url without padding (59 characters)",
        "pinned-keys|bob=MCowBQYDK2VwAyEAjCKtKuaRr4d40juPquaEWuJsbwogRX1lPgwPoBD4_2M, bob=MCowBQYDK2VwAyEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA|Invalid value for grid.discovery.dht.pinned-keys: \"bob\" is pinned to two different keys; keep one",
        "bootstrap|http://127.0.0.1:8282, ftp://x|Invalid value for grid.discovery.dht.bootstrap: The address \"ftp://x\" is not an http or https URL; use an absolute http or https URL without user info, query or fragment, such as \"http://127.0.0.1:8181\"",
    })
    void settingsThatCannotWorkAreRefusedSayingHowToFixThem(String key, String value, String message) {
        assertThatThrownBy(() -> create(Map.of(key, value), alice))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }
}
