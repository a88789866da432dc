package org.gridplatform.plugin.discovery.dht;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The provider records this node holds for others: for each key (the hash of a tag), the signed records
 * of the nodes that announced holding data with that tag, each until the record expires. Records are
 * checked before they get here ({@link DhtNode#onStore}); the store keeps them as they were signed.
 *
 * <p>Bounded: at most {@code maxProvidersPerKey} providers per key and {@code maxProviders} in all.
 * A full record keeps its providers (they refresh in place) and refuses newcomers until some expire,
 * so that a flood of announcements cannot push out the nodes already known.
 *
 * <p>Thread-safe.
 */
final class ProviderStore {

    /** A provider as stored: its signed record, and when it was last stored here (milliseconds). */
    record Provider(ProviderRecord record, long storedAt) {
    }

    /**
     * A provider as a peer reports it: its signed record, and how long ago it was stored (milliseconds).
     */
    record Reported(ProviderRecord record, long age) {
        /** @return the provider's contact */
        Contact contact() {
            return record.provider();
        }
    }

    private final int maxProvidersPerKey;
    private final int maxProviders;
    private final Map<Key, Map<String, Provider>> records = new HashMap<>();
    private int providerCount;

    ProviderStore(int maxProvidersPerKey, int maxProviders) {
        this.maxProvidersPerKey = maxProvidersPerKey;
        this.maxProviders = maxProviders;
    }

    /**
     * Stores a provider's record, or replaces the one it holds by a newer one; an older record (a replay)
     * leaves the newer one in place. A record lives until its {@link ProviderRecord#expiresAt()}.
     *
     * @return whether the provider is stored; {@code false} if the record or the store is full
     */
    synchronized boolean put(ProviderRecord record, long now) {
        Key key = record.key();
        String id = record.provider().nodeId();
        Map<String, Provider> providers = records.get(key);
        Provider old = providers == null ? null : providers.get(id);
        if (old != null && old.record().expiresAt() > now) {
            if (record.issuedAt() >= old.record().issuedAt()) {
                providers.put(id, new Provider(record, now));
            }
            return true;
        }
        if (providers != null && providers.size() >= maxProvidersPerKey) {
            removeExpired(providers, now);
            if (providers.size() >= maxProvidersPerKey) {
                return false;
            }
        }
        if (providerCount >= maxProviders) {
            removeExpired(now);
            if (providerCount >= maxProviders) {
                return false;
            }
        }
        providers = records.computeIfAbsent(key, unused -> new LinkedHashMap<>());
        if (providers.put(id, new Provider(record, now)) == null) {
            providerCount++;
        }
        return true;
    }

    /** @return the unexpired providers of a key, ordered by node id, with the age of their records */
    synchronized List<Reported> get(Key key, long now) {
        Map<String, Provider> providers = records.get(key);
        if (providers == null) {
            return List.of();
        }
        removeExpired(providers, now);
        if (providers.isEmpty()) {
            records.remove(key);
            return List.of();
        }
        List<Reported> found = new ArrayList<>(providers.size());
        for (Provider provider : providers.values()) {
            found.add(new Reported(provider.record(), now - provider.storedAt()));
        }
        found.sort(Comparator.comparing(reported -> reported.contact().nodeId()));
        return found;
    }

    /** Drops every expired record. */
    synchronized void removeExpired(long now) {
        for (Iterator<Map<String, Provider>> it = records.values().iterator(); it.hasNext(); ) {
            Map<String, Provider> providers = it.next();
            removeExpired(providers, now);
            if (providers.isEmpty()) {
                it.remove();
            }
        }
    }

    private void removeExpired(Map<String, Provider> providers, long now) {
        for (Iterator<Provider> it = providers.values().iterator(); it.hasNext(); ) {
            if (it.next().record().expiresAt() <= now) {
                it.remove();
                providerCount--;
            }
        }
    }

    /** @return how many keys have at least one provider record (expired ones may still count) */
    synchronized int keyCount() {
        return records.size();
    }

    /** @return how many provider records are held (expired ones may still count) */
    synchronized int providerCount() {
        return providerCount;
    }
}
