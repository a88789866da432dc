package org.gridplatform.plugin.discovery.dht;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.gridplatform.api.InvalidRequestException;
import org.gridplatform.api.NodeAddress;
import org.gridplatform.api.NodeIds;
import org.gridplatform.spi.config.ConfigKey;
import org.gridplatform.spi.config.PluginConfig;

/**
 * The dht strategy's configuration, read and checked once.
 *
 * @param bootstrap         peers to join through; empty for the first node
 * @param k                 bucket size and replication factor
 * @param alpha             requests in flight per lookup
 * @param rpcTimeout        the time a peer gets to answer one RPC
 * @param republishInterval how often the node stores its provider records again
 * @param recordTtl         how long a stored record lives unless stored again
 * @param refreshInterval   how often buckets without lookups are refreshed
 * @param pinnedKeys        node ids bound for good to a public key, whatever peers say
 */
record DhtSettings(List<NodeAddress> bootstrap, int k, int alpha, Duration rpcTimeout, Duration republishInterval,
                   Duration recordTtl, Duration refreshInterval, Map<String, NodeKey> pinnedKeys) {

    /** Largest k: also the most contacts a peer may put in one answer. */
    static final int MAX_K = 64;
    /** Longest record lifetime a peer may ask for. */
    static final Duration MAX_TTL = Duration.ofHours(24);
    /** How far ahead of the local clock a record's issued-at may be: the clocks of nodes differ a little. */
    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(1);

    static final ConfigKey<List<String>> BOOTSTRAP = ConfigKey.list("bootstrap", List.of(),
            "Addresses of running nodes to join the DHT through, comma-separated, such as http://127.0.0.1:8181;"
                    + " empty for the first node of a grid");
    static final ConfigKey<Integer> K = ConfigKey.integer("k", 20,
            "Kademlia's k: contacts per routing-table bucket and nodes each provider record is stored on (1 to "
                    + MAX_K + "); use the same value on every node");
    static final ConfigKey<Integer> ALPHA = ConfigKey.integer("alpha", 3,
            "Requests in flight per lookup (1 to k)");
    static final ConfigKey<Duration> RPC_TIMEOUT = ConfigKey.duration("rpc-timeout", Duration.ofSeconds(1),
            "The time a peer gets to answer one DHT message; a peer that does not answer is marked stale."
                    + " A lookup ends after 4 times this at the latest");
    static final ConfigKey<Duration> REPUBLISH_INTERVAL = ConfigKey.duration("republish-interval", Duration.ofSeconds(60),
            "How often the node stores the provider records of its tags again on the k closest nodes");
    static final ConfigKey<Duration> RECORD_TTL = ConfigKey.duration("record-ttl", null,
            "How long a provider record lives on a node unless stored again (default: 3 times republish-interval;"
                    + " at most 24h)");
    static final ConfigKey<Duration> REFRESH_INTERVAL = ConfigKey.duration("refresh-interval", Duration.ofSeconds(60),
            "How often routing-table buckets that saw no lookup are refreshed with a lookup of a random key in them");

    static final ConfigKey<List<String>> PINNED_KEYS = ConfigKey.list("pinned-keys", List.of(),
            "Node ids whose public key is known beforehand, as id=key pairs, comma-separated (a node's key is its"
                    + " health check's discovery data, public-key): records for these ids signed by any other key are"
                    + " always refused, even from a node seen first; empty: every id is bound to the first key seen");

    static final Set<ConfigKey<?>> KEYS = Set.of(BOOTSTRAP, K, ALPHA, RPC_TIMEOUT, REPUBLISH_INTERVAL, RECORD_TTL,
            REFRESH_INTERVAL, PINNED_KEYS);

    /**
     * @return the settings
     * @throws IllegalArgumentException naming the key and how to fix it
     */
    static DhtSettings from(PluginConfig config) {
        String prefix = config.prefix() + ".";
        List<NodeAddress> bootstrap = new ArrayList<>();
        for (String address : new LinkedHashSet<>(config.get(BOOTSTRAP))) {
            try {
                bootstrap.add(NodeAddress.parse(address, "address"));
            } catch (InvalidRequestException e) {
                throw new IllegalArgumentException("Invalid value for " + prefix + BOOTSTRAP.name() + ": " + e.getMessage(), e);
            }
        }
        int k = config.get(K);
        if (k < 1 || k > MAX_K) {
            throw new IllegalArgumentException("Invalid value for " + prefix + K.name() + ": " + k
                    + "; use 1 to " + MAX_K + " (Kademlia's usual value is 20)");
        }
        int alpha = config.get(ALPHA);
        if (alpha < 1 || alpha > k) {
            throw new IllegalArgumentException("Invalid value for " + prefix + ALPHA.name() + ": " + alpha
                    + "; use 1 to k (" + k + "), usually 3");
        }
        Duration rpcTimeout = positive(config, RPC_TIMEOUT);
        Duration republish = positive(config, REPUBLISH_INTERVAL);
        Duration refresh = positive(config, REFRESH_INTERVAL);
        Duration ttl = config.find(RECORD_TTL).orElse(republish.multipliedBy(3));
        if (ttl.compareTo(republish) <= 0) {
            throw new IllegalArgumentException("Invalid value for " + prefix + RECORD_TTL.name() + ": " + show(ttl)
                    + " is not longer than " + prefix + REPUBLISH_INTERVAL.name() + " (" + show(republish)
                    + "), so records would expire before they are stored again; use about 3 times it, such as "
                    + show(republish.multipliedBy(3)));
        }
        if (ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("Invalid value for " + prefix + RECORD_TTL.name() + ": " + show(ttl)
                    + " is longer than 24h, the longest a peer keeps a record; use 24h or less");
        }
        return new DhtSettings(List.copyOf(bootstrap), k, alpha, rpcTimeout, republish, ttl, refresh, pinnedKeys(config));
    }

    private static Map<String, NodeKey> pinnedKeys(PluginConfig config) {
        String key = config.prefix() + "." + PINNED_KEYS.name();
        Map<String, NodeKey> pinned = new TreeMap<>();
        for (String entry : config.get(PINNED_KEYS)) {
            int equals = entry.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException("Invalid value for " + key + ": " + WireFormat.quote(entry)
                        + " is not id=public-key; write each pinned node as its id, '=' and its public key, such as"
                        + " alice=MCowBQYDK2VwAyEA...");
            }
            String id = entry.substring(0, equals).strip();
            String text = entry.substring(equals + 1).strip();
            try {
                NodeIds.validate(id, "node id");
            } catch (InvalidRequestException e) {
                throw new IllegalArgumentException("Invalid value for " + key + ": " + e.getMessage(), e);
            }
            NodeKey publicKey;
            try {
                publicKey = NodeKey.parse(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Invalid value for " + key + ": the key of " + WireFormat.quote(id) + " "
                        + e.getMessage(), e);
            }
            NodeKey before = pinned.put(id, publicKey);
            if (before != null && !before.equals(publicKey)) {
                throw new IllegalArgumentException("Invalid value for " + key + ": " + WireFormat.quote(id)
                        + " is pinned to two different keys; keep one");
            }
        }
        return Map.copyOf(pinned);
    }

    private static Duration positive(PluginConfig config, ConfigKey<Duration> key) {
        Duration value = config.get(key);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException("Invalid value for " + config.prefix() + "." + key.name() + ": "
                    + show(value) + "; use a positive duration such as 1s");
        }
        return value;
    }

    /** @return a duration as people configure it: {@code 500ms}, {@code 60s}, {@code 25h} */
    static String show(Duration duration) {
        long millis = duration.toMillis();
        if (millis > 0 && millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    /** @return the most requests one lookup sends */
    int maxQueries() {
        return 8 * k;
    }

    /** @return the time after which a lookup ends with what it has */
    Duration lookupDeadline() {
        return rpcTimeout.multipliedBy(4);
    }
}
