package org.gridplatform.plugin.discovery.dht;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Which public key speaks for which node id, as this node learned it: trust on first use. An id is
 * bound to the first key that proved itself for it (a node record from the address the node was called
 * at, or a provider record whose address confirmed it), for as long as that node's records live here:
 * each record seen extends the binding to the record's expiry. While it lives, records for that id
 * signed by any other key are refused. Pinned ids ({@code grid.discovery.dht.pinned-keys}, and the local
 * node's own id) are bound for good.
 *
 * <p>Bounded: a full table makes room by dropping expired bindings, and otherwise binds no new id.
 * Thread-safe.
 */
final class KeyBindings {

    /** Ids bound at most at once. */
    static final int MAX_BINDINGS = 200_000;

    /** What {@link #bind} did. */
    enum Outcome {
        /** The id is bound to the key (newly, or as before). */
        BOUND,
        /** The id is bound to another key; nothing changed. */
        CONFLICT,
        /** The id was not bound, and the table is full. */
        FULL
    }

    private record Binding(NodeKey key, long until) {
    }

    private static final long FOREVER = Long.MAX_VALUE;

    private final int max;
    private final Map<String, Binding> bindings = new HashMap<>();

    /** @param pinned ids bound for good to their keys */
    KeyBindings(Map<String, NodeKey> pinned, int max) {
        this.max = max;
        pinned.forEach((id, key) -> bindings.put(id, new Binding(key, FOREVER)));
    }

    /** @return the key bound to an id now, if any */
    synchronized Optional<NodeKey> keyOf(String nodeId, long now) {
        Binding binding = bindings.get(nodeId);
        return binding != null && binding.until > now ? Optional.of(binding.key) : Optional.empty();
    }

    /**
     * Binds an id to a key until a time, or extends its binding to that key.
     *
     * @param until when the binding may end, at the earliest (a record's expiry)
     * @param now   the time now, in milliseconds
     */
    synchronized Outcome bind(String nodeId, NodeKey key, long until, long now) {
        Binding binding = bindings.get(nodeId);
        if (binding != null && binding.until > now) {
            if (!binding.key.equals(key)) {
                return Outcome.CONFLICT;
            }
            if (until > binding.until) {
                bindings.put(nodeId, new Binding(key, until));
            }
            return Outcome.BOUND;
        }
        if (binding == null && bindings.size() >= max) {
            removeExpired(now);
            if (bindings.size() >= max) {
                return Outcome.FULL;
            }
        }
        bindings.put(nodeId, new Binding(key, until));
        return Outcome.BOUND;
    }

    /** Drops every binding that ended. */
    synchronized void removeExpired(long now) {
        for (Iterator<Binding> it = bindings.values().iterator(); it.hasNext(); ) {
            if (it.next().until <= now) {
                it.remove();
            }
        }
    }

    /** @return how many ids are bound (ended bindings may still count) */
    synchronized int size() {
        return bindings.size();
    }
}
