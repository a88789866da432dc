package org.gridplatform.plugin.discovery.dht;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class KeyTest {

    private static final String ZERO = "0".repeat(64);

    @Test
    void keysAreTheSha256OfTheText() {
        assertThat(Key.sha256("abc").hex())
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Key.sha256("iris")).isEqualTo(Key.sha256("iris")).isNotEqualTo(Key.sha256("Iris"));
    }

    @Test
    void hexRoundTrips() {
        Key key = Key.random(new Random(1));
        assertThat(Key.fromHex(key.hex())).isEqualTo(key);
        assertThat(key.hex()).hasSize(Key.HEX_LENGTH).matches("[0-9a-f]{64}");
    }

    @Test
    void distanceIsTheXor() {
        Key a = Key.fromHex("f0" + "0".repeat(62));
        Key b = Key.fromHex("0f" + "0".repeat(61) + "1");
        assertThat(a.xor(b).hex()).isEqualTo("ff" + "0".repeat(61) + "1");
        assertThat(a.xor(a).hex()).isEqualTo(ZERO);
        assertThat(a.xor(b)).isEqualTo(b.xor(a));
    }

    @Test
    void theBucketIndexIsTheHighestDifferingBit() {
        Key zero = Key.fromHex(ZERO);
        assertThat(zero.bucketIndex(zero)).isEqualTo(-1);
        assertThat(zero.bucketIndex(Key.fromHex("0".repeat(63) + "1"))).isEqualTo(0);
        assertThat(zero.bucketIndex(Key.fromHex("0".repeat(63) + "2"))).isEqualTo(1);
        assertThat(zero.bucketIndex(Key.fromHex("0".repeat(63) + "3"))).isEqualTo(1);
        assertThat(zero.bucketIndex(Key.fromHex("0".repeat(47) + "1" + "0".repeat(16)))).isEqualTo(64);
        assertThat(zero.bucketIndex(Key.fromHex("8" + "0".repeat(63)))).isEqualTo(255);
        assertThat(zero.bucketIndex(Key.fromHex("f".repeat(64)))).isEqualTo(255);
        assertThat(zero.bucketIndex(Key.fromHex("01" + "f".repeat(62)))).isEqualTo(248);
    }

    @Test
    void aRandomKeyInABucketFallsInThatBucket() {
        Random random = new Random(7);
        Key self = Key.random(random);
        for (int bucket = 0; bucket < Key.BITS; bucket++) {
            assertThat(self.bucketIndex(self.randomInBucket(bucket, random))).as("bucket %d", bucket).isEqualTo(bucket);
        }
    }

    @Test
    void distancesCompareAsUnsignedNumbers() {
        Key target = Key.fromHex(ZERO);
        Key near = Key.fromHex("0".repeat(63) + "1");
        Key far = Key.fromHex("8" + "0".repeat(63)); // the sign bit of the first word
        Key middle = Key.fromHex("0".repeat(16) + "8" + "0".repeat(47));
        assertThat(target.compareDistance(near, far)).isNegative();
        assertThat(target.compareDistance(far, middle)).isPositive();
        assertThat(target.compareDistance(middle, middle)).isZero();
        // Seen from far, near is as far as can be.
        assertThat(far.compareDistance(near, target)).isPositive();
    }
}
