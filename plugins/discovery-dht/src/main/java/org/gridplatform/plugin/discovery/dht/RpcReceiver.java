package org.gridplatform.plugin.discovery.dht;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The receiving side of the four RPCs, with messages already validated as to their shape: what
 * {@link DhtNode} does when a peer calls it. {@link DhtMessageHandler} decodes JSON into these calls; the
 * in-memory transport of the tests calls them directly. Every answer carries {@link #nodeRecord()}.
 *
 * <p>Thread-safe.
 */
interface RpcReceiver {

    /** @return the local node's signed node record, current now, for the answer to any call */
    NodeRecord nodeRecord();

    /** Notes that a peer called (a ping needs no other answer than the node record). */
    void onPing(Contact sender);

    /**
     * @return whether the record was stored ({@code false}: the store is full); fails with a
     *         {@link org.gridplatform.api.GridException} saying why if the record is refused. May wait for a
     *         ping to the address the record names, within the RPC timeout.
     */
    CompletableFuture<Boolean> onStore(Contact sender, ProviderRecord record);

    /** @return the closest contacts to {@code target} that the local node knows, at most k, without the sender */
    List<Contact> onFindNode(Contact sender, Key target);

    /** @return the provider records of {@code key} if held here, else the closest contacts */
    RpcTransport.ValueReply onFindValue(Contact sender, Key key);
}
