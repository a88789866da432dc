package org.gridplatform.plugin.discovery.dht;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.gridplatform.api.GridException;
import org.gridplatform.api.InvalidRequestException;
import org.gridplatform.api.ProblemType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.gridplatform.spi.testing.YassonJsonCodec;

/** The DHT's messages as peers send them: JSON in, JSON out, every field checked. */
class DhtMessageHandlerTest {

    private static final String BOB = "{\"id\": \"Bob\", \"address\": \"http://127.0.0.1:8282\"}";
    private static final String CAROL = "{\"id\": \"Carol\", \"address\": \"http://127.0.0.1:8383\"}";
    private static final Key IRIS = Key.sha256("iris");
    private static final String KEY = IRIS.hex();
    private static final String RECORD = "{\"id\": \"Bob\", \"address\": \"http://127.0.0.1:8181\", \"public-key\": \"MCowBQYDK2VwAyEA...\","
            + " \"issued-at\": 1767225600000, \"expires-at\": 1767225780000, \"signature\": \"...\"}";
    /** Some node's Ed25519 public key, as it travels. */
    private static final String KEY_TEXT = "MCowBQYDK2VwAyEAjCKtKuaRr4d40juPquaEWuJsbwogRX1lPgwPoBD4_2M";

    private final JsonNetwork network = new JsonNetwork();
    private final YassonJsonCodec json = network.json;
    private final DhtNode node = network.add("self", 8181);
    private final DhtMessageHandler handler = new DhtMessageHandler(node, json);

    @AfterEach
    void stop() {
        network.close();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> handle(String operation, String body) {
        return json.fromJson(handler.handle(operation, body, "127.0.0.1"), Map.class);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return (List<Object>) value;
    }

    /** @return the record as a store carries it */
    private String json(ProviderRecord record) {
        return json.toJson(WireFormat.record(record));
    }

    @Test
    void aPingIsAnsweredWithTheNodesSignedRecordAndAddsTheSenderOnceItsAddressAnswersAsIt() throws Exception {
        network.add("Bob", 8282);
        long before = System.currentTimeMillis();

        Map<String, Object> answer = handle("ping", "{\"sender\": " + BOB + "}");

        Map<?, ?> sender = (Map<?, ?>) answer.get("sender");
        assertThat(sender.keySet()).map(String::valueOf).containsExactlyInAnyOrder("id", "address", "public-key", "issued-at",
                "expires-at", "signature");
        assertThat(sender.get("id")).isEqualTo("self");
        assertThat(sender.get("address")).isEqualTo("http://127.0.0.1:8181");
        assertThat(sender.get("public-key")).isEqualTo(node.publicKey().text());
        long issuedAt = ((Number) sender.get("issued-at")).longValue();
        assertThat(issuedAt).isBetween(before - 1000, System.currentTimeMillis());
        assertThat(((Number) sender.get("expires-at")).longValue()).isEqualTo(issuedAt + 180_000);
        NodeRecord record = new NodeRecord(node.self(), node.publicKey(), issuedAt, issuedAt + 180_000, (String) sender.get("signature"));
        assertThat(record.problem(new Signatures(1), System.currentTimeMillis())).isEmpty();

        JsonNetwork.eventually(() -> node.table().find("Bob").isPresent());
        assertThat(node.table().find("Bob").orElseThrow().contact().address()).hasToString("http://127.0.0.1:8282");
    }

    @Test
    void aSenderWhoseAddressDoesNotAnswerIsNotAdded() throws Exception {
        handle("ping", "{\"sender\": " + BOB + "}"); // nobody listens at :8282

        Thread.sleep(700); // longer than the RPC timeout of the ping back
        assertThat(node.table().size()).isZero();
    }

    @Test
    void aStoredRecordIsFoundAsItWasSigned() throws Exception {
        DhtNode bob = network.add("Bob", 8282);
        network.add("Carol", 8383);
        long now = System.currentTimeMillis();
        ProviderRecord record = ProviderRecord.sign(IRIS, bob.self(), network.signer(bob), bob.publicKey(), now, now + 60_000);

        Map<String, Object> stored = handle("store", "{\"sender\": " + BOB + ", \"key\": \"" + KEY + "\", \"record\": " + json(record) + "}");
        Map<String, Object> found = handle("find-value", "{\"sender\": " + CAROL + ", \"key\": \"" + KEY + "\"}");

        assertThat(stored.get("stored")).isEqualTo(true);
        List<Object> providers = list(found.get("providers"));
        assertThat(providers).hasSize(1);
        Map<?, ?> provider = (Map<?, ?>) providers.get(0);
        assertThat(provider.get("id")).isEqualTo("Bob");
        assertThat(provider.get("address")).isEqualTo("http://127.0.0.1:8282");
        assertThat(provider.get("public-key")).isEqualTo(bob.publicKey().text());
        assertThat(((Number) provider.get("issued-at")).longValue()).isEqualTo(now);
        assertThat(((Number) provider.get("expires-at")).longValue()).isEqualTo(now + 60_000);
        assertThat(provider.get("signature")).isEqualTo(record.signature());
        assertThat(((Number) provider.get("age")).longValue()).isBetween(0L, 1000L);
        assertThat(list(found.get("contacts"))).isEmpty();
    }

    @Test
    void findNodeAnswersTheClosestContactsWithoutTheSender() throws Exception {
        network.add("Bob", 8282);
        network.add("Carol", 8383);
        handle("ping", "{\"sender\": " + BOB + "}");
        handle("ping", "{\"sender\": " + CAROL + "}");
        JsonNetwork.eventually(() -> node.table().size() == 2);

        Map<String, Object> answer = handle("find-node", "{\"sender\": " + BOB + ", \"target\": \"" + KEY + "\"}");

        assertThat(list(answer.get("contacts")))
                .containsExactly(Map.of("id", "Carol", "address", "http://127.0.0.1:8383"));
    }

    @Test
    void fieldsThisVersionDoesNotKnowAreIgnored() {
        assertThat(handle("ping", "{\"sender\": " + BOB + ", \"version\": 2}")).containsKey("sender");
    }

    @Test
    void anUnknownOperationIsNotFound() {
        assertThatThrownBy(() -> handler.handle("delete", "{}", "127.0.0.1"))
                .isInstanceOfSatisfying(GridException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.NOT_FOUND))
                .hasMessage("There is no dht operation \"delete\"; use ping, store, find-node or find-value");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "ping|`{bad`|The body of a dht 'ping' message is not a JSON object: The body is not JSON of the expected shape",
        "ping|``|The body of a dht 'ping' message must be a JSON object such as {\"sender\": {\"id\": \"Bob\", \"address\": \"http://127.0.0.1:8181\"}}, not empty or null",
        "ping|null|The body of a dht 'ping' message is not a JSON object: The body is empty; send a JSON object",
        "ping|{}|The field 'sender' is required: the sending node's {\"id\": \"Bob\", \"address\": \"http://127.0.0.1:8181\"}",
        "ping|`{\"sender\": \"Bob\"}`|The field 'sender' must be a JSON object such as {\"id\": \"Bob\", \"address\": \"http://127.0.0.1:8181\"}, not a string",
        "ping|`{\"sender\": {\"address\": \"http://127.0.0.1:8282\"}}`|The field 'sender.id' is required: a node id such as \"Bob\"",
        "ping|`{\"sender\": {\"id\": 5, \"address\": \"http://127.0.0.1:8282\"}}`|The field 'sender.id' must be a JSON string, not a number",
        "ping|`{\"sender\": {\"id\": \"bad id!\", \"address\": \"http://127.0.0.1:8282\"}}`|The sender.id \"bad id!\" is not valid: use 1 to 64 letters, digits, '-', '_' or '.'",
        "ping|`{\"sender\": {\"id\": \"Bob\"}}`|The field 'sender.address' is required: an absolute http or https URL such as \"http://127.0.0.1:8181\"",
        "ping|`{\"sender\": {\"id\": \"Bob\", \"address\": \"ftp://x\"}}`|The sender.address \"ftp://x\" is not an http or https URL; use an absolute http or https URL without user info, query or fragment, such as \"http://127.0.0.1:8181\"",
        "ping|`{\"sender\": {\"id\": \"self\", \"address\": \"http://127.0.0.1:8282\"}}`|The field 'sender.id' is \"self\", the id of the node that received the message; a node never sends dht messages to itself",
        "find-node|`{\"sender\": " + "{\"id\": \"Bob\", \"address\": \"http://127.0.0.1:8282\"}}`|The field 'target' is required: 64 lower-case hexadecimal digits (a SHA-256 hash)",
        "find-node|`{\"sender\": {\"id\": \"Bob\", \"address\": \"http://127.0.0.1:8282\"}, \"target\": \"abc\"}`|The field 'target' must be 64 lower-case hexadecimal digits (a SHA-256 hash), not \"abc\"",
        "find-node|`{\"sender\": {\"id\": \"Bob\", \"address\": \"http://127.0.0.1:8282\"}, \"target\": 12}`|The field 'target' must be a JSON string, not a number: 64 lower-case hexadecimal digits (a SHA-256 hash)",
        "find-value|`{\"sender\": {\"id\": \"Bob\", \"address\": \"http://127.0.0.1:8282\"}, \"key\": \"BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD\"}`|The field 'key' must be 64 lower-case hexadecimal digits (a SHA-256 hash), not \"BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD\"",
        "store|`{\"sender\": {\"id\": \"Bob\", \"address\": \"http://127.0.0.1:8282\"}, \"key\": \"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\"}`|The field 'record' is required: the sender's provider record for the key, " + RECORD,
        "store|`{\"sender\": {\"id\": \"Bob\", \"address\": \"http://127.0.0.1:8282\"}, \"key\": \"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\", \"record\": []}`|The field 'record' must be a JSON object such as the sender's provider record for the key, " + RECORD + ", not an array",
        "store|`{\"sender\": {\"id\": \"Bob\", \"address\": \"http://127.0.0.1:8282\"}, \"key\": \"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\", \"record\": {\"id\": \"Bob\", \"address\": \"http://127.0.0.1:8282\"}}`|The field 'record.public-key' is required: an Ed25519 public key: its X.509 SubjectPublicKeyInfo in base64url without padding (59 characters)",
        "store|`{\"sender\": {\"id\": \"Bob\", \"address\": \"http://127.0.0.1:8282\"}, \"key\": \"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\", \"record\": {\"id\": \"Bob\", \"address\": \"http://127.0.0.1:8282\", \"public-key\": \"MCowBQYDK2VwAyEA\"}}`|The field 'record.public-key' must be an Ed25519 public key: its X.509 SubjectPublicKeyInfo in base64url without padding (59 characters), not \"MCowBQYDK2VwAyEA\"",
        "store|`{\"sender\": {\"id\": \"Bob\", \"address\": \"http://127.0.0.1:8282\"}, \"key\": \"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\", \"record\": {\"id\": \"Bob\", \"address\": \"http://127.0.0.1:8282\", \"public-key\": \"" + KEY_TEXT + "\", \"issued-at\": \"now\"}}`|The field 'record.issued-at' must be a whole number of milliseconds since 1970-01-01T00:00Z from 0 to 9007199254740991, not a string",
        "store|`{\"sender\": {\"id\": \"Bob\", \"address\": \"http://127.0.0.1:8282\"}, \"key\": \"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\", \"record\": {\"id\": \"Bob\", \"address\": \"http://127.0.0.1:8282\", \"public-key\": \"" + KEY_TEXT + "\", \"issued-at\": 1, \"expires-at\": -1}}`|The field 'record.expires-at' must be a whole number of milliseconds since 1970-01-01T00:00Z from 0 to 9007199254740991, not -1",
        "store|`{\"sender\": {\"id\": \"Bob\", \"address\": \"http://127.0.0.1:8282\"}, \"key\": \"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\", \"record\": {\"id\": \"Bob\", \"address\": \"http://127.0.0.1:8282\", \"public-key\": \"" + KEY_TEXT + "\", \"issued-at\": 1, \"expires-at\": 2, \"signature\": \"c2lnbmVk\"}}`|The field 'record.signature' must be an Ed25519 signature: 64 bytes in base64url without padding (86 characters), not \"c2lnbmVk\"",
    })
    void invalidMessagesAreRefusedSayingWhatToFix(String operation, String body, String message) {
        assertThatThrownBy(() -> handler.handle(operation, body, "127.0.0.1"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage(message);
        assertThat(node.table().size()).as("a refused message adds no contact").isZero();
    }
}
