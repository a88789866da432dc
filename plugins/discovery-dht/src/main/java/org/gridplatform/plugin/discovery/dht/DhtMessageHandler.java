package org.gridplatform.plugin.discovery.dht;

import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.gridplatform.api.GridException;
import org.gridplatform.api.InvalidRequestException;
import org.gridplatform.api.ProblemType;
import org.gridplatform.spi.discovery.JsonCodec;
import org.gridplatform.spi.discovery.MessageHandler;

/**
 * Receives the DHT's messages from peers ({@code POST /discovery/<operation>}), checks them with
 * {@link WireFormat} and hands them to the node; every answer carries the node's signed node record.
 * A store may wait for the node to ping the address its record names (twice at most, if the first ping is lost).
 * Thread-safe.
 */
final class DhtMessageHandler implements MessageHandler {

    private static final System.Logger LOG = System.getLogger(DhtMessageHandler.class.getName());

    private final DhtNode node;
    private final JsonCodec json;

    DhtMessageHandler(DhtNode node, JsonCodec json) {
        this.node = node;
        this.json = json;
    }

    @Override
    public String handle(String operation, String jsonBody, String sender) {
        if (!WireFormat.OPERATIONS.contains(operation)) {
            throw new GridException(ProblemType.NOT_FOUND, "There is no dht operation " + WireFormat.quote(String.valueOf(operation))
                    + "; use ping, store, find-node or find-value");
        }
        Object body;
        try {
            body = jsonBody == null || jsonBody.isBlank() ? null : json.fromJson(jsonBody, Map.class);
        } catch (RuntimeException e) {
            throw new InvalidRequestException("The body of a dht '" + operation + "' message is not a JSON object"
                    + (e instanceof GridException ? ": " + e.getMessage() : ""));
        }
        WireFormat.Request request;
        try {
            request = WireFormat.readRequest(operation, body);
        } catch (InvalidRequestException e) {
            LOG.log(Level.DEBUG, () -> "dht: refused a '" + operation + "' message from " + sender + ": " + e.getMessage());
            throw e;
        }
        Contact self = node.self();
        if (operation.equals(WireFormat.PING) && request.sender().equals(self)) {
            // The node checks that its own listener serves (DhtStrategy joins once it does).
            return json.toJson(WireFormat.pingAnswer(node.nodeRecord()));
        }
        if (request.sender().nodeId().equals(self.nodeId())) {
            throw new InvalidRequestException("The field 'sender.id' is " + WireFormat.quote(self.nodeId())
                    + ", the id of the node that received the message; a node never sends dht messages to itself");
        }
        Map<String, Object> answer = switch (operation) {
            case WireFormat.PING -> {
                node.onPing(request.sender());
                yield WireFormat.pingAnswer(node.nodeRecord());
            }
            case WireFormat.STORE -> WireFormat.storeAnswer(node.nodeRecord(), store(request, sender));
            case WireFormat.FIND_NODE -> WireFormat.findNodeAnswer(node.nodeRecord(), node.onFindNode(request.sender(), request.key()));
            default -> WireFormat.findValueAnswer(node.nodeRecord(), node.onFindValue(request.sender(), request.key()));
        };
        return json.toJson(answer);
    }

    private boolean store(WireFormat.Request request, String sender) {
        // The node's pings to confirm an unknown id end within DhtNode.CONFIRM_ATTEMPTS RPC timeouts; the extra
        // second only guards against a stuck host.
        long limit = node.settings().rpcTimeout().multipliedBy(DhtNode.CONFIRM_ATTEMPTS).plusSeconds(1).toMillis();
        try {
            return node.onStore(request.sender(), request.record()).get(limit, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GridException refused) {
                LOG.log(Level.DEBUG, () -> "dht: refused a store from " + sender + ": " + refused.getMessage());
                throw refused;
            }
            throw new IllegalStateException("dht: storing a record failed", e.getCause());
        } catch (TimeoutException e) {
            throw new GridException(ProblemType.SERVICE_UNAVAILABLE, "This node could not check the provider record of "
                    + WireFormat.quote(request.record().provider().nodeId()) + " in time; store it again later");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GridException(ProblemType.SERVICE_UNAVAILABLE, "The server is stopping; try again");
        }
    }
}
