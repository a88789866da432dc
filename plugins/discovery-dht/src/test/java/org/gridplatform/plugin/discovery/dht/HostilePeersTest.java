package org.gridplatform.plugin.discovery.dht;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.gridplatform.spi.discovery.NodeSigner;
import org.gridplatform.spi.discovery.NodeTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A small grid of honest nodes with a hostile one among them, over the real JSON path (each node's real
 * message handler): the hostile node tries to announce itself as the provider of another node's data, to
 * hand out forged records, and to put its own address under another node's id in the routing tables.
 */
class HostilePeersTest {

    private static final Key IRIS = Key.sha256("iris");

    private final JsonNetwork network = new JsonNetwork();
    private final List<DhtNode> honest = new ArrayList<>();
    private DhtNode bob;
    /** The hostile node: a real node of its own id, whose answers to find-value the test replaces. */
    private DhtNode mallory;
    private final NodeSigner malloryKey = NodeSigner.generate();
    private final List<Map<String, Object>> forgedProviders = new ArrayList<>();

    @BeforeEach
    void startAGridWithAHostileNode() throws Exception {
        for (String id : List.of("alice", "bob", "carol", "dave")) {
            honest.add(network.add(id, 8181 + honest.size()));
        }
        bob = honest.get(1);
        mallory = network.add("mallory", JsonNetwork.address(8666), malloryKey, JsonNetwork.SETTINGS);
        DhtMessageHandler real = new DhtMessageHandler(mallory, network.json);
        network.listen(mallory.self().address(), (operation, body, sender) -> {
            if (!operation.equals(WireFormat.FIND_VALUE) || forgedProviders.isEmpty()) {
                return real.handle(operation, body, sender);
            }
            Map<String, Object> answer = new LinkedHashMap<>(WireFormat.findValueAnswer(mallory.nodeRecord(),
                    RpcTransport.ValueReply.ofContacts(List.of())));
            answer.put("providers", forgedProviders);
            return network.json.toJson(answer);
        });
        DhtNode first = honest.get(0);
        for (DhtNode node : List.of(honest.get(1), honest.get(2), honest.get(3), mallory)) {
            node.join(List.of(first.self().address())).get(5, TimeUnit.SECONDS);
            // The first node adds each newcomer once it answered a ping back: one at a time, as nodes start.
            JsonNetwork.eventually(() -> first.table().find(node.self().nodeId()).isPresent());
        }
        JsonNetwork.eventually(() -> honest.stream().allMatch(node -> node.table().size() == 4));
        assertThat(bob.publish(List.of("iris")).get(5, TimeUnit.SECONDS).stored()).isEqualTo(4);
    }

    @AfterEach
    void stop() {
        network.close();
    }

    private ProviderRecord signedByMallory(Contact claimed) {
        long now = System.currentTimeMillis();
        return ProviderRecord.sign(IRIS, claimed, malloryKey, NodeKey.of(malloryKey.publicKey()), now, now + 60_000);
    }

    private static Map<String, Object> provider(ProviderRecord record) {
        Map<String, Object> json = WireFormat.record(record);
        json.put("age", 0L);
        return json;
    }

    /** @return the HTTP status of a store that a sender posts to a node's real handler */
    private int store(Contact sender, ProviderRecord record, DhtNode to) throws Exception {
        NodeTransport.Reply reply = network.http.post(to.self().address(), JsonRpcTransport.path(WireFormat.STORE),
                network.json.toJson(WireFormat.store(sender, record)), JsonNetwork.SETTINGS.rpcTimeout().multipliedBy(4))
                .get(5, TimeUnit.SECONDS);
        return reply.status();
    }

    private static Map<String, String> found(DhtNode searcher) throws Exception {
        Map<String, String> found = new LinkedHashMap<>();
        searcher.search(Set.of("iris")).get(10, TimeUnit.SECONDS).providers()
                .forEach((id, reported) -> found.put(id, reported.contact().address().toString()));
        return found;
    }

    @Test
    void aHostileNodeCannotPublishItselfAsTheProviderOfAnotherNodesData() throws Exception {
        Contact bobAtMallorys = Contact.of("bob", mallory.self().address());
        ProviderRecord bobs = bob.store().get(IRIS, System.currentTimeMillis()).getFirst().record();
        ProviderRecord tampered = new ProviderRecord(IRIS, bobAtMallorys, bobs.publicKey(), bobs.issuedAt(), bobs.expiresAt(),
                bobs.signature());
        List<ProviderRecord> forged = List.of(signedByMallory(bobAtMallorys), signedByMallory(bob.self()), tampered);

        // Mallory tries to store each forged record on every honest node, in Bob's name.
        for (DhtNode node : honest) {
            if (node != bob) {
                assertThat(store(bobAtMallorys, forged.get(0), node)).as("Bob's id at Mallory's address, at %s", node.self())
                        .isEqualTo(409);
                assertThat(store(bob.self(), forged.get(1), node)).as("Bob's contact, Mallory's key, at %s", node.self())
                        .isEqualTo(409);
                assertThat(store(bobAtMallorys, forged.get(2), node)).as("Bob's record, Mallory's address, at %s", node.self())
                        .isEqualTo(400);
            }
        }
        // And hands them out when asked for the tag.
        forged.forEach(record -> forgedProviders.add(provider(record)));

        for (DhtNode searcher : honest) {
            assertThat(found(searcher)).as("found by %s", searcher.self()).containsExactly(Map.entry("bob", bobsAddress()));
        }
        for (DhtNode node : honest) {
            assertThat(node.store().get(IRIS, System.currentTimeMillis())).extracting(ProviderStore.Reported::record)
                    .as("held by %s", node.self()).allMatch(record -> record.equals(bobs));
        }
    }

    private String bobsAddress() {
        return bob.self().address().toString();
    }

    @Test
    void aNodeThatHearsOfForgedRecordsFirstAsksTheirAddressesAndBelievesOnlyTheHonestOne() throws Exception {
        Contact bobAtMallorys = Contact.of("bob", mallory.self().address());
        forgedProviders.add(provider(signedByMallory(bobAtMallorys))); // Mallory's address answers as "mallory"
        forgedProviders.add(provider(signedByMallory(bob.self())));    // Bob's address answers with Bob's key
        forgedProviders.add(provider(bob.store().get(IRIS, System.currentTimeMillis()).getFirst().record()));
        // A new node that knows only Mallory, and so has never heard of Bob.
        DhtNode erin = network.add("erin", 8585);
        erin.ping(mallory.self().address()).get(5, TimeUnit.SECONDS);
        assertThat(erin.bindings().keyOf("bob", System.currentTimeMillis())).isEmpty();

        assertThat(found(erin)).containsExactly(Map.entry("bob", bobsAddress()));
        assertThat(erin.bindings().keyOf("bob", System.currentTimeMillis())).contains(bob.publicKey());
    }

    @Test
    void aHostileNodeCannotPutItsAddressUnderAnotherNodesIdInARoutingTable() throws Exception {
        DhtNode alice = honest.get(0);
        Contact bobAtMallorys = Contact.of("bob", JsonNetwork.address(8667));
        network.impostor(bobAtMallorys, malloryKey); // answers every message as "bob", signed with Mallory's key
        RpcTransport asBob = network.transportFrom(bobAtMallorys);

        asBob.ping(alice.self().address()).get(5, TimeUnit.SECONDS);
        // Even while Bob does not answer (his contact stale, so that a live node at a new address could replace it).
        network.http.stop(bob.self().address());
        alice.ping(bob.self()).handle((contact, failure) -> null).get(5, TimeUnit.SECONDS);
        asBob.findNode(alice.self(), IRIS).get(5, TimeUnit.SECONDS);
        Thread.sleep(2 * JsonNetwork.SETTINGS.rpcTimeout().toMillis()); // the pings back to the impostor

        assertThat(alice.table().find("bob")).hasValueSatisfying(entry -> {
            assertThat(entry.contact().address()).isEqualTo(bob.self().address());
            assertThat(entry.failures()).isPositive();
        });
        assertThat(alice.bindings().keyOf("bob", System.currentTimeMillis())).contains(bob.publicKey());
    }
}
