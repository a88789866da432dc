package org.gridplatform.plugin.discovery.dht;

import static org.assertj.core.api.Assertions.assertThat;

import org.gridplatform.api.NodeAddress;
import org.gridplatform.spi.discovery.NodeSigner;
import org.junit.jupiter.api.Test;

class ProviderStoreTest {

    private static final Key IRIS = Key.sha256("iris");
    private static final Key MNIST = Key.sha256("mnist");
    private static final NodeSigner SIGNER = NodeSigner.generate();

    private static Contact contact(String id) {
        return Contact.of(id, NodeAddress.parse("http://" + id + ".test:8181", "address"));
    }

    /** A record of {@code id} for {@code key}, signed at {@code issuedAt} and living {@code ttl} milliseconds. */
    private static ProviderRecord record(Key key, String id, long issuedAt, long ttl) {
        return ProviderRecord.sign(key, contact(id), SIGNER, NodeKey.of(SIGNER.publicKey()), issuedAt, issuedAt + ttl);
    }

    @Test
    void providersAreListedByIdWithTheAgeOfTheirRecordUntilTheyExpire() {
        ProviderStore store = new ProviderStore(10, 100);
        store.put(record(IRIS, "b", 1_000, 5_000), 1_000);
        store.put(record(IRIS, "a", 2_000, 5_000), 2_000);

        assertThat(store.get(IRIS, 3_000)).containsExactly(
                new ProviderStore.Reported(record(IRIS, "a", 2_000, 5_000), 1_000),
                new ProviderStore.Reported(record(IRIS, "b", 1_000, 5_000), 2_000));
        assertThat(store.get(IRIS, 6_000)).extracting(ProviderStore.Reported::contact).containsExactly(contact("a"));
        assertThat(store.get(IRIS, 7_000)).isEmpty();
        assertThat(store.keyCount()).isZero();
        assertThat(store.providerCount()).isZero();
    }

    @Test
    void aNewerRecordReplacesTheOldOneAndAnOlderOneDoesNot() {
        ProviderStore store = new ProviderStore(10, 100);
        store.put(record(IRIS, "a", 0, 5_000), 0);
        store.put(record(IRIS, "a", 4_000, 5_000), 4_000);

        assertThat(store.get(IRIS, 8_000)).containsExactly(new ProviderStore.Reported(record(IRIS, "a", 4_000, 5_000), 4_000));
        assertThat(store.put(record(IRIS, "a", 1_000, 5_000), 8_500)).as("a replay of an older record").isTrue();
        assertThat(store.get(IRIS, 8_500)).extracting(reported -> reported.record().issuedAt()).containsExactly(4_000L);
        assertThat(store.providerCount()).isEqualTo(1);
    }

    @Test
    void aFullRecordKeepsItsProvidersAndRefusesNewcomersUntilSomeExpire() {
        ProviderStore store = new ProviderStore(2, 100);
        assertThat(store.put(record(IRIS, "a", 0, 5_000), 0)).isTrue();
        assertThat(store.put(record(IRIS, "b", 0, 10_000), 0)).isTrue();

        assertThat(store.put(record(IRIS, "c", 1_000, 5_000), 1_000)).isFalse();
        assertThat(store.put(record(IRIS, "a", 1_000, 5_000), 1_000)).as("a refresh is always taken").isTrue();
        assertThat(store.put(record(IRIS, "c", 7_000, 5_000), 7_000)).as("a expired at 6000").isTrue();
        assertThat(store.get(IRIS, 7_000)).extracting(reported -> reported.contact().nodeId()).containsExactly("b", "c");
    }

    @Test
    void theWholeStoreIsBounded() {
        ProviderStore store = new ProviderStore(10, 2);
        assertThat(store.put(record(IRIS, "a", 0, 5_000), 0)).isTrue();
        assertThat(store.put(record(MNIST, "a", 0, 5_000), 0)).isTrue();
        assertThat(store.put(record(MNIST, "b", 0, 5_000), 0)).isFalse();
        assertThat(store.put(record(MNIST, "b", 5_000, 5_000), 5_000)).isTrue();
        assertThat(store.providerCount()).isEqualTo(1);
    }
}
