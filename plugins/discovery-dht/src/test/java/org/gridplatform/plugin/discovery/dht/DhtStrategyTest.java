package org.gridplatform.plugin.discovery.dht;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.gridplatform.api.GridException;
import org.gridplatform.api.InvalidRequestException;
import org.gridplatform.api.NodeAddress;
import org.gridplatform.api.NodeEntry;
import org.gridplatform.api.ProblemType;
import org.gridplatform.api.TagQuery;
import org.gridplatform.spi.discovery.DiscoveryHealth;
import org.gridplatform.spi.discovery.NodeRegistration;
import org.gridplatform.spi.discovery.SearchResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.gridplatform.spi.testing.YassonJsonCodec;
import org.gridplatform.spi.testing.TestDiscoveryContext;
import org.gridplatform.spi.testing.TestPluginConfig;

/**
 * The strategy as a node WAR runs it, over the real JSON path: each node's messages are JSON
 * written and read by JSON-B, posted through a {@link org.gridplatform.spi.discovery.NodeTransport}
 * that hands them to the target node's message handler.
 */
class DhtStrategyTest {

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private final ExecutorService requestThreads = Executors.newVirtualThreadPerTaskExecutor();
    private final InMemoryNodeTransport transport = new InMemoryNodeTransport(requestThreads);
    private final YassonJsonCodec json = new YassonJsonCodec();
    private final List<DhtStrategy> strategies = new ArrayList<>();
    private final List<TestDiscoveryContext.Node> locals = new ArrayList<>();

    private static String address(int port) {
        return "http://127.0.0.1:" + port;
    }

    private DhtStrategy start(TestDiscoveryContext.Node local, Map<String, String> config) throws Exception {
        DhtStrategy strategy = (DhtStrategy) new DhtStrategyFactory().create(new TestPluginConfig("grid.discovery.dht", config),
                new TestDiscoveryContext(transport, json, scheduler, local));
        transport.listen(local.address(), strategy.messageHandler().orElseThrow());
        strategy.joined().get(5, TimeUnit.SECONDS);
        strategies.add(strategy);
        locals.add(local);
        return strategy;
    }

    @BeforeEach
    void startEightNodes() throws Exception {
        String[][] tags = {{"iris"}, {"iris", "flowers"}, {"mnist"}, {"flowers", "iris"}, {}, {}, {}, {}};
        for (int i = 0; i < tags.length; i++) {
            Map<String, String> config = i == 0 ? Map.of("rpc-timeout", "500ms")
                    : Map.of("rpc-timeout", "500ms", "bootstrap", address(8100));
            start(new TestDiscoveryContext.Node("node-" + i, address(8100 + i), tags[i]), config);
        }
        for (DhtStrategy strategy : strategies) {
            strategy.publishNow().get(5, TimeUnit.SECONDS); // again, now that every node is there
        }
        // A node adds a peer that called it once the peer answered its ping back: wait for the last ones.
        eventually(() -> strategies.getFirst().nodes().size() == tags.length);
    }

    @AfterEach
    void stop() {
        strategies.forEach(DhtStrategy::close);
        scheduler.shutdownNow();
        requestThreads.shutdownNow();
    }

    private static List<String> ids(List<NodeEntry> entries) {
        return entries.stream().map(NodeEntry::nodeId).toList();
    }

    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 5 s").isLessThan(until);
            Thread.sleep(20);
        }
    }

    @Test
    void anyNodeFindsTheNodesThatHoldEveryTagOfAQuery() {
        DhtStrategy searcher = strategies.get(5);

        SearchResult iris = searcher.search(TagQuery.of(List.of("#iris")));
        SearchResult both = searcher.search(TagQuery.of(List.of("#IRIS", "flowers")));
        SearchResult none = searcher.search(TagQuery.of(List.of("#iris", "#mnist")));

        assertThat(ids(iris.found())).containsExactly("node-0", "node-1", "node-3");
        assertThat(iris.found().get(1).nodeAddress()).isEqualTo(address(8101));
        assertThat(ids(both.found())).containsExactly("node-1", "node-3");
        assertThat(none.found()).isEmpty();
        assertThat(iris.unanswered()).isEmpty();
    }

    @Test
    void aNodeFindsItselfByItsCurrentTags() {
        DhtStrategy node1 = strategies.get(1);
        assertThat(ids(node1.search(TagQuery.of(List.of("#flowers"))).found())).containsExactly("node-1", "node-3");

        locals.get(1).tags.remove("flowers"); // its old record still lives elsewhere, but it no longer matches
        assertThat(ids(node1.search(TagQuery.of(List.of("#flowers"))).found())).containsExactly("node-3");
    }

    @Test
    void newTagsArePublishedAtOnce() throws Exception {
        locals.get(6).tags.add("cifar");
        strategies.get(6).localTagsChanged();

        eventually(() -> ids(strategies.get(2).search(TagQuery.of(List.of("#cifar"))).found()).equals(List.of("node-6")));
    }

    @Test
    void nodesListsTheRoutingTableAndTheNodeItself() {
        List<NodeEntry> nodes = strategies.get(0).nodes();

        assertThat(ids(nodes)).containsExactly("node-0", "node-1", "node-2", "node-3", "node-4", "node-5", "node-6", "node-7");
        assertThat(nodes.get(3).nodeAddress()).isEqualTo(address(8103));
        assertThat(nodes).allSatisfy(entry -> assertThat(entry.joinedAt()).isBeforeOrEqualTo(entry.lastSeen()));
    }

    @Test
    void healthReportsTheRoutingTableAndTheRecords() {
        DiscoveryHealth health = strategies.get(0).health();

        assertThat(health.up()).isTrue();
        assertThat(health.data()).containsEntry("routing-table-size", 7L).containsEntry("published-tags", 1L)
                .containsEntry("bootstrap-peers", 0L).containsKeys("stored-keys", "stored-providers", "last-published");
        assertThat((String) health.data().get("node-key")).isEqualTo(Key.sha256("node-0").hex().substring(0, 16));
        assertThat(health.data().get("public-key")).isEqualTo(NodeKey.of(locals.get(0).signer().orElseThrow().publicKey()).text());
        assertThat((Long) health.data().get("bound-keys")).as("its own id and the 7 others'").isEqualTo(8L);
        assertThat((Long) health.data().get("stored-keys")).isEqualTo(3L); // iris, flowers, mnist: 8 nodes < k
    }

    @Test
    void aNodeJoinsThroughAnyNodeOnceItAnswersAPing() throws Exception {
        DhtStrategy newcomer = start(new TestDiscoveryContext.Node("node-9", address(8109), "cifar"), Map.of());
        assertThat(newcomer.nodes()).hasSize(1);

        NodeEntry entry = strategies.get(3).register(
                new NodeRegistration("node-9", NodeAddress.parse(address(8109), "address"), Optional.empty()));

        assertThat(entry.nodeId()).isEqualTo("node-9");
        assertThat(entry.nodeAddress()).isEqualTo(address(8109));
        assertThat(ids(strategies.get(3).nodes())).contains("node-9");
        // The ping told the newcomer about node-3, which it adds once node-3's address answered its ping back as
        // node-3 (and its own publish may since have found the others through it).
        eventually(() -> ids(newcomer.nodes()).containsAll(List.of("node-3", "node-9")));
    }

    @Test
    void aNodeThatDoesNotAnswerCannotJoin() {
        assertThatThrownBy(() -> strategies.get(0).register(
                new NodeRegistration("ghost", NodeAddress.parse(address(9999), "address"), Optional.empty())))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("The node \"ghost\" did not answer a dht ping at http://127.0.0.1:9999/discovery/ping (ping to"
                        + " http://127.0.0.1:9999 failed: connection refused); a node joins a dht grid only when it runs"
                        + " grid.discovery.strategy=dht and answers at the address it gives");
    }

    @Test
    void aNodeCannotJoinWithAnotherNodesIdOrAddress() {
        assertThatThrownBy(() -> strategies.get(0).register(
                new NodeRegistration("someone", NodeAddress.parse(address(8102), "address"), Optional.empty())))
                .isInstanceOfSatisfying(GridException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.CONFLICT))
                .hasMessage("The node at http://127.0.0.1:8102 answered as \"node-2\", not \"someone\"; join with the id of"
                        + " the node at that address");
        assertThatThrownBy(() -> strategies.get(0).register(
                new NodeRegistration("node-2", NodeAddress.parse(address(8150), "address"), Optional.empty())))
                .isInstanceOfSatisfying(GridException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.CONFLICT))
                .hasMessage("The node id \"node-2\" is already in use by the node at http://127.0.0.1:8102, which answers;"
                        + " join with another id, or from that address");
    }

    @Test
    void removeDropsANodeFromTheRoutingTable() {
        assertThat(strategies.get(0).remove("node-5")).isTrue();
        assertThat(strategies.get(0).remove("node-5")).isFalse();
        assertThat(ids(strategies.get(0).nodes())).doesNotContain("node-5");
    }

    @Test
    void searchesStillWorkAndStayBoundedWhenNodesFail() {
        transport.stop(locals.get(0).address());
        transport.stop(locals.get(3).address());

        long start = System.nanoTime();
        SearchResult result = strategies.get(7).search(TagQuery.of(List.of("#iris")));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        // The records of the failed nodes live on until they expire; the failed nodes may be among
        // those asked, which then did not answer.
        assertThat(ids(result.found())).contains("node-1");
        assertThat(result.unanswered()).isSubsetOf("node-0", "node-3");
        assertThat(millis).isLessThan(Duration.ofSeconds(3).toMillis());
    }

    @Test
    void aNodeWhoseBootstrapPeersDoNotAnswerIsDown() throws Exception {
        DhtStrategy alone = start(new TestDiscoveryContext.Node("alone", address(8199)), Map.of("bootstrap", address(9999)));

        DiscoveryHealth health = alone.health();

        assertThat(health.up()).isFalse();
        assertThat(health.data()).containsEntry("reason",
                "no peer answered; the bootstrap peers [http://127.0.0.1:9999] are unreachable");
        assertThat(alone.search(TagQuery.of(List.of("#iris"))).found()).isEmpty();
    }

    @Test
    void closeStopsTheStrategy() {
        DhtStrategy node = strategies.get(4);
        node.close();
        assertThat(node.health().up()).isFalse();
    }
}
