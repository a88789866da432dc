package org.gridplatform.plugin.discovery.dht;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import org.gridplatform.spi.discovery.NodeSigner;

/**
 * A node's public signing key as it travels: an Ed25519 key in its X.509 SubjectPublicKeyInfo encoding
 * (44 bytes), written as base64url without padding (59 characters). Equal when the bytes are. Immutable.
 */
final class NodeKey {

    /** Length of an Ed25519 SubjectPublicKeyInfo. */
    static final int ENCODED_LENGTH = 44;
    /** Length of its text. */
    static final int TEXT_LENGTH = 59;
    static final String RULE = "an Ed25519 public key: its X.509 SubjectPublicKeyInfo in base64url without padding ("
            + TEXT_LENGTH + " characters)";

    private final byte[] encoded;
    private final String text;
    private volatile PublicKey decoded;

    private NodeKey(byte[] encoded, PublicKey decoded) {
        this.encoded = encoded;
        this.text = Base64.getUrlEncoder().withoutPadding().encodeToString(encoded);
        this.decoded = decoded;
    }

    /** @return the key of a signer */
    static NodeKey of(PublicKey key) {
        byte[] encoded = key.getEncoded();
        if (encoded == null || encoded.length != ENCODED_LENGTH) {
            throw new IllegalArgumentException("The node's public key is not an " + NodeSigner.ALGORITHM + " key");
        }
        return new NodeKey(encoded, key);
    }

    /**
     * @param text the key as it travels
     * @return the key
     * @throws IllegalArgumentException if it is not {@link #RULE}
     */
    static NodeKey parse(String text) {
        byte[] encoded;
        try {
            encoded = text.length() == TEXT_LENGTH ? Base64.getUrlDecoder().decode(text) : null;
        } catch (IllegalArgumentException e) {
            encoded = null;
        }
        if (encoded == null || encoded.length != ENCODED_LENGTH) {
            throw new IllegalArgumentException("must be " + RULE);
        }
        NodeKey key = new NodeKey(encoded, null);
        key.publicKey(); // refuses what is not an Ed25519 key now, not at the first signature
        return key;
    }

    /** @return the SubjectPublicKeyInfo bytes (a copy) */
    byte[] encoded() {
        return encoded.clone();
    }

    /** @return the key, for {@link java.security.Signature#initVerify} */
    PublicKey publicKey() {
        PublicKey key = decoded;
        if (key == null) {
            try {
                key = KeyFactory.getInstance(NodeSigner.ALGORITHM).generatePublic(new X509EncodedKeySpec(encoded));
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("must be " + RULE, e);
            }
            decoded = key;
        }
        return key;
    }

    /** @return the key as it travels */
    String text() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NodeKey key && Arrays.equals(key.encoded, encoded);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encoded);
    }

    @Override
    public String toString() {
        return text;
    }
}
