package org.gridplatform.plugin.discovery.dht;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.gridplatform.api.NodeAddress;
import org.gridplatform.spi.discovery.NodeTransport;
import org.junit.jupiter.api.Test;
import org.gridplatform.spi.testing.YassonJsonCodec;

/** The RPCs as the host's HTTP client carries them, and what makes an answer a failure. */
class JsonRpcTransportTest {

    private static final Contact SELF = Contact.of("Alice", NodeAddress.parse("http://127.0.0.1:8181", "address"));
    private static final Contact BOB = Contact.of("Bob", NodeAddress.parse("http://127.0.0.1:8282", "address"));
    private static final String BOB_JSON = "{\"id\":\"Bob\",\"address\":\"http://127.0.0.1:8282\"}";

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
        answer("{\"sender\":" + BOB_JSON + ",\"stored\":true}");

        assertThat(transport.store(BOB, key, Duration.ofMinutes(3)).join()).isTrue();

        assertThat(sent).containsExactly("POST http://127.0.0.1:8282/discovery/store {\"sender\":{\"id\":\"Alice\","
                + "\"address\":\"http://127.0.0.1:8181\"},\"key\":\"" + key.hex() + "\",\"ttl\":180000} within 700ms");
    }

    @Test
    void answersAreRead() {
        answer("{\"sender\":" + BOB_JSON + ",\"contacts\":[{\"id\":\"Carol\",\"address\":\"http://127.0.0.1:8383\"}]}");
        assertThat(transport.findNode(BOB, Key.sha256("x")).join())
                .containsExactly(Contact.of("Carol", NodeAddress.parse("http://127.0.0.1:8383", "address")));

        answer("{\"sender\":" + BOB_JSON + ",\"providers\":[{\"id\":\"Dan\",\"address\":\"http://127.0.0.1:8484\",\"age\":1500}]}");
        RpcTransport.ValueReply value = transport.findValue(BOB, Key.sha256("x")).join();
        assertThat(value.providers()).containsExactly(new ProviderStore.Reported(
                Contact.of("Dan", NodeAddress.parse("http://127.0.0.1:8484", "address")), 1500));
        assertThat(value.contacts()).isEmpty();

        answer("{\"sender\":" + BOB_JSON + "}");
        assertThat(transport.ping(BOB.address()).join()).isEqualTo(BOB);
    }

    @Test
    void noAnswerAnErrorStatusOrAnotherNodeIsAFailure() {
        reply = new NodeTransport.Reply(0, null, "connection refused");
        assertThat(failure(transport.findNode(BOB, Key.sha256("x"))))
                .isInstanceOf(RpcFailure.class).hasMessage("find-node to http://127.0.0.1:8282 failed: connection refused");

        reply = new NodeTransport.Reply(404, "{}", null);
        assertThat(failure(transport.findNode(BOB, Key.sha256("x"))))
                .hasMessage("find-node to http://127.0.0.1:8282 failed: HTTP 404");

        answer("{\"sender\":{\"id\":\"Mallory\",\"address\":\"http://127.0.0.1:8282\"},\"contacts\":[]}");
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
                .hasMessage("invalid find-node answer from http://127.0.0.1:8282: The field 'sender' is required: the sending"
                        + " node's {\"id\": \"Bob\", \"address\": \"http://127.0.0.1:8181\"}");

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

        answer("{\"sender\":" + BOB_JSON + ",\"providers\":[{\"id\":\"Dan\",\"address\":\"http://127.0.0.1:8484\",\"age\":-1}]}");
        assertThat(failure(transport.findValue(BOB, Key.sha256("x"))))
                .hasMessage("invalid find-value answer from http://127.0.0.1:8282: The field 'providers[0].age' must be a"
                        + " whole number of milliseconds from 0 to 86400000, not -1");

        answer("{\"sender\":" + BOB_JSON + ",\"stored\":\"yes\"}");
        assertThat(failure(transport.store(BOB, Key.sha256("x"), Duration.ofMinutes(1))))
                .hasMessage("invalid store answer from http://127.0.0.1:8282: The field 'stored' must be true or false, not a string");
    }

    @Test
    void findValueAnswersHoldAtMostAHundredProviders() {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i <= DhtNode.MAX_PROVIDERS_PER_KEY; i++) {
            many.append(i == 0 ? "" : ",").append("{\"id\":\"n").append(i).append("\",\"address\":\"http://127.0.0.1:9000\",\"age\":0}");
        }
        answer("{\"sender\":" + BOB_JSON + ",\"providers\":[" + many + "]}");
        assertThat(failure(transport.findValue(BOB, Key.sha256("x"))))
                .hasMessage("invalid find-value answer from http://127.0.0.1:8282: The field 'providers' has 101 entries;"
                        + " at most 100 are allowed");
    }
}
