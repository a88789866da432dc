package org.gridplatform.plugin.discovery.dht;

import java.lang.System.Logger.Level;
import java.util.Map;
import org.gridplatform.api.GridException;
import org.gridplatform.api.InvalidRequestException;
import org.gridplatform.api.ProblemType;
import org.gridplatform.spi.discovery.JsonCodec;
import org.gridplatform.spi.discovery.MessageHandler;

/**
 * Receives the DHT's messages from peers ({@code POST /discovery/<operation>}), checks them with
 * {@link WireFormat} and hands them to the node. Thread-safe.
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
        if (request.sender().nodeId().equals(self.nodeId())) {
            throw new InvalidRequestException("The field 'sender.id' is " + WireFormat.quote(self.nodeId())
                    + ", the id of the node that received the message; a node never sends dht messages to itself");
        }
        Map<String, Object> answer = switch (operation) {
            case WireFormat.PING -> WireFormat.ping(node.onPing(request.sender()));
            case WireFormat.STORE -> WireFormat.storeAnswer(self, node.onStore(request.sender(), request.key(), request.ttl()));
            case WireFormat.FIND_NODE -> WireFormat.findNodeAnswer(self, node.onFindNode(request.sender(), request.key()));
            default -> WireFormat.findValueAnswer(self, node.onFindValue(request.sender(), request.key()));
        };
        return json.toJson(answer);
    }
}
