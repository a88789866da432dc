package org.gridplatform.plugin.discovery.dht;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * A 256-bit Kademlia identifier: the SHA-256 of a node id (a node's place in the key space) or of a
 * tag in normal form (where that tag's provider record lives). Distances are the XOR of two keys,
 * compared as unsigned numbers. Immutable.
 */
final class Key {

    /** Bits in a key, and so the number of buckets in a routing table. */
    static final int BITS = 256;
    /** Length of a key in hexadecimal digits, as it travels. */
    static final int HEX_LENGTH = BITS / 4;

    private static final HexFormat HEX = HexFormat.of();

    // Most significant word first.
    private final long w0;
    private final long w1;
    private final long w2;
    private final long w3;

    private Key(long w0, long w1, long w2, long w3) {
        this.w0 = w0;
        this.w1 = w1;
        this.w2 = w2;
        this.w3 = w3;
    }

    /** @return the SHA-256 of the UTF-8 bytes of {@code text} */
    static Key sha256(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return fromBytes(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }

    /**
     * @param hex exactly {@value #HEX_LENGTH} lower-case hexadecimal digits (checked by the caller)
     * @return the key
     */
    static Key fromHex(String hex) {
        return fromBytes(HEX.parseHex(hex));
    }

    /** @return a key drawn uniformly from the whole key space */
    static Key random(RandomGenerator random) {
        return new Key(random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong());
    }

    private static Key fromBytes(byte[] bytes) {
        return new Key(word(bytes, 0), word(bytes, 8), word(bytes, 16), word(bytes, 24));
    }

    private static long word(byte[] bytes, int from) {
        long value = 0;
        for (int i = from; i < from + 8; i++) {
            value = (value << 8) | (bytes[i] & 0xffL);
        }
        return value;
    }

    /** @return the key's 32 bytes, most significant first */
    byte[] toBytes() {
        byte[] bytes = new byte[BITS / 8];
        long[] words = {w0, w1, w2, w3};
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (words[i / 8] >>> (56 - 8 * (i % 8)));
        }
        return bytes;
    }

    /** @return the distance between this key and {@code other}: their bitwise XOR */
    Key xor(Key other) {
        return new Key(w0 ^ other.w0, w1 ^ other.w1, w2 ^ other.w2, w3 ^ other.w3);
    }

    /**
     * The index of the routing-table bucket that {@code other} falls in, seen from this key: the
     * position of the highest bit in which they differ, so that bucket {@code i} holds the keys at a
     * distance in [2<sup>i</sup>, 2<sup>i+1</sup>).
     *
     * @return 0 to 255, or -1 if the keys are equal
     */
    int bucketIndex(Key other) {
        long[] d = {w0 ^ other.w0, w1 ^ other.w1, w2 ^ other.w2, w3 ^ other.w3};
        for (int word = 0; word < 4; word++) {
            if (d[word] != 0) {
                return BITS - 1 - (word * 64 + Long.numberOfLeadingZeros(d[word]));
            }
        }
        return -1;
    }

    /**
     * @param bucket a bucket index, 0 to 255
     * @return a random key that falls in that bucket seen from this key: it differs from this key in
     *         bit {@code bucket}, agrees above it and is random below it
     */
    Key randomInBucket(int bucket, RandomGenerator random) {
        long[] distance = new long[4];
        int word = (BITS - 1 - bucket) / 64;
        int bitInWord = bucket % 64;
        long highBit = 1L << bitInWord;
        distance[word] = highBit | (random.nextLong() & (highBit - 1));
        for (int w = word + 1; w < 4; w++) {
            distance[w] = random.nextLong();
        }
        return new Key(w0 ^ distance[0], w1 ^ distance[1], w2 ^ distance[2], w3 ^ distance[3]);
    }

    /**
     * Compares the distances of {@code a} and {@code b} to this key, without allocating.
     *
     * @return negative if {@code a} is closer, positive if {@code b} is, zero if they are equal
     */
    int compareDistance(Key a, Key b) {
        int c = Long.compareUnsigned(a.w0 ^ w0, b.w0 ^ w0);
        if (c != 0) {
            return c;
        }
        c = Long.compareUnsigned(a.w1 ^ w1, b.w1 ^ w1);
        if (c != 0) {
            return c;
        }
        c = Long.compareUnsigned(a.w2 ^ w2, b.w2 ^ w2);
        return c != 0 ? c : Long.compareUnsigned(a.w3 ^ w3, b.w3 ^ w3);
    }

    /** @return an order of contacts by their distance to this key, closest first, ties by node id */
    Comparator<Contact> byDistance() {
        return (a, b) -> {
            int c = compareDistance(a.key(), b.key());
            return c != 0 ? c : a.nodeId().compareTo(b.nodeId());
        };
    }

    /** @return the key as {@value #HEX_LENGTH} lower-case hexadecimal digits */
    String hex() {
        return HEX.toHexDigits(w0) + HEX.toHexDigits(w1) + HEX.toHexDigits(w2) + HEX.toHexDigits(w3);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Key key && key.w0 == w0 && key.w1 == w1 && key.w2 == w2 && key.w3 == w3;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(w0) * 31 + Long.hashCode(w3);
    }

    @Override
    public String toString() {
        return hex();
    }
}
