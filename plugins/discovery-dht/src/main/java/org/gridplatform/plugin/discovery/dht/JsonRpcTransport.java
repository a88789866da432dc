package org.gridplatform.plugin.discovery.dht;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.gridplatform.api.GridException;
import org.gridplatform.api.NodeAddress;
import org.gridplatform.spi.discovery.JsonCodec;
import org.gridplatform.spi.discovery.NodeTransport;

/**
 * The RPCs as JSON over the host's HTTP client: {@code POST <peer>/discovery/<operation>}, the
 * shapes of {@link WireFormat}. An answer that is not 200, not valid, or not from the node that was
 * called is a failed RPC.
 */
final class JsonRpcTransport implements RpcTransport {

    private final Contact self;
    private final NodeTransport http;
    private final JsonCodec json;
    private final Duration timeout;

    JsonRpcTransport(Contact self, NodeTransport http, JsonCodec json, Duration timeout) {
        this.self = self;
        this.http = http;
        this.json = json;
        this.timeout = timeout;
    }

    /** @return the path of an operation on a peer */
    static String path(String operation) {
        return "/discovery/" + operation;
    }

    @Override
    public CompletableFuture<NodeRecord> ping(NodeAddress address) {
        return call(address, null, WireFormat.PING, WireFormat.ping(self), answer -> null).thenApply(Answer::from);
    }

    @Override
    public CompletableFuture<Answer<Boolean>> store(Contact peer, ProviderRecord record) {
        return call(peer.address(), peer, WireFormat.STORE, WireFormat.store(self, record), WireFormat::readStoreAnswer);
    }

    @Override
    public CompletableFuture<Answer<List<Contact>>> findNode(Contact peer, Key target) {
        return call(peer.address(), peer, WireFormat.FIND_NODE, WireFormat.findNode(self, target),
                WireFormat::readFindNodeAnswer);
    }

    @Override
    public CompletableFuture<Answer<ValueReply>> findValue(Contact peer, Key key) {
        return call(peer.address(), peer, WireFormat.FIND_VALUE, WireFormat.findValue(self, key),
                answer -> WireFormat.readFindValueAnswer(answer, key));
    }

    /**
     * @param expected the node that should answer, or null when only its address is known
     */
    private <T> CompletableFuture<Answer<T>> call(NodeAddress address, Contact expected, String operation,
                                                  Map<String, Object> request, Function<Object, T> reader) {
        String body;
        try {
            body = json.toJson(request);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return http.post(address, path(operation), body, timeout).thenApply(reply -> {
            if (!reply.ok()) {
                throw new RpcFailure(operation + " to " + address + " failed: "
                        + (reply.status() == 0 ? reply.error() : "HTTP " + reply.status() + detail(reply.body())));
            }
            try {
                Object answer = json.fromJson(reply.body(), Map.class);
                NodeRecord sender = WireFormat.readSender(answer, operation);
                if (expected != null && !sender.contact().nodeId().equals(expected.nodeId())) {
                    throw new RpcFailure(operation + " to " + address + " was answered by '" + sender.contact().nodeId()
                            + "', not '" + expected.nodeId() + "'");
                }
                return new Answer<>(sender, reader.apply(answer));
            } catch (GridException e) {
                throw new RpcFailure("invalid " + operation + " answer from " + address + ": " + e.getMessage());
            }
        });
    }

    /** @return ": " and the problem detail of a refusal, when the peer sent one, for the logs */
    private String detail(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            Object problem = json.fromJson(body, Map.class);
            if (problem instanceof Map<?, ?> map && map.get("detail") instanceof String detail) {
                return ": " + WireFormat.quote(detail, 400);
            }
        } catch (RuntimeException e) {
            // not problem details: the status says enough
        }
        return "";
    }
}
