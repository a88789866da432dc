package org.gridplatform.plugin.discovery.dht;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.gridplatform.api.GridException;
import org.gridplatform.api.InvalidRequestException;
import org.gridplatform.api.ProblemType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.gridplatform.spi.testing.YassonJsonCodec;

/** The DHT's messages as peers send them: JSON in, JSON out, every field checked. */
class DhtMessageHandlerTest {

    private static final String BOB = "{\"id\": \"Bob\", \"address\": \"http://127.0.0.1:8282\"}";
    private static final String KEY = Key.sha256("iris").hex();

    private final YassonJsonCodec json = new YassonJsonCodec();
    private final SimulatedNetwork network = new SimulatedNetwork(SimulatedNetwork.Wire.fast(), 1);
    private final DhtNode node = network.add("self", network.settings(20, 3));
    private final DhtMessageHandler handler = new DhtMessageHandler(node, json);

    @SuppressWarnings("unchecked")
    private Map<String, Object> handle(String operation, String body) {
        return json.fromJson(handler.handle(operation, body, "127.0.0.1"), Map.class);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return (List<Object>) value;
    }

    @Test
    void aPingIsAnsweredWithTheNodesContactAndAddsTheSender() {
        Map<String, Object> answer = handle("ping", "{\"sender\": " + BOB + "}");

        assertThat(answer).isEqualTo(Map.of("sender", Map.of("id", "self", "address", "http://self.sim:8181")));
        assertThat(node.table().find("Bob")).hasValueSatisfying(entry ->
                assertThat(entry.contact().address()).hasToString("http://127.0.0.1:8282"));
    }

    @Test
    void aStoredRecordIsFoundWithItsAge() {
        Map<String, Object> stored = handle("store", "{\"sender\": " + BOB + ", \"key\": \"" + KEY + "\", \"ttl\": 60000}");
        Map<String, Object> found = handle("find-value", "{\"sender\": {\"id\": \"Carol\", \"address\": \"http://127.0.0.1:8383\"}, \"key\": \"" + KEY + "\"}");

        assertThat(stored.get("stored")).isEqualTo(true);
        List<Object> providers = list(found.get("providers"));
        assertThat(providers).hasSize(1);
        Map<?, ?> provider = (Map<?, ?>) providers.get(0);
        assertThat(provider.get("id")).isEqualTo("Bob");
        assertThat(provider.get("address")).isEqualTo("http://127.0.0.1:8282");
        assertThat(((Number) provider.get("age")).longValue()).isZero();
        assertThat(list(found.get("contacts"))).isEmpty();
    }

    @Test
    void findNodeAnswersTheClosestContactsWithoutTheSender() {
        handle("ping", "{\"sender\": " + BOB + "}");
        handle("ping", "{\"sender\": {\"id\": \"Carol\", \"address\": \"http://127.0.0.1:8383\"}}");

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
        "store|`{\"sender\": {\"id\": \"Bob\", \"address\": \"http://127.0.0.1:8282\"}, \"key\": \"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\"}`|The field 'ttl' is required: a whole number of milliseconds from 1 to 86400000",
        "store|`{\"sender\": {\"id\": \"Bob\", \"address\": \"http://127.0.0.1:8282\"}, \"key\": \"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\", \"ttl\": 0}`|The field 'ttl' must be a whole number of milliseconds from 1 to 86400000, not 0",
        "store|`{\"sender\": {\"id\": \"Bob\", \"address\": \"http://127.0.0.1:8282\"}, \"key\": \"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\", \"ttl\": 1.5}`|The field 'ttl' must be a whole number of milliseconds from 1 to 86400000, not 1.5",
        "store|`{\"sender\": {\"id\": \"Bob\", \"address\": \"http://127.0.0.1:8282\"}, \"key\": \"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\", \"ttl\": \"60000\"}`|The field 'ttl' must be a whole number of milliseconds from 1 to 86400000, not a string",
        "store|`{\"sender\": {\"id\": \"Bob\", \"address\": \"http://127.0.0.1:8282\"}, \"key\": \"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\", \"ttl\": 86400001}`|The field 'ttl' must be a whole number of milliseconds from 1 to 86400000, not 86400001",
    })
    void invalidMessagesAreRefusedSayingWhatToFix(String operation, String body, String message) {
        assertThatThrownBy(() -> handler.handle(operation, body, "127.0.0.1"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage(message);
        assertThat(node.table().size()).as("a refused message adds no contact").isZero();
    }
}
