package org.gridplatform.plugin.discovery.dht;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.gridplatform.api.NodeAddress;
import org.gridplatform.spi.discovery.NodeSigner;
import org.gridplatform.spi.discovery.NodeTransport;
import org.junit.jupiter.api.Test;
import org.gridplatform.spi.testing.YassonJsonCodec;

/** The RPCs as the host's HTTP client carries them, and what makes an answer a failure. */
class JsonRpcTransportTest {

    private static final Contact SELF = Contact.of("Alice", NodeAddress.parse("http://127.0.0.1:8181", "address"));
    private static final Contact BOB = Contact.of("Bob", NodeAddress.parse("http://127.0.0.1:8282", "address"));
    private static final NodeSigner BOB_KEY = NodeSigner.generate();
    private static final NodeRecord BOB_RECORD = NodeRecord.sign(BOB, BOB_KEY, NodeKey.of(BOB_KEY.publicKey()), 1_000, 181_000);
    /** Bob's node record, with which he signs every answer. */
    private static final String BOB_JSON = "{\"id\":\"Bob\",\"address\":\"http://127.0.0.1:8282\",\"public-key\":\""
            + BOB_RECORD.publicKey().text() + "\",\"issued-at\":1000,\"expires-at\":181000,\"signature\":\""
            + BOB_RECORD.signature() + "\"}";

    private final List<String> sent = new ArrayList<>();
    private NodeTransport.Reply reply;
    private final NodeTransport http = new NodeTransport() {
        @Override
        public CompletableFuture<Reply> post(NodeAddress node, String path, String json, Duration timeout) {
            sent.add("POST " + node + path + " " + json + " within " + timeout.toMillis() + "ms");
            return CompletableFuture.completedFuture(reply);
        }

        @Override
        public CompletableFuture<Reply> get(NodeAddress node, String path, Duration timeout) {
            throw new UnsupportedOperationException();
        }
    };
    private final JsonRpcTransport transport = new JsonRpcTransport(SELF, http, new YassonJsonCodec(), Duration.ofMillis(700));

    private void answer(String json) {
        reply = new NodeTransport.Reply(200, json, null);
    }

    private static Throwable failure(CompletableFuture<?> call) {
        return assertThatThrownBy(call::join).isInstanceOf(CompletionException.class).actual().getCause();
    }

    @Test
    void requestsCarryTheSenderAndGoToTheDiscoveryPath() {
        Key key = Key.sha256("iris");
        NodeSigner alice = NodeSigner.generate();
        ProviderRecord record = ProviderRecord.sign(key, SELF, alice, NodeKey.of(alice.publicKey()), 5_000, 185_000);
        answer("{\"sender\":" + BOB_JSON + ",\"stored\":true}");

        RpcTransport.Answer<Boolean> stored = transport.store(BOB, record).join();

        assertThat(stored.value()).isTrue();
        assertThat(stored.from()).isEqualTo(BOB_RECORD);
        assertThat(sent).containsExactly("POST http://127.0.0.1:8282/discovery/store {\"sender\":{\"id\":\"Alice\","
                + "\"address\":\"http://127.0.0.1:8181\"},\"key\":\"" + key.hex() + "\",\"record\":{\"id\":\"Alice\","
                + "\"address\":\"http://127.0.0.1:8181\",\"public-key\":\"" + record.publicKey().text() + "\","
                + "\"issued-at\":5000,\"expires-at\":185000,\"signature\":\"" + record.signature() + "\"}} within 700ms");
    }

    @Test
    void answersAreRead() {
        answer("{\"sender\":" + BOB_JSON + ",\"contacts\":[{\"id\":\"Carol\",\"address\":\"http://127.0.0.1:8383\"}]}");
        assertThat(transport.findNode(BOB, Key.sha256("x")).join().value())
                .containsExactly(Contact.of("Carol", NodeAddress.parse("http://127.0.0.1:8383", "address")));

        NodeSigner dan = NodeSigner.generate();
        ProviderRecord record = ProviderRecord.sign(Key.sha256("x"), Contact.of("Dan", NodeAddress.parse("http://127.0.0.1:8484",
                "address")), dan, NodeKey.of(dan.publicKey()), 7_000, 9_000);
        answer("{\"sender\":" + BOB_JSON + ",\"providers\":[{\"id\":\"Dan\",\"address\":\"http://127.0.0.1:8484\",\"public-key\":\""
                + record.publicKey().text() + "\",\"issued-at\":7000,\"expires-at\":9000,\"signature\":\"" + record.signature()
                + "\",\"age\":1500}]}");
        RpcTransport.ValueReply value = transport.findValue(BOB, Key.sha256("x")).join().value();
        assertThat(value.providers()).containsExactly(new ProviderStore.Reported(record, 1500));
        assertThat(value.contacts()).isEmpty();

        answer("{\"sender\":" + BOB_JSON + "}");
        assertThat(transport.ping(BOB.address()).join()).isEqualTo(BOB_RECORD);
    }

    @Test
    void noAnswerAnErrorStatusOrAnotherNodeIsAFailure() {
        reply = new NodeTransport.Reply(0, null, "connection refused");
        assertThat(failure(transport.findNode(BOB, Key.sha256("x"))))
                .isInstanceOf(RpcFailure.class).hasMessage("find-node to http://127.0.0.1:8282 failed: connection refused");

        reply = new NodeTransport.Reply(404, "{}", null);
        assertThat(failure(transport.findNode(BOB, Key.sha256("x"))))
                .hasMessage("find-node to http://127.0.0.1:8282 failed: HTTP 404");

        reply = new NodeTransport.Reply(409, "{\"type\":\"https://grid.example/problems/conflict\",\"status\":409,"
                + "\"detail\":\"The provider record of \\\"Alice\\\" is refused\"}", null);
        assertThat(failure(transport.findNode(BOB, Key.sha256("x"))))
                .hasMessage("find-node to http://127.0.0.1:8282 failed: HTTP 409: \"The provider record of \\\"Alice\\\" is refused\"");

        answer("{\"sender\":" + BOB_JSON.replace("\"Bob\"", "\"Mallory\"") + ",\"contacts\":[]}");
        assertThat(failure(transport.findNode(BOB, Key.sha256("x"))))
                .hasMessage("find-node to http://127.0.0.1:8282 was answered by 'Mallory', not 'Bob'");
    }

    @Test
    void invalidAnswersAreFailuresThatSayWhy() {
        answer("not json");
        assertThat(failure(transport.findNode(BOB, Key.sha256("x"))))
                .hasMessage("invalid find-node answer from http://127.0.0.1:8282: The body is not JSON of the expected shape");

        answer("{\"contacts\":[]}");
        assertThat(failure(transport.findNode(BOB, Key.sha256("x"))))
                .hasMessage("invalid find-node answer from http://127.0.0.1:8282: The field 'sender' is required: the node"
                        + " record {\"id\": \"Bob\", \"address\": \"http://127.0.0.1:8181\", \"public-key\": \"MCowBQYDK2VwAyEA...\","
                        + " \"issued-at\": 1767225600000, \"expires-at\": 1767225780000, \"signature\": \"...\"}");

        answer("{\"sender\":{\"id\":\"Bob\",\"address\":\"http://127.0.0.1:8282\"},\"contacts\":[]}");
        assertThat(failure(transport.findNode(BOB, Key.sha256("x"))))
                .hasMessage("invalid find-node answer from http://127.0.0.1:8282: The field 'sender.public-key' is required: an"
                        + " Ed25519 public key: its X.509 SubjectPublicKeyInfo in base64url without padding (59 characters)");

        StringBuilder many = new StringBuilder();
        for (int i = 0; i <= DhtSettings.MAX_K; i++) {
            many.append(i == 0 ? "" : ",").append("{\"id\":\"n").append(i).append("\",\"address\":\"http://127.0.0.1:9000\"}");
        }
        answer("{\"sender\":" + BOB_JSON + ",\"contacts\":[" + many + "]}");
        assertThat(failure(transport.findNode(BOB, Key.sha256("x"))))
                .hasMessage("invalid find-node answer from http://127.0.0.1:8282: The field 'contacts' has 65 entries;"
                        + " at most 64 are allowed");

        answer("{\"sender\":" + BOB_JSON + ",\"contacts\":[" + BOB_JSON + ",{\"id\":\"Carol\",\"address\":\"mailto:x\"}]}");
        assertThat(failure(transport.findNode(BOB, Key.sha256("x"))))
                .hasMessageStartingWith("invalid find-node answer from http://127.0.0.1:8282: The contacts[1].address \"mailto:x\"");

        answer("{\"sender\":" + BOB_JSON + ",\"contacts\":[7]}");
        assertThat(failure(transport.findNode(BOB, Key.sha256("x"))))
                .hasMessage("invalid find-node answer from http://127.0.0.1:8282: The field 'contacts[0]' must be a JSON"
                        + " object such as {\"id\": \"Bob\", \"address\": \"http://127.0.0.1:8181\"}, not a number");

        answer("{\"sender\":" + BOB_JSON + ",\"providers\":[" + BOB_JSON.replace("}", ",\"age\":-1}") + "]}");
        assertThat(failure(transport.findValue(BOB, Key.sha256("x"))))
                .hasMessage("invalid find-value answer from http://127.0.0.1:8282: The field 'providers[0].age' must be a"
                        + " whole number of milliseconds from 0 to 86400000, not -1");

        answer("{\"sender\":" + BOB_JSON + ",\"stored\":\"yes\"}");
        assertThat(failure(transport.store(BOB, ProviderRecord.sign(Key.sha256("x"), SELF, BOB_KEY, BOB_RECORD.publicKey(), 1, 2))))
                .hasMessage("invalid store answer from http://127.0.0.1:8282: The field 'stored' must be true or false, not a string");
    }

    @Test
    void findValueAnswersHoldAtMostAHundredProviders() {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i <= DhtNode.MAX_PROVIDERS_PER_KEY; i++) {
            many.append(i == 0 ? "" : ",").append(BOB_JSON.replace("}", ",\"age\":0}"));
        }
        answer("{\"sender\":" + BOB_JSON + ",\"providers\":[" + many + "]}");
        assertThat(failure(transport.findValue(BOB, Key.sha256("x"))))
                .hasMessage("invalid find-value answer from http://127.0.0.1:8282: The field 'providers' has 101 entries;"
                        + " at most 100 are allowed");
    }
}
