package org.gridplatform.plugin.discovery.dht;

import static org.assertj.core.api.Assertions.assertThat;

import org.gridplatform.api.NodeAddress;
import org.junit.jupiter.api.Test;

class ProviderStoreTest {

    private static final Key IRIS = Key.sha256("iris");
    private static final Key MNIST = Key.sha256("mnist");

    private static Contact contact(String id) {
        return Contact.of(id, NodeAddress.parse("http://" + id + ".test:8181", "address"));
    }

    @Test
    void providersAreListedByIdWithTheAgeOfTheirRecordUntilTheyExpire() {
        ProviderStore store = new ProviderStore(10, 100);
        store.put(IRIS, contact("b"), 1_000, 5_000);
        store.put(IRIS, contact("a"), 2_000, 5_000);

        assertThat(store.get(IRIS, 3_000)).containsExactly(
                new ProviderStore.Reported(contact("a"), 1_000), new ProviderStore.Reported(contact("b"), 2_000));
        assertThat(store.get(IRIS, 6_000)).containsExactly(new ProviderStore.Reported(contact("a"), 4_000));
        assertThat(store.get(IRIS, 7_000)).isEmpty();
        assertThat(store.keyCount()).isZero();
        assertThat(store.providerCount()).isZero();
    }

    @Test
    void storingAgainExtendsTheRecord() {
        ProviderStore store = new ProviderStore(10, 100);
        store.put(IRIS, contact("a"), 0, 5_000);
        store.put(IRIS, contact("a"), 4_000, 5_000);

        assertThat(store.get(IRIS, 8_000)).containsExactly(new ProviderStore.Reported(contact("a"), 4_000));
        assertThat(store.providerCount()).isEqualTo(1);
    }

    @Test
    void aFullRecordKeepsItsProvidersAndRefusesNewcomersUntilSomeExpire() {
        ProviderStore store = new ProviderStore(2, 100);
        assertThat(store.put(IRIS, contact("a"), 0, 5_000)).isTrue();
        assertThat(store.put(IRIS, contact("b"), 0, 10_000)).isTrue();

        assertThat(store.put(IRIS, contact("c"), 1_000, 5_000)).isFalse();
        assertThat(store.put(IRIS, contact("a"), 1_000, 5_000)).as("a refresh is always taken").isTrue();
        assertThat(store.put(IRIS, contact("c"), 7_000, 5_000)).as("a expired at 6000").isTrue();
        assertThat(store.get(IRIS, 7_000)).extracting(reported -> reported.contact().nodeId()).containsExactly("b", "c");
    }

    @Test
    void theWholeStoreIsBounded() {
        ProviderStore store = new ProviderStore(10, 2);
        assertThat(store.put(IRIS, contact("a"), 0, 5_000)).isTrue();
        assertThat(store.put(MNIST, contact("a"), 0, 5_000)).isTrue();
        assertThat(store.put(MNIST, contact("b"), 0, 5_000)).isFalse();
        assertThat(store.put(MNIST, contact("b"), 5_000, 5_000)).isTrue();
        assertThat(store.providerCount()).isEqualTo(1);
    }
}
