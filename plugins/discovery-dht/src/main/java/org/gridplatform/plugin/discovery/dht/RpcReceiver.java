package org.gridplatform.plugin.discovery.dht;

import java.time.Duration;
import java.util.List;

/**
 * The receiving side of the four RPCs, with messages already validated: what {@link DhtNode} does
 * when a peer calls it. {@link DhtMessageHandler} decodes JSON into these calls; the in-memory
 * transport of the tests calls them directly.
 *
 * <p>Thread-safe.
 */
interface RpcReceiver {

    /** @return the local node's contact */
    Contact onPing(Contact sender);

    /** @return whether the record was stored */
    boolean onStore(Contact sender, Key key, Duration ttl);

    /** @return the closest contacts to {@code target} that the local node knows, at most k, without the sender */
    List<Contact> onFindNode(Contact sender, Key target);

    /** @return the providers of {@code key} if held here, else the closest contacts */
    RpcTransport.ValueReply onFindValue(Contact sender, Key key);
}
