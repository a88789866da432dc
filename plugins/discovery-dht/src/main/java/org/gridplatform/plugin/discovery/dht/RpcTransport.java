package org.gridplatform.plugin.discovery.dht;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.gridplatform.api.NodeAddress;

/**
 * The four Kademlia RPCs, sent from the local node to a peer. Every request carries the local
 * node's contact, so that the peer can update its routing table.
 *
 * <p>Every future completes within the RPC timeout: with the peer's answer, already validated, or
 * exceptionally (usually with an {@link RpcFailure}) if the peer did not answer in time, refused the
 * call, or answered something invalid or as another node than the one called. Implementations:
 * {@link JsonRpcTransport} over the host's HTTP client; an in-memory one in the tests and the
 * simulator.
 *
 * <p>Thread-safe; futures may complete on any thread.
 */
interface RpcTransport {

    /** The answer to FIND_VALUE: the providers, when the peer holds the record, else closer contacts. */
    record ValueReply(List<ProviderStore.Reported> providers, List<Contact> contacts) {
        public ValueReply {
            providers = List.copyOf(providers);
            contacts = List.copyOf(contacts);
        }

        static ValueReply ofContacts(List<Contact> contacts) {
            return new ValueReply(List.of(), contacts);
        }
    }

    /**
     * PING: whether the node at an address is up and who it is.
     *
     * @return the contact the peer answered with (its own)
     */
    CompletableFuture<Contact> ping(NodeAddress address);

    /**
     * STORE: asks a peer to hold, for {@code ttl}, the record that the local node provides {@code key}.
     *
     * @return whether the peer stored it ({@code false} if its store is full)
     */
    CompletableFuture<Boolean> store(Contact peer, Key key, Duration ttl);

    /** FIND_NODE: the peer's closest contacts to {@code target} (at most k). */
    CompletableFuture<List<Contact>> findNode(Contact peer, Key target);

    /** FIND_VALUE: the providers of {@code key} if the peer holds them, else its closest contacts. */
    CompletableFuture<ValueReply> findValue(Contact peer, Key key);
}
