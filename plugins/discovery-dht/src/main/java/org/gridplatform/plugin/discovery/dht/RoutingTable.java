package org.gridplatform.plugin.discovery.dht;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * A Kademlia routing table: 256 k-buckets, bucket {@code i} holding up to {@code k} contacts at an
 * XOR distance in [2<sup>i</sup>, 2<sup>i+1</sup>) from the local key, least-recently seen first.
 *
 * <p>A contact is {@link #seen} whenever it answers us or sends us a message. When its bucket is
 * full, the least-recently seen contact is pinged: if it answers it stays (and moves to the tail)
 * and the newcomer is dropped; if it fails it is evicted and the newcomer takes its place. While a
 * bucket's ping is in flight, the latest newcomer waits as that bucket's one replacement candidate.
 * Old contacts are thus preferred, as in the Kademlia paper: nodes that have been up long tend to
 * stay up.
 *
 * <p>A contact whose RPC failed moves to the head of its bucket, so that it is the next one pinged
 * when a newcomer arrives; after {@value #STALE_AFTER_FAILURES} failures in a row it is stale, and
 * {@link #closest} offers it only when too few fresh contacts are known. It is not dropped on
 * timeouts alone, so that a short network outage on our side does not empty the table.
 *
 * <p>Thread-safe: every method holds the table's lock briefly; pings are sent outside it.
 */
final class RoutingTable {

    /**
     * Failed RPCs in a row after which {@link #closest} offers a contact only when too few others are
     * known: one lost message is common and says little, two in a row usually mean the node is gone.
     */
    static final int STALE_AFTER_FAILURES = 2;

    /** A contact as this table knows it. Guarded by the table's lock. */
    static final class Entry {
        private Contact contact;
        private final long joinedAt;
        private long lastSeen;
        private int failures;

        Entry(Contact contact, long now) {
            this.contact = contact;
            this.joinedAt = now;
            this.lastSeen = now;
        }
    }

    /** A snapshot of an entry, for listings. */
    record Snapshot(Contact contact, long joinedAt, long lastSeen, int failures) {
    }

    private static final class Bucket {
        final List<Entry> entries = new ArrayList<>(); // head: least-recently seen
        Contact candidate;                              // waits while the head is pinged
        boolean pinging;
        long lastLookup;
    }

    private final Contact self;
    private final int k;
    private final LongSupplier clock;
    private final Function<Contact, CompletableFuture<?>> pinger;
    private final Bucket[] buckets = new Bucket[Key.BITS];
    private final long createdAt;
    private int size;

    /**
     * @param self   the local node, never stored
     * @param k      the bucket size
     * @param clock  the time in milliseconds
     * @param pinger pings a contact; the future fails if it does not answer. The pinger is expected to
     *               report the outcome back through {@link #seen} or {@link #failed} as every RPC does;
     *               the table only reads whether the future failed.
     */
    RoutingTable(Contact self, int k, LongSupplier clock, Function<Contact, CompletableFuture<?>> pinger) {
        this.self = self;
        this.k = k;
        this.clock = clock;
        this.pinger = pinger;
        this.createdAt = clock.getAsLong();
    }

    /** @return the bucket, created when first needed (most of the 256 stay empty) */
    private Bucket bucketAt(int index) {
        Bucket bucket = buckets[index];
        if (bucket == null) {
            bucket = new Bucket();
            bucket.lastLookup = createdAt;
            buckets[index] = bucket;
        }
        return bucket;
    }

    /**
     * Records that a contact answered or sent a message: refreshes it, adds it, or (bucket full)
     * starts the least-recently-seen check.
     */
    void seen(Contact contact) {
        Contact toPing = null;
        int index = self.key().bucketIndex(contact.key());
        if (index < 0 || contact.nodeId().equals(self.nodeId())) {
            return;
        }
        synchronized (this) {
            Bucket bucket = bucketAt(index);
            long now = clock.getAsLong();
            int at = indexOf(bucket, contact.nodeId());
            if (at >= 0) {
                Entry entry = bucket.entries.remove(at);
                if (!entry.contact.address().equals(contact.address()) && entry.failures > 0) {
                    // Moved: believe the new address only once the old one stopped answering, so that a
                    // peer cannot take over a live node's id by claiming it.
                    entry.contact = contact;
                }
                if (entry.contact.address().equals(contact.address())) {
                    entry.lastSeen = now;
                    entry.failures = 0;
                }
                bucket.entries.add(entry);
            } else if (bucket.entries.size() < k) {
                bucket.entries.add(new Entry(contact, now));
                size++;
            } else {
                bucket.candidate = contact;
                if (!bucket.pinging) {
                    bucket.pinging = true;
                    toPing = bucket.entries.get(0).contact;
                }
            }
        }
        if (toPing != null) {
            Contact oldest = toPing;
            CompletableFuture<?> ping;
            try {
                ping = pinger.apply(oldest);
            } catch (RuntimeException e) {
                ping = CompletableFuture.failedFuture(e);
            }
            ping.whenComplete((answer, failure) -> pinged(index, oldest, failure == null));
        }
    }

    private synchronized void pinged(int index, Contact oldest, boolean answered) {
        Bucket bucket = bucketAt(index);
        bucket.pinging = false;
        Contact candidate = bucket.candidate;
        bucket.candidate = null;
        if (answered || candidate == null) {
            return; // the oldest stays (seen() already moved it to the tail); the newcomer is dropped
        }
        int at = indexOf(bucket, oldest.nodeId());
        if (at >= 0 && bucket.entries.get(at).failures > 0) {
            bucket.entries.remove(at);
            size--;
        }
        if (bucket.entries.size() < k && indexOf(bucket, candidate.nodeId()) < 0) {
            bucket.entries.add(new Entry(candidate, clock.getAsLong()));
            size++;
        }
    }

    /** Records that an RPC to a contact failed (timeout, refusal, bad answer). */
    synchronized void failed(Contact contact) {
        int index = self.key().bucketIndex(contact.key());
        if (index < 0) {
            return;
        }
        Bucket bucket = buckets[index];
        int at = indexOf(bucket, contact.nodeId());
        if (at >= 0 && bucket.entries.get(at).contact.address().equals(contact.address())) {
            Entry entry = bucket.entries.remove(at);
            entry.failures++;
            bucket.entries.add(0, entry);
        }
    }

    /** @return whether the node was in the table */
    synchronized boolean remove(String nodeId) {
        Key key = Key.sha256(nodeId);
        int index = self.key().bucketIndex(key);
        if (index < 0) {
            return false;
        }
        Bucket bucket = buckets[index];
        int at = indexOf(bucket, nodeId);
        if (at < 0) {
            return false;
        }
        bucket.entries.remove(at);
        size--;
        return true;
    }

    /**
     * @param target a key
     * @param count  how many contacts at most
     * @return the contacts closest to {@code target}, closest first, leaving out stale ones unless
     *         fewer than {@code count} others are known (they then come last)
     */
    List<Contact> closest(Key target, int count) {
        return closest(target, count, null);
    }

    /**
     * As {@link #closest(Key, int)}, leaving out the node with id {@code excludedId} (may be null).
     *
     * <p>Reads only the buckets it needs. Seen from the local key, with {@code i} the bucket of the
     * target: contacts in bucket {@code i} are closer to the target than 2<sup>i</sup>; those in the
     * buckets below {@code i} are all at a distance in [2<sup>i</sup>, 2<sup>i+1</sup>); those in a
     * bucket {@code j > i} at a distance in [2<sup>j</sup>, 2<sup>j+1</sup>). So the buckets are read
     * in that order until enough fresh contacts are in hand, and only those are sorted.
     */
    List<Contact> closest(Key target, int count, String excludedId) {
        List<Contact> fresh = new ArrayList<>();
        List<Contact> stale = new ArrayList<>();
        int i = self.key().bucketIndex(target);
        synchronized (this) {
            if (i >= 0) {
                gather(buckets[i], excludedId, fresh, stale);
            }
            if (fresh.size() < count) {
                for (int j = Math.max(i, 0) - 1; j >= 0; j--) {
                    gather(buckets[j], excludedId, fresh, stale);
                }
            }
            for (int j = i + 1; j < buckets.length && fresh.size() < count; j++) {
                gather(buckets[j], excludedId, fresh, stale);
            }
        }
        Comparator<Contact> byDistance = target.byDistance();
        List<Contact> closest = smallest(fresh, count, byDistance);
        if (closest.size() < count && !stale.isEmpty()) {
            closest = new ArrayList<>(closest);
            closest.addAll(smallest(stale, count - closest.size(), byDistance));
        }
        return closest;
    }

    private static void gather(Bucket bucket, String excludedId, List<Contact> fresh, List<Contact> stale) {
        if (bucket == null) {
            return;
        }
        for (Entry entry : bucket.entries) {
            if (!entry.contact.nodeId().equals(excludedId)) {
                (entry.failures < STALE_AFTER_FAILURES ? fresh : stale).add(entry.contact);
            }
        }
    }

    private static List<Contact> smallest(List<Contact> contacts, int count, Comparator<Contact> order) {
        contacts.sort(order);
        return contacts.size() <= count ? contacts : contacts.subList(0, count);
    }

    /** Records that a lookup for {@code target} ran, so that its bucket need not be refreshed. */
    synchronized void lookedUp(Key target) {
        int index = self.key().bucketIndex(target);
        if (index >= 0) {
            bucketAt(index).lastLookup = clock.getAsLong();
        }
    }

    /**
     * The buckets to refresh: those from the closest non-empty one outwards that saw no lookup since
     * {@code before}. Buckets closer than our closest neighbour are empty because the key space there
     * is (almost surely) empty; refreshing them would cost lookups and find nothing.
     *
     * @return bucket indices, ascending
     */
    synchronized List<Integer> bucketsToRefresh(long before) {
        List<Integer> stale = new ArrayList<>();
        int lowest = closestBucket();
        if (lowest < 0) {
            return stale;
        }
        for (int i = lowest; i < buckets.length; i++) {
            long lastLookup = buckets[i] == null ? createdAt : buckets[i].lastLookup;
            if (lastLookup < before) {
                stale.add(i);
            }
        }
        return stale;
    }

    /** @return the index of the closest non-empty bucket, or -1 if the table is empty */
    synchronized int closestBucket() {
        for (int i = 0; i < buckets.length; i++) {
            if (buckets[i] != null && !buckets[i].entries.isEmpty()) {
                return i;
            }
        }
        return -1;
    }

    /** @return every entry, in no particular order */
    synchronized List<Snapshot> snapshot() {
        List<Snapshot> all = new ArrayList<>(size);
        for (Bucket bucket : buckets) {
            if (bucket != null) {
                for (Entry entry : bucket.entries) {
                    all.add(new Snapshot(entry.contact, entry.joinedAt, entry.lastSeen, entry.failures));
                }
            }
        }
        return all;
    }

    /** @return the entry of a node, if the table holds it */
    synchronized Optional<Snapshot> find(String nodeId) {
        int index = self.key().bucketIndex(Key.sha256(nodeId));
        Bucket bucket = index < 0 ? null : buckets[index];
        int at = indexOf(bucket, nodeId);
        if (at < 0) {
            return Optional.empty();
        }
        Entry entry = bucket.entries.get(at);
        return Optional.of(new Snapshot(entry.contact, entry.joinedAt, entry.lastSeen, entry.failures));
    }

    /** @return the contacts of one bucket, least-recently seen first (for tests) */
    synchronized List<Contact> bucket(int index) {
        return buckets[index] == null ? List.of() : buckets[index].entries.stream().map(entry -> entry.contact).toList();
    }

    /** @return the number of contacts */
    synchronized int size() {
        return size;
    }

    private static int indexOf(Bucket bucket, String nodeId) {
        if (bucket == null) {
            return -1;
        }
        List<Entry> entries = bucket.entries;
        for (int i = 0; i < entries.size(); i++) {
            if (Objects.equals(entries.get(i).contact.nodeId(), nodeId)) {
                return i;
            }
        }
        return -1;
    }
}
