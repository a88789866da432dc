package org.gridplatform.plugin.discovery.dht;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.gridplatform.api.NodeAddress;

/**
 * The four Kademlia RPCs, sent from the local node to a peer. Every request carries the local
 * node's contact, so that the peer can update its routing table; every answer carries the peer's
 * signed {@link NodeRecord}, which {@link DhtNode} checks before it believes the answer's sender.
 *
 * <p>Every future completes within the RPC timeout: with the peer's answer, already validated as to
 * its shape, or exceptionally (usually with an {@link RpcFailure}) if the peer did not answer in time,
 * refused the call, or answered something invalid or as another node than the one called.
 * Implementations: {@link JsonRpcTransport} over the host's HTTP client; an in-memory one in the tests
 * and the simulator.
 *
 * <p>Thread-safe; futures may complete on any thread.
 */
interface RpcTransport {

    /**
     * A peer's answer.
     *
     * @param from  the peer's node record, as it sent it (not checked yet)
     * @param value what it answered
     * @param <T>   the kind of answer
     */
    record Answer<T>(NodeRecord from, T value) {
    }

    /**
     * The answer to FIND_VALUE: the provider records, when the peer holds some, else closer contacts.
     * The records are as the peer sent them; {@link DhtNode} checks each one.
     */
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
     * @return the peer's node record
     */
    CompletableFuture<NodeRecord> ping(NodeAddress address);

    /**
     * STORE: asks a peer to hold the local node's signed record that it provides a key.
     *
     * @return whether the peer stored it ({@code false} if its store is full); a peer that refuses the
     *         record (its signature, or another key bound to the local node's id) fails the call
     */
    CompletableFuture<Answer<Boolean>> store(Contact peer, ProviderRecord record);

    /** FIND_NODE: the peer's closest contacts to {@code target} (at most k). */
    CompletableFuture<Answer<List<Contact>>> findNode(Contact peer, Key target);

    /** FIND_VALUE: the provider records of {@code key} if the peer holds some, else its closest contacts. */
    CompletableFuture<Answer<ValueReply>> findValue(Contact peer, Key key);
}
