package org.gridplatform.plugin.discovery.dht;

import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * A statement that a node signs about itself and peers pass on: who it is (its contact), its public key,
 * when it was signed and until when it holds, and the signature over {@link #signedBytes()}. Peers check
 * it with {@link #problem}; they never need to trust whoever passed it on.
 */
sealed interface SignedRecord permits NodeRecord, ProviderRecord {

    /** Length of an Ed25519 signature in base64url without padding (64 bytes). */
    int SIGNATURE_TEXT_LENGTH = 86;

    /** @return the node the record speaks for: its id and address */
    Contact contact();

    /** @return the node's public key, which made {@link #signature()} */
    NodeKey publicKey();

    /** @return when the node signed it, in milliseconds since the epoch (the node's clock) */
    long issuedAt();

    /** @return when it stops holding, in milliseconds since the epoch (the node's clock) */
    long expiresAt();

    /** @return the Ed25519 signature of {@link #signedBytes()}, base64url without padding */
    String signature();

    /** @return the canonical bytes the signature covers (see {@link SignedBytes}) */
    byte[] signedBytes();

    /** @return the kind of record, for messages: "node record", "provider record" */
    String kind();

    /**
     * Checks the record's lifetime and signature.
     *
     * @param now the local time in milliseconds
     * @return why the record is refused, or empty if it holds
     */
    default Optional<String> problem(Signatures signatures, long now) {
        if (expiresAt() <= issuedAt() || expiresAt() - issuedAt() > DhtSettings.MAX_TTL.toMillis()) {
            return Optional.of("its lifetime from issued-at to expires-at must be more than 0 and at most "
                    + DhtSettings.show(DhtSettings.MAX_TTL));
        }
        if (issuedAt() > now + DhtSettings.MAX_CLOCK_SKEW.toMillis()) {
            return Optional.of("it was issued at " + Instant.ofEpochMilli(issuedAt()) + ", later than this node's time "
                    + Instant.ofEpochMilli(now) + " (plus " + DhtSettings.show(DhtSettings.MAX_CLOCK_SKEW)
                    + " for clock differences); check the publisher's clock");
        }
        if (expiresAt() <= now) {
            return Optional.of("it expired at " + Instant.ofEpochMilli(expiresAt()) + ", before this node's time "
                    + Instant.ofEpochMilli(now));
        }
        if (!signatures.verify(publicKey(), signedBytes(), signature())) {
            return Optional.of("its signature does not verify with its public-key: the record was altered, or not signed"
                    + " by that key");
        }
        return Optional.empty();
    }

    /** @return a signature as it travels */
    static String encodeSignature(byte[] signature) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    }
}
