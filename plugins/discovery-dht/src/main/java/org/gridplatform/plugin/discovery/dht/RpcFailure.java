package org.gridplatform.plugin.discovery.dht;

/**
 * Why an RPC to a peer failed: no answer in time, an HTTP error, or an invalid answer. Expected in a
 * network of peers that come and go, so it carries no stack trace.
 */
final class RpcFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    RpcFailure(String message) {
        super(message, null, false, false);
    }
}
