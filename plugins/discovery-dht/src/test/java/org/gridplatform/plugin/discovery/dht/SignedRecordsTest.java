package org.gridplatform.plugin.discovery.dht;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridplatform.api.GridException;
import org.gridplatform.api.InvalidRequestException;
import org.gridplatform.api.ProblemType;
import org.gridplatform.spi.discovery.NodeSigner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a node does with the provider records that peers ask it to store ({@code POST /discovery/store}),
 * over the real JSON path: only a record that its own node signed, unaltered, unexpired, with the key
 * bound to its id, is stored.
 */
class SignedRecordsTest {

    private static final Key IRIS = Key.sha256("iris");
    private static final String FORGED = "The provider record of \"Bob\" is refused: its signature does not verify with its"
            + " public-key: the record was altered, or not signed by that key";
    private static final String BOUND_ELSEWHERE = "The provider record of \"Bob\" is refused: this node knows \"Bob\" by another"
            + " public key, which signed its records first; records signed by other keys are refused until those expire";

    private final JsonNetwork network = new JsonNetwork();
    private final DhtNode node = network.add("self", 8181);
    private final DhtMessageHandler handler = new DhtMessageHandler(node, network.json);
    private final DhtNode bob = network.add("Bob", 8282);
    private final NodeSigner mallory = NodeSigner.generate();
    private final long now = System.currentTimeMillis();

    @AfterEach
    void stop() {
        network.close();
    }

    private ProviderRecord bobs(long issuedAt, long expiresAt) {
        return ProviderRecord.sign(IRIS, bob.self(), network.signer(bob), bob.publicKey(), issuedAt, expiresAt);
    }

    /** Sends a store as {@code sender} with the record, each as JSON that the test may alter. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> store(Contact sender, Map<String, Object> record, String key) {
        Map<String, Object> body = new LinkedHashMap<>(WireFormat.ping(sender));
        body.put("key", key);
        body.put("record", record);
        return network.json.fromJson(handler.handle("store", network.json.toJson(body), "127.0.0.1"), Map.class);
    }

    private Map<String, Object> store(Contact sender, ProviderRecord record) {
        return store(sender, WireFormat.record(record), record.key().hex());
    }

    private List<ProviderStore.Reported> held() {
        return node.store().get(IRIS, System.currentTimeMillis());
    }

    @Test
    void anHonestRecordIsStoredAsSignedAndBindsItsIdToItsKey() {
        ProviderRecord record = bobs(now, now + 60_000);

        assertThat(store(bob.self(), record)).containsEntry("stored", true);

        assertThat(held()).extracting(ProviderStore.Reported::record).containsExactly(record);
        assertThat(node.bindings().keyOf("Bob", now)).contains(bob.publicKey());
        assertThat(store(bob.self(), bobs(now + 1, now + 60_001))).as("stored again, newer").containsEntry("stored", true);
        assertThat(held()).extracting(reported -> reported.record().issuedAt()).containsExactly(now + 1);
    }

    @Test
    void aForgedSignatureIsRefused() {
        ProviderRecord honest = bobs(now, now + 60_000);
        // Signed by another key, presented as Bob's key.
        ProviderRecord forged = new ProviderRecord(IRIS, bob.self(), bob.publicKey(), now, now + 60_000,
                SignedRecord.encodeSignature(mallory.sign(honest.signedBytes())));

        assertThatThrownBy(() -> store(bob.self(), forged))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessage(FORGED);
        Map<String, Object> zeros = WireFormat.record(honest);
        zeros.put("signature", "A".repeat(SignedRecord.SIGNATURE_TEXT_LENGTH));
        assertThatThrownBy(() -> store(bob.self(), zeros, IRIS.hex())).hasMessage(FORGED);
        assertThat(held()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "address|http://127.0.0.1:8666",
        "issued-at|+1",
        "expires-at|+3600000",
        "key|mnist",
    })
    void aRecordWithAnyFieldAlteredIsRefused(String field, String change) {
        ProviderRecord honest = bobs(now, now + 60_000);
        Map<String, Object> record = WireFormat.record(honest);
        String key = IRIS.hex();
        Contact sender = bob.self();
        switch (field) {
            case "address" -> {
                record.put("address", change);
                sender = Contact.of("Bob", JsonNetwork.address(8666)); // else it is refused as another node's record
            }
            case "key" -> key = Key.sha256(change).hex();
            default -> record.put(field, (Long) record.get(field) + Long.parseLong(change));
        }
        Contact from = sender;
        String storedUnder = key;

        assertThatThrownBy(() -> store(from, record, storedUnder)).isInstanceOf(InvalidRequestException.class).hasMessage(FORGED);
        assertThat(held()).isEmpty();
        assertThat(node.store().providerCount()).isZero();
    }

    @Test
    void aReplayedExpiredRecordIsRefused() {
        ProviderRecord old = bobs(now - 600_000, now - 60_000);

        assertThatThrownBy(() -> store(bob.self(), old))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("The provider record of \"Bob\" is refused: it expired at "
                        + Instant.ofEpochMilli(now - 60_000) + ", before this node's time ");
        assertThat(held()).isEmpty();
    }

    @Test
    void aReplayedOlderRecordDoesNotReplaceANewerOne() {
        ProviderRecord older = bobs(now - 10_000, now + 50_000);
        ProviderRecord newer = bobs(now, now + 60_000);
        store(bob.self(), newer);

        assertThat(store(bob.self(), older)).containsEntry("stored", true);

        assertThat(held()).extracting(ProviderStore.Reported::record).containsExactly(newer);
    }

    @Test
    void aRecordFromTheFutureOrLivingTooLongIsRefused() {
        assertThatThrownBy(() -> store(bob.self(), bobs(now + 300_000, now + 360_000)))
                .hasMessageStartingWith("The provider record of \"Bob\" is refused: it was issued at "
                        + Instant.ofEpochMilli(now + 300_000) + ", later than this node's time ")
                .hasMessageEndingWith(" (plus 60s for clock differences); check the publisher's clock");
        assertThatThrownBy(() -> store(bob.self(), bobs(now, now + 86_400_001)))
                .hasMessage("The provider record of \"Bob\" is refused: its lifetime from issued-at to expires-at must be"
                        + " more than 0 and at most 24h");
        assertThat(held()).isEmpty();
    }

    @Test
    void aNodeCannotStoreARecordInAnotherNodesName() {
        Contact malloryContact = Contact.of("Mallory", JsonNetwork.address(8666));
        ProviderRecord mallorysOwn = ProviderRecord.sign(IRIS, malloryContact, mallory, NodeKey.of(mallory.publicKey()), now,
                now + 60_000);
        ProviderRecord bobsBySomeoneElse = ProviderRecord.sign(IRIS, bob.self(), mallory, NodeKey.of(mallory.publicKey()),
                now, now + 60_000);

        // Bob's honest record, sent by Mallory: only a node's own records are taken from it.
        assertThatThrownBy(() -> store(malloryContact, bobs(now, now + 60_000)))
                .isInstanceOfSatisfying(GridException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.FORBIDDEN))
                .hasMessage("The provider record is for Bob@http://127.0.0.1:8282, but the store comes from"
                        + " Mallory@http://127.0.0.1:8666: a node stores only its own provider records, signed with its own key");
        // Mallory claims to be Bob, with her key, before this node knows Bob: Bob's address answers with his key.
        assertThatThrownBy(() -> store(bob.self(), bobsBySomeoneElse))
                .isInstanceOfSatisfying(GridException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.FORBIDDEN))
                .hasMessage("The provider record of \"Bob\" is refused: the node at http://127.0.0.1:8282 answered as \"Bob\""
                        + " with another public key than the one that signed the record");
        assertThat(node.bindings().keyOf("Bob", now)).as("the ping bound Bob to the key his address answered with")
                .contains(bob.publicKey());

        // Now that this node knows Bob, the same, and a record at Mallory's own address, are refused at once.
        assertThatThrownBy(() -> store(bob.self(), bobsBySomeoneElse))
                .isInstanceOfSatisfying(GridException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.CONFLICT))
                .hasMessage(BOUND_ELSEWHERE);
        network.impostor(Contact.of("Bob", JsonNetwork.address(8666)), mallory);
        ProviderRecord atMallorys = ProviderRecord.sign(IRIS, Contact.of("Bob", JsonNetwork.address(8666)), mallory,
                NodeKey.of(mallory.publicKey()), now, now + 60_000);
        assertThatThrownBy(() -> store(atMallorys.provider(), atMallorys)).hasMessage(BOUND_ELSEWHERE);

        assertThat(held()).isEmpty();
        assertThat(store(bob.self(), bobs(now, now + 60_000))).containsEntry("stored", true);
        network.impostor(malloryContact, mallory);
        assertThat(store(malloryContact, mallorysOwn)).as("Mallory's record of herself").containsEntry("stored", true);
        assertThat(held()).extracting(reported -> reported.contact().toString())
                .containsExactly("Bob@http://127.0.0.1:8282", "Mallory@http://127.0.0.1:8666");
    }

    @Test
    void aRecordIsRefusedWhenItsAddressDoesNotAnswerAsItsNode() {
        Contact ghost = Contact.of("Ghost", JsonNetwork.address(8777)); // nobody listens there
        ProviderRecord record = ProviderRecord.sign(IRIS, ghost, mallory, NodeKey.of(mallory.publicKey()), now, now + 60_000);

        assertThatThrownBy(() -> store(ghost, record))
                .isInstanceOfSatisfying(GridException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.FORBIDDEN))
                .hasMessage("The provider record of \"Ghost\" is refused: the node at http://127.0.0.1:8777 did not confirm"
                        + " that it is \"Ghost\" (ping to http://127.0.0.1:8777 failed: connection refused); a node stores a"
                        + " record of an id it does not know yet only when the address in the record answers as that id");
    }

    /**
     * The limit of trust on first use: an id nobody here knows yet goes to the first key that proves itself at
     * the address it gives. A pinned key closes that gap.
     */
    @Test
    void theFirstKeyToProveAnUnknownIdIsBoundUnlessTheIdIsPinned() {
        Contact carolAtMallorys = Contact.of("Carol", JsonNetwork.address(8666));
        network.impostor(carolAtMallorys, mallory);
        ProviderRecord squatted = ProviderRecord.sign(IRIS, carolAtMallorys, mallory, NodeKey.of(mallory.publicKey()), now,
                now + 60_000);
        DhtNode carol = network.add("Carol", 8383);
        ProviderRecord carols = ProviderRecord.sign(IRIS, carol.self(), network.signer(carol), carol.publicKey(), now, now + 60_000);

        assertThat(store(carolAtMallorys, squatted)).containsEntry("stored", true);
        assertThatThrownBy(() -> store(carol.self(), carols)).hasMessageContaining("this node knows \"Carol\" by another public key");

        DhtNode pinning = network.add("pinning", JsonNetwork.address(8585), NodeSigner.generate(),
                JsonNetwork.settings(Map.of("Carol", carol.publicKey())));
        DhtMessageHandler pinned = new DhtMessageHandler(pinning, network.json);
        Map<String, Object> body = new LinkedHashMap<>(WireFormat.store(carolAtMallorys, squatted));
        assertThatThrownBy(() -> pinned.handle("store", network.json.toJson(body), "127.0.0.1"))
                .isInstanceOfSatisfying(GridException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.CONFLICT))
                .hasMessageContaining("this node knows \"Carol\" by another public key");
        assertThat(pinned.handle("store", network.json.toJson(WireFormat.store(carol.self(), carols)), "127.0.0.1"))
                .contains("\"stored\":true");
    }
}
