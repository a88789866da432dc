package org.gridplatform.spi.discovery;

/**
 * Receives the messages that peers send to a strategy through the host's HTTP listener: the body
 * of {@code POST /discovery/<operation>} in, the JSON answer out.
 *
 * <p>Thread-safe. Bodies are at most {@code grid.http.max-body-bytes}. A message the handler
 * refuses is an {@link org.gridplatform.api.InvalidRequestException}.
 */
@FunctionalInterface
public interface MessageHandler {

    /**
     * @param operation the operation, lower-case letters and {@code -}, such as {@code find-node}
     * @param jsonBody  the request body, a JSON document
     * @param sender    the address of the connection's peer, for rate limits and logs
     * @return the JSON answer
     * @throws org.gridplatform.api.GridException if the message is refused
     */
    String handle(String operation, String jsonBody, String sender);
}
