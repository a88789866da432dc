package org.gridplatform.plugin.discovery.staticlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.ScheduledExecutorService;
import org.gridplatform.api.GridException;
import org.gridplatform.api.InvalidRequestException;
import org.gridplatform.api.NodeAddress;
import org.gridplatform.api.NodeEntry;
import org.gridplatform.api.TagQuery;
import org.gridplatform.spi.config.ConfigKey;
import org.gridplatform.spi.config.PluginConfig;
import org.gridplatform.spi.discovery.DiscoveryContext;
import org.gridplatform.spi.discovery.DiscoveryStrategy;
import org.gridplatform.spi.discovery.DiscoveryStrategyFactory;
import org.gridplatform.spi.discovery.JsonCodec;
import org.gridplatform.spi.discovery.LocalNode;
import org.gridplatform.spi.discovery.NodeRegistration;
import org.gridplatform.spi.discovery.NodeTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaticListFactoryTest {

    private static final Jsonb JSONB = JsonbBuilder.create();

    @TempDir
    Path dir;

    @Test
    void serviceLoaderFindsItByName() {
        assertThat(ServiceLoader.load(DiscoveryStrategyFactory.class).stream().map(ServiceLoader.Provider::get)
                .filter(f -> f.name().equals("static")).findFirst()).containsInstanceOf(StaticListFactory.class);
    }

    @Test
    void answersSearchesFromTheFile() throws IOException {
        Path file = dir.resolve("nodes.json");
        Files.writeString(file, """
                {"nodes": [
                  {"id": "bob", "address": "http://127.0.0.1:8182/", "datasets": [["#iris", "#flowers"], ["#boston-housing"]]},
                  {"id": "alice", "address": "http://127.0.0.1:8181", "datasets": [["#Iris"], ["#wine", "#classification"]]}
                ]}""");
        DiscoveryStrategy strategy = new StaticListFactory().create(config(file.toString()), context());
        assertThat(strategy.nodes()).extracting(NodeEntry::nodeId, NodeEntry::nodeAddress)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("alice", "http://127.0.0.1:8181"),
                        org.assertj.core.groups.Tuple.tuple("bob", "http://127.0.0.1:8182"));
        assertThat(strategy.search(TagQuery.of(List.of("iris"))).found()).extracting(NodeEntry::nodeId).containsExactly("alice", "bob");
        assertThat(strategy.search(TagQuery.of(List.of("#iris", "#flowers"))).found()).extracting(NodeEntry::nodeId).containsExactly("bob");
        assertThat(strategy.search(TagQuery.of(List.of("#wine", "#iris"))).found()).isEmpty();
        assertThatThrownBy(() -> strategy.register(new NodeRegistration("carol", NodeAddress.parse("http://c:1", "a"), Optional.empty())))
                .isInstanceOf(GridException.class)
                .hasMessage("This grid uses a fixed list of nodes (grid.discovery.strategy=static); ask its operator to add carol to the list");
    }

    @Test
    void configurationErrorsSayHowToFixThem() throws IOException {
        assertThatThrownBy(() -> new StaticListFactory().create(config(null), context()))
                .hasMessage("grid.discovery.static.file is not set: name the JSON file that lists the nodes, for example "
                        + "grid.discovery.static.file=/etc/grid/nodes.json");
        assertThatThrownBy(() -> new StaticListFactory().create(config(dir.resolve("none.json").toString()), context()))
                .hasMessageStartingWith("Cannot read " + dir.resolve("none.json"));
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"nodes\": [{\"id\": \"a b\", \"address\": \"http://h:1\"}]}");
        assertThatThrownBy(() -> new StaticListFactory().create(config(bad.toString()), context()))
                .hasMessageContaining("is not a valid node list: The id \"a b\" is not valid");
    }

    private static PluginConfig config(String file) {
        return new PluginConfig() {
            @Override
            public <T> T get(ConfigKey<T> key) {
                return find(key).orElseThrow();
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> Optional<T> find(ConfigKey<T> key) {
                return Optional.ofNullable((T) file);
            }

            @Override
            public String prefix() {
                return "grid.discovery.static";
            }
        };
    }

    private static DiscoveryContext context() {
        JsonCodec json = new JsonCodec() {
            @Override
            public String toJson(Object value) {
                return JSONB.toJson(value);
            }

            @Override
            public <T> T fromJson(String text, Class<T> type) {
                try {
                    return JSONB.fromJson(text, type);
                } catch (JsonbException e) {
                    throw new InvalidRequestException("The body is not JSON of the expected shape");
                }
            }
        };
        return new DiscoveryContext() {
            @Override
            public NodeTransport transport() {
                throw new UnsupportedOperationException("static never calls nodes");
            }

            @Override
            public JsonCodec json() {
                return json;
            }

            @Override
            public ScheduledExecutorService scheduler() {
                throw new UnsupportedOperationException();
            }

            @Override
            public Clock clock() {
                return Clock.systemUTC();
            }

            @Override
            public Optional<LocalNode> localNode() {
                return Optional.empty();
            }
        };
    }
}
