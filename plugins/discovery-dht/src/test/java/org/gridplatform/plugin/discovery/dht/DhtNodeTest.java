package org.gridplatform.plugin.discovery.dht;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The DHT's routing, lookups and records, on a simulated network of real {@link DhtNode}s. */
class DhtNodeTest {

    private static final int K = 20;

    /** A network of {@code size} nodes, each joined through a random earlier node. */
    private static SimulatedNetwork network(int size, long seed) {
        SimulatedNetwork network = new SimulatedNetwork(SimulatedNetwork.Wire.fast(), seed);
        DhtSettings settings = network.settings(K, 3);
        for (int i = 0; i < size; i++) {
            DhtNode node = network.add("node-" + i, settings);
            if (i > 0) {
                DhtNode bootstrap = network.nodes().get(network.random().nextInt(i));
                network.run(node.join(List.of(bootstrap.self().address())));
            }
        }
        return network;
    }

    private static List<String> trueClosest(SimulatedNetwork network, Key target, int count) {
        return network.nodes().stream().filter(network::isUp).map(DhtNode::self)
                .sorted(target.byDistance()).limit(count).map(Contact::nodeId).toList();
    }

    @Test
    void aNodeLookupConvergesOnTheKClosestNodesOf200() {
        SimulatedNetwork network = network(200, 1);
        for (int i = 0; i < 30; i++) {
            Key target = Key.random(network.random());
            DhtNode from = network.nodes().get(network.random().nextInt(200));
            Lookup.Result result = network.run(from.lookup(target, Lookup.Kind.NODE));

            List<String> expected = trueClosest(network, target, K + 1).stream()
                    .filter(id -> !id.equals(from.self().nodeId())).limit(K).toList();
            assertThat(result.closest()).extracting(Contact::nodeId).as("lookup %d", i).containsExactlyElementsOf(expected);
            assertThat(result.queries()).isLessThanOrEqualTo(8 * K);
        }
        double meanTable = network.nodes().stream().mapToInt(node -> node.table().size()).average().orElseThrow();
        assertThat(meanTable).isBetween(40.0, 199.0);
    }

    @Test
    void aLookupFromANodeThatKnowsNobodyEndsAtOnce() {
        SimulatedNetwork network = new SimulatedNetwork(SimulatedNetwork.Wire.fast(), 1);
        DhtNode alone = network.add("alone", network.settings(K, 3));
        Lookup.Result result = alone.lookup(Key.sha256("x"), Lookup.Kind.VALUE).join();
        assertThat(result.closest()).isEmpty();
        assertThat(result.queries()).isZero();
    }

    @Test
    void providerRecordsAreStoredOnTheKClosestNodesAndFoundFromAnyNode() {
        SimulatedNetwork network = network(100, 2);
        DhtNode provider = network.node("node-42");
        network.run(provider.publish(List.of("iris")));

        Key key = Key.sha256("iris");
        List<String> holders = network.nodes().stream()
                .filter(node -> !node.store().get(key, network.now()).isEmpty())
                .map(node -> node.self().nodeId()).toList();
        assertThat(holders).containsExactlyInAnyOrderElementsOf(trueClosest(network, key, K));

        for (DhtNode searcher : List.of(network.node("node-0"), network.node("node-77"), provider)) {
            DhtNode.Found found = network.run(searcher.search(Set.of("iris")));
            assertThat(found.providers().keySet()).as("from %s", searcher.self()).containsExactly("node-42");
            assertThat(found.providers().get("node-42").contact()).isEqualTo(provider.self());
        }
    }

    @Test
    void aMultiTagSearchIntersectsTheProvidersOfEachTag() {
        SimulatedNetwork network = network(100, 3);
        network.run(network.node("node-1").publish(List.of("iris", "flowers")));
        network.run(network.node("node-2").publish(List.of("iris")));
        network.run(network.node("node-3").publish(List.of("flowers", "iris", "public")));
        network.run(network.node("node-4").publish(List.of("flowers")));

        DhtNode searcher = network.node("node-60");
        assertThat(network.run(searcher.search(Set.of("iris"))).providers().keySet())
                .containsExactly("node-1", "node-2", "node-3");
        assertThat(network.run(searcher.search(Set.of("iris", "flowers"))).providers().keySet())
                .containsExactly("node-1", "node-3");
        assertThat(network.run(searcher.search(Set.of("iris", "flowers", "public"))).providers().keySet())
                .containsExactly("node-3");
        assertThat(network.run(searcher.search(Set.of("iris", "unknown"))).providers()).isEmpty();
    }

    @Test
    void recordsExpireUnlessRepublished() {
        SimulatedNetwork network = network(50, 4);
        DhtNode provider = network.node("node-7");
        network.run(provider.publish(List.of("iris")));
        DhtNode searcher = network.node("node-30");
        Duration ttl = provider.settings().recordTtl();

        network.advance(ttl.minusSeconds(1));
        assertThat(network.run(searcher.search(Set.of("iris"))).providers()).containsKey("node-7");

        network.run(provider.publish(List.of("iris"))); // republished: lives another ttl
        network.advance(ttl.minusSeconds(1));
        assertThat(network.run(searcher.search(Set.of("iris"))).providers()).containsKey("node-7");

        network.advance(Duration.ofSeconds(2));
        assertThat(network.run(searcher.search(Set.of("iris"))).providers()).isEmpty();
        network.nodes().forEach(DhtNode::expireRecords);
        assertThat(network.nodes()).allSatisfy(node -> assertThat(node.store().providerCount()).isZero());
    }

    @Test
    void republishingAfterChurnStoresTheRecordOnTheNewClosestNodes() {
        SimulatedNetwork network = network(120, 5);
        DhtNode provider = network.node("node-9");
        network.run(provider.publish(List.of("mnist")));
        Key key = Key.sha256("mnist");

        // Every node that holds the record fails without warning.
        network.nodes().stream().filter(node -> node != provider)
                .filter(node -> !node.store().get(key, network.now()).isEmpty())
                .forEach(network::fail);
        DhtNode searcher = network.nodes().stream().filter(network::isUp).filter(node -> node != provider)
                .max(Comparator.comparing(node -> node.self().nodeId())).orElseThrow();
        DhtNode.Found lost = network.run(searcher.search(Set.of("mnist")));
        assertThat(lost.providers()).isEmpty();
        assertThat(lost.unanswered()).isNotEmpty();

        DhtNode.Published again = network.run(provider.publish(List.of("mnist")));

        // Peers still name the failed nodes they have not noticed yet, which crowds some live ones out
        // of their answers: the new holders are close to the key, if not exactly the k closest.
        assertThat(again.stored()).isEqualTo(K);
        List<String> holders = network.nodes().stream().filter(network::isUp).filter(node -> node != provider)
                .filter(node -> !node.store().get(key, network.now()).isEmpty())
                .map(node -> node.self().nodeId()).toList();
        assertThat(trueClosest(network, key, 2 * K)).containsAll(holders);
        assertThat(network.run(searcher.search(Set.of("mnist"))).providers()).containsOnlyKeys("node-9");
    }

    @Test
    void lookupsSurviveFailedNodesAndLostMessages() {
        SimulatedNetwork network = new SimulatedNetwork(new SimulatedNetwork.Wire(10, 100, 0.05, Duration.ofSeconds(1)), 6);
        // Records (and the nodes' signed node records) outlive the test's 20 minutes of virtual time: expiry is
        // not what is tested, and signing anew every minute would cost seconds of CPU (Ed25519 in the JDK).
        DhtSettings settings = network.settings(K, 3, Duration.ofHours(1));
        for (int i = 0; i < 200; i++) {
            DhtNode node = network.add("node-" + i, settings);
            if (i > 0) {
                network.run(node.join(List.of(network.nodes().get(network.random().nextInt(i)).self().address())));
            }
        }
        for (int i = 0; i < 200; i += 2) {
            network.nodes().get(i).publish(List.of("tag-" + i)); // all at once, well within the records' lifetime
        }
        network.run();
        for (int i = 1; i < 200; i += 2) {
            if (i % 10 == 1 || i % 10 == 5) {
                network.fail(network.nodes().get(i)); // 20 % of the nodes, none of them a provider (those are even)
            }
        }
        int found = 0;
        for (int i = 0; i < 100; i++) {
            int provider = 2 * network.random().nextInt(100);
            DhtNode searcher = network.nodes().get(2 * network.random().nextInt(100));
            if (network.run(searcher.search(Set.of("tag-" + provider))).providers().containsKey("node-" + provider)) {
                found++;
            }
        }
        assertThat(found).isGreaterThanOrEqualTo(98);
    }
}
