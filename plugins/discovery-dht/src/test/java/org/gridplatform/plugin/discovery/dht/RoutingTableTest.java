package org.gridplatform.plugin.discovery.dht;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.gridplatform.api.NodeAddress;
import org.junit.jupiter.api.Test;

class RoutingTableTest {

    private final Contact self = contact("self");
    private final AtomicLong clock = new AtomicLong(1_000);
    private final List<Contact> pinged = new ArrayList<>();
    private CompletableFuture<Contact> nextPing = new CompletableFuture<>();
    private RoutingTable table;

    private RoutingTable table(int k) {
        // As DhtNode does: the pinger reports the outcome to the table before its future completes.
        table = new RoutingTable(self, k, clock::get, contact -> {
            pinged.add(contact);
            return nextPing.whenComplete((answer, failure) -> {
                if (failure == null) {
                    table.seen(contact);
                } else {
                    table.failed(contact);
                }
            });
        });
        return table;
    }

    private static Contact contact(String id) {
        return Contact.of(id, NodeAddress.parse("http://" + id + ".test:8181", "address"));
    }

    /** @return {@code count} contacts that all fall in the farthest bucket (255) seen from self */
    private List<Contact> farContacts(int count) {
        List<Contact> far = new ArrayList<>();
        for (int i = 0; far.size() < count; i++) {
            Contact c = contact("n" + i);
            if (self.key().bucketIndex(c.key()) == 255) {
                far.add(c);
            }
        }
        return far;
    }

    @Test
    void contactsGoToTheBucketOfTheirDistanceLeastRecentlySeenFirst() {
        table(3);
        List<Contact> far = farContacts(3);
        for (Contact c : far) {
            clock.incrementAndGet();
            table.seen(c);
        }
        assertThat(table.bucket(255)).containsExactlyElementsOf(far);
        table.seen(far.get(0)); // seen again: moves to the tail
        assertThat(table.bucket(255)).containsExactly(far.get(1), far.get(2), far.get(0));
        assertThat(table.size()).isEqualTo(3);
        table.seen(self);
        assertThat(table.size()).as("the local node is never stored").isEqualTo(3);
    }

    @Test
    void aFullBucketEvictsTheLeastRecentlySeenContactWhenItFailsAPing() {
        table(3);
        List<Contact> far = farContacts(4);
        far.subList(0, 3).forEach(table::seen);

        table.seen(far.get(3));

        assertThat(pinged).containsExactly(far.get(0));
        assertThat(table.bucket(255)).as("unchanged while the ping is in flight").containsExactlyElementsOf(far.subList(0, 3));
        nextPing.completeExceptionally(new RpcFailure("no answer in time"));
        assertThat(table.bucket(255)).containsExactly(far.get(1), far.get(2), far.get(3));
    }

    @Test
    void aFullBucketKeepsTheLeastRecentlySeenContactWhenItAnswers() {
        table(3);
        List<Contact> far = farContacts(4);
        far.subList(0, 3).forEach(table::seen);

        table.seen(far.get(3));
        nextPing.complete(far.get(0));

        assertThat(pinged).containsExactly(far.get(0));
        assertThat(table.bucket(255)).as("the old contact stays, moved to the tail; the newcomer is dropped")
                .containsExactly(far.get(1), far.get(2), far.get(0));
    }

    @Test
    void onlyOnePingPerBucketIsInFlightAndTheLatestNewcomerWaits() {
        table(2);
        List<Contact> far = farContacts(5);
        table.seen(far.get(0));
        table.seen(far.get(1));
        table.seen(far.get(2));
        table.seen(far.get(3));
        table.seen(far.get(4));
        assertThat(pinged).containsExactly(far.get(0));
        nextPing.completeExceptionally(new RpcFailure("no answer in time"));
        assertThat(table.bucket(255)).containsExactly(far.get(1), far.get(4));
    }

    @Test
    void aFailedContactIsPingedFirstAndOnceStaleIsOfferedLast() {
        table(3);
        List<Contact> far = farContacts(4);
        far.subList(0, 3).forEach(table::seen);
        Contact target = far.get(2);

        table.failed(target);
        assertThat(table.bucket(255)).startsWith(target);
        assertThat(table.closest(target.key(), 1)).as("one failure may be a lost message").containsExactly(target);

        table.failed(target);
        assertThat(table.closest(target.key(), 3)).as("stale contacts come after every fresh one")
                .endsWith(target).hasSize(3);
        assertThat(table.closest(target.key(), 2)).doesNotContain(target);
        table.seen(far.get(3));
        assertThat(pinged).containsExactly(target);
        nextPing.completeExceptionally(new RpcFailure("no answer in time"));
        assertThat(table.bucket(255)).containsExactly(far.get(0), far.get(1), far.get(3));
    }

    @Test
    void aStaleContactIsFreshAgainWhenItAnswers() {
        table(3);
        Contact c = farContacts(1).get(0);
        table.seen(c);
        table.failed(c);
        assertThat(table.find(c.nodeId()).orElseThrow().failures()).isEqualTo(1);
        table.seen(c);
        assertThat(table.find(c.nodeId()).orElseThrow().failures()).isZero();
    }

    @Test
    void aLiveContactKeepsItsAddressAStaleOneTakesTheNewOne() {
        table(3);
        Contact c = farContacts(1).get(0);
        Contact moved = Contact.of(c.nodeId(), NodeAddress.parse("http://elsewhere.test:8181", "address"));
        table.seen(c);

        table.seen(moved);
        assertThat(table.find(c.nodeId()).orElseThrow().contact().address()).isEqualTo(c.address());

        table.failed(c);
        table.seen(moved);
        assertThat(table.find(c.nodeId()).orElseThrow().contact().address()).isEqualTo(moved.address());
    }

    @Test
    void closestSortsByXorDistanceAndLeavesOutTheExcludedNode() {
        table(20);
        List<Contact> all = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            all.add(contact("c" + i));
        }
        all.forEach(table::seen);
        Key target = Key.sha256("some tag");
        List<Contact> stored = table.snapshot().stream().map(RoutingTable.Snapshot::contact).toList();
        List<Contact> expected = stored.stream().sorted(target.byDistance()).limit(5).toList();

        assertThat(table.closest(target, 5)).containsExactlyElementsOf(expected);
        assertThat(table.closest(target, 5, expected.get(0).nodeId())).doesNotContain(expected.get(0)).hasSize(5);
    }

    @Test
    void removeDropsAContact() {
        table(3);
        Contact c = farContacts(1).get(0);
        table.seen(c);
        assertThat(table.remove(c.nodeId())).isTrue();
        assertThat(table.remove(c.nodeId())).isFalse();
        assertThat(table.size()).isZero();
    }

    @Test
    void bucketsToRefreshStartAtTheClosestNonEmptyBucket() {
        table(3);
        Contact c = farContacts(1).get(0);
        table.seen(c);
        assertThat(table.bucketsToRefresh(clock.get() + 1)).containsExactly(255);
        table.lookedUp(c.key());
        assertThat(table.bucketsToRefresh(clock.get())).isEmpty();
    }
}
