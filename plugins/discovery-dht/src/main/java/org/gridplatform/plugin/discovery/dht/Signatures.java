package org.gridplatform.plugin.discovery.dht;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gridplatform.spi.discovery.NodeSigner;

/**
 * Checks Ed25519 signatures with the JDK ({@code java.security.Signature}), remembering the ones that
 * verified: the same node record comes with every answer of a peer, and the same provider record from
 * each of the k nodes that hold it, while one verification costs about half a millisecond. A remembered
 * signature is looked up by the SHA-256 of the key, the signed bytes and the signature together, so a
 * valid signature never passes for other bytes or another key.
 *
 * <p>Bounded (least recently used out first) and thread-safe.
 */
final class Signatures {

    /** Signatures remembered by a node. */
    static final int DEFAULT_CAPACITY = 16_384;

    private final Map<ByteBuffer, Boolean> verified;

    Signatures(int capacity) {
        this.verified = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<ByteBuffer, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * @param key       the public key
     * @param signed    the signed bytes
     * @param signature the signature as it travels: base64url without padding
     * @return whether {@code signature} is {@code key}'s signature of {@code signed}
     */
    boolean verify(NodeKey key, byte[] signed, String signature) {
        byte[] bytes;
        try {
            bytes = signature.length() == SignedRecord.SIGNATURE_TEXT_LENGTH ? Base64.getUrlDecoder().decode(signature) : null;
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (bytes == null) {
            return false;
        }
        ByteBuffer digest = ByteBuffer.wrap(digest(key.encoded(), signed, bytes));
        synchronized (verified) {
            if (verified.containsKey(digest)) {
                return true;
            }
        }
        boolean valid;
        try {
            Signature verifier = Signature.getInstance(NodeSigner.ALGORITHM);
            verifier.initVerify(key.publicKey());
            verifier.update(signed);
            valid = verifier.verify(bytes);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            valid = false;
        }
        if (valid) {
            synchronized (verified) {
                verified.put(digest, Boolean.TRUE);
            }
        }
        return valid;
    }

    private static byte[] digest(byte[] key, byte[] signed, byte[] signature) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(key);
            sha256.update(ByteBuffer.allocate(Integer.BYTES).putInt(signed.length).array());
            sha256.update(signed);
            sha256.update(signature);
            return sha256.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }
}
