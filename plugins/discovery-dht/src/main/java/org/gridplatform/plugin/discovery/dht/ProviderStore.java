package org.gridplatform.plugin.discovery.dht;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The provider records this node holds for others: for each key (the hash of a tag), the nodes
 * that announced holding data with that tag, each until its record expires.
 *
 * <p>Bounded: at most {@code maxProvidersPerKey} providers per key and {@code maxProviders} in all.
 * A full record keeps its providers (they refresh in place) and refuses newcomers until some expire,
 * so that a flood of announcements cannot push out the nodes already known.
 *
 * <p>Thread-safe.
 */
final class ProviderStore {

    /** A provider as stored: who, and when its record was last stored and expires (milliseconds). */
    record Provider(Contact contact, long storedAt, long expiresAt) {
    }

    /** A provider as a peer reports it: who, and how long ago its record was stored (milliseconds). */
    record Reported(Contact contact, long age) {
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
     * Stores or refreshes a provider of a key.
     *
     * @return whether the provider is stored; {@code false} if the record or the store is full
     */
    synchronized boolean put(Key key, Contact provider, long now, long ttlMillis) {
        Map<String, Provider> providers = records.get(key);
        Provider old = providers == null ? null : providers.get(provider.nodeId());
        if (old != null && old.expiresAt() > now) {
            providers.put(provider.nodeId(), new Provider(provider, now, Math.max(old.expiresAt(), now + ttlMillis)));
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
        if (providers.put(provider.nodeId(), new Provider(provider, now, now + ttlMillis)) == null) {
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
            found.add(new Reported(provider.contact(), now - provider.storedAt()));
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
            if (it.next().expiresAt() <= now) {
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
