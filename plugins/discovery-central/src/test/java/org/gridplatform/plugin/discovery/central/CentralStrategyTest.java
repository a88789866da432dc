package org.gridplatform.plugin.discovery.central;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gridplatform.api.GridException;
import org.gridplatform.api.NodeAddress;
import org.gridplatform.api.NodeEntry;
import org.gridplatform.api.SearchRequest;
import org.gridplatform.api.TagQuery;
import org.gridplatform.spi.config.ConfigKey;
import org.gridplatform.spi.config.PluginConfig;
import org.gridplatform.spi.discovery.DiscoveryStrategy;
import org.gridplatform.spi.discovery.DiscoveryStrategyFactory;
import org.gridplatform.spi.discovery.NodeRegistration;
import org.gridplatform.spi.discovery.NodeTransport;
import org.gridplatform.spi.testing.TestDiscoveryContext;
import org.gridplatform.spi.testing.TestPluginConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class CentralStrategyTest {

    private static final Jsonb JSONB = JsonbBuilder.create();

    /** Each fake node holds datasets with these tags and answers POST /search as Grid's nodes do. */
    private static final Map<String, List<Set<String>>> GRID = Map.of(
            "alice", List.of(Set.of("iris", "flowers", "classification"), Set.of("wine", "classification")),
            "bob", List.of(Set.of("iris", "flowers", "classification"), Set.of("boston-housing", "regression")),
            "carol", List.of(Set.of("breast-cancer", "classification")),
            "dead", List.of(Set.of("iris")));

    @AfterAll
    static void close() throws Exception {
        JSONB.close();
    }

    @Test
    void serviceLoaderFindsTheFactoryByName() {
        DiscoveryStrategyFactory factory = ServiceLoader.load(DiscoveryStrategyFactory.class).stream()
                .map(ServiceLoader.Provider::get).filter(f -> f.name().equals("central")).findFirst().orElseThrow();
        assertThat(factory).isInstanceOf(CentralDiscoveryFactory.class);
        assertThat(factory.configKeys()).extracting(ConfigKey::name).containsExactlyInAnyOrder("search-mode", "search-timeout", "max-nodes");
    }

    @Test
    void broadcastAndIndexGiveTheSameAnswers() {
        DiscoveryStrategy broadcast = strategy("broadcast");
        DiscoveryStrategy index = strategy("index");
        for (DiscoveryStrategy s : List.of(broadcast, index)) {
            GRID.forEach((id, sets) -> {
                if (!id.equals("dead")) {
                    s.register(new NodeRegistration(id, NodeAddress.parse("http://" + id + ":1", "a"), Optional.of(sets)));
                }
            });
        }
        for (List<String> query : List.of(List.of("#iris"), List.of("classification", "wine"), List.of("#iris", "#wine"),
                List.of("regression"), List.of("#MNIST"), List.of("CLASSIFICATION"))) {
            TagQuery q = TagQuery.of(query);
            assertThat(ids(broadcast.search(q).found())).as("query %s", query).isEqualTo(ids(index.search(q).found()));
        }
        assertThat(ids(broadcast.search(TagQuery.of(List.of("#iris", "#wine"))).found())).isEmpty();
        assertThat(ids(index.search(TagQuery.of(List.of("classification"))).found())).containsExactly("alice", "bob", "carol");
    }

    @Test
    void broadcastNamesNodesThatDoNotAnswer() {
        DiscoveryStrategy broadcast = strategy("broadcast");
        broadcast.register(new NodeRegistration("alice", NodeAddress.parse("http://alice:1", "a"), Optional.empty()));
        broadcast.register(new NodeRegistration("dead", NodeAddress.parse("http://dead:1", "a"), Optional.empty()));
        var result = broadcast.search(TagQuery.of(List.of("iris")));
        assertThat(ids(result.found())).containsExactly("alice");
        assertThat(result.unanswered()).containsExactly("dead");
    }

    @Test
    void broadcastDoesNotAskNodesTheHealthSweepsFoundDown() {
        List<String> asked = new CopyOnWriteArrayList<>();
        TestDiscoveryContext context = context(asked);
        DiscoveryStrategy broadcast = new CentralDiscoveryFactory().create(config("broadcast", 100), context);
        broadcast.register(new NodeRegistration("alice", NodeAddress.parse("http://alice:1", "a"), Optional.empty()));
        broadcast.register(new NodeRegistration("dead", NodeAddress.parse("http://dead:1", "a"), Optional.empty()));

        context.down().add("dead");
        var withoutDead = broadcast.search(TagQuery.of(List.of("iris")));
        assertThat(asked).containsExactly("alice");
        assertThat(ids(withoutDead.found())).containsExactly("alice");
        assertThat(withoutDead.unanswered()).isEmpty();
        assertThat(withoutDead.asked()).isEqualTo(1);

        // Once it is no longer DOWN (it answered a ping or re-joined), it is asked again.
        asked.clear();
        context.down().remove("dead");
        var withDead = broadcast.search(TagQuery.of(List.of("iris")));
        assertThat(asked).containsExactlyInAnyOrder("alice", "dead");
        assertThat(withDead.unanswered()).containsExactly("dead");
        assertThat(withDead.asked()).isEqualTo(2);
    }

    @Test
    void indexNeverFindsNodesThatAnnouncedNothing() {
        DiscoveryStrategy index = strategy("index");
        index.register(new NodeRegistration("pygrid", NodeAddress.parse("http://p:1", "a"), Optional.empty()));
        assertThat(index.search(TagQuery.of(List.of("iris"))).found()).isEmpty();
    }

    @Test
    void aKnownIdAtAnotherAddressIsAConflictAndRejoiningRefreshes() {
        DiscoveryStrategy s = strategy("index");
        NodeEntry first = s.register(new NodeRegistration("bob", NodeAddress.parse("http://b:1", "a"), Optional.of(List.of(Set.of("x")))));
        assertThatThrownBy(() -> s.register(new NodeRegistration("bob", NodeAddress.parse("http://b:2", "a"), Optional.empty())))
                .isInstanceOf(GridException.class)
                .hasMessage("The node-id \"bob\" is already registered at http://b:1; join with another id, or leave first "
                        + "with DELETE /nodes/bob");
        NodeEntry again = s.register(new NodeRegistration("bob", NodeAddress.parse("http://b:1", "a"), Optional.of(List.of(Set.of("y")))));
        assertThat(again.joinedAt()).isEqualTo(first.joinedAt());
        assertThat(ids(s.search(TagQuery.of(List.of("y"))).found())).containsExactly("bob");
        assertThat(s.remove("bob")).isTrue();
        assertThat(s.remove("bob")).isFalse();
        assertThat(s.health().data()).containsEntry("registered-nodes", 0L).containsEntry("search-mode", "index");
    }

    @Test
    void aFullRegistryRefusesNewNodes() {
        DiscoveryStrategy s = new CentralDiscoveryFactory().create(config("index", 1), context());
        s.register(new NodeRegistration("a", NodeAddress.parse("http://a:1", "a"), Optional.empty()));
        assertThatThrownBy(() -> s.register(new NodeRegistration("b", NodeAddress.parse("http://b:1", "a"), Optional.empty())))
                .hasMessage("The gateway already holds its maximum of 1 nodes; ask its operator to raise grid.discovery.central.max-nodes");
    }

    private static List<String> ids(List<NodeEntry> nodes) {
        return nodes.stream().map(NodeEntry::nodeId).toList();
    }

    private static DiscoveryStrategy strategy(String mode) {
        return new CentralDiscoveryFactory().create(config(mode, 100), context());
    }

    private static PluginConfig config(String mode, int maxNodes) {
        return new TestPluginConfig("grid.discovery.central",
                Map.of("search-mode", mode, "search-timeout", "300ms", "max-nodes", Integer.toString(maxNodes)));
    }

    private static TestDiscoveryContext context() {
        return context(new CopyOnWriteArrayList<>());
    }

    /** @param asked receives the id of every node the strategy calls */
    private static TestDiscoveryContext context(List<String> asked) {
        NodeTransport transport = new NodeTransport() {
            @Override
            public CompletableFuture<Reply> post(NodeAddress node, String path, String json, Duration timeout) {
                String id = node.uri().getHost();
                asked.add(id);
                if (id.equals("dead") || !path.equals("/search")) {
                    return CompletableFuture.completedFuture(new Reply(0, null, "connection refused"));
                }
                TagQuery query = TagQuery.of(JSONB.fromJson(json, SearchRequest.class).query());
                boolean holds = GRID.get(id).stream().anyMatch(tags -> tags.containsAll(query.tags()));
                return CompletableFuture.completedFuture(new Reply(200, "{\"content\": " + holds + "}", null));
            }

            @Override
            public CompletableFuture<Reply> get(NodeAddress node, String path, Duration timeout) {
                return CompletableFuture.completedFuture(new Reply(0, null, "not used"));
            }
        };
        return TestDiscoveryContext.gateway(transport);
    }
}
