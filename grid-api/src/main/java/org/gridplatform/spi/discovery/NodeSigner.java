package org.gridplatform.spi.discovery;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.EdECKey;

/**
 * The node's own signing key, kept by the host: a strategy signs what it announces in the node's name
 * (the {@code dht} strategy signs its provider records and node records with it), and peers check the
 * signatures with {@link #publicKey()}. The private key stays with the host; strategies only ask for
 * signatures.
 *
 * <p>The algorithm is Ed25519 (RFC 8032) as the JDK implements it ({@code java.security}, algorithm
 * name {@value #ALGORITHM}). Grid's node WAR keeps the key pair in {@code <data-dir>/.node-key}, made at
 * the first start (owner read/write only), so that a restarted node keeps its identity.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public interface NodeSigner {

    /** The JCA name of the signature algorithm: {@value}. */
    String ALGORITHM = "Ed25519";

    /**
     * @return the public key, an Ed25519 key whose {@link PublicKey#getEncoded()} is its X.509
     *         {@code SubjectPublicKeyInfo} (44 bytes); never {@code null}
     */
    PublicKey publicKey();

    /**
     * Signs bytes with the node's private key.
     *
     * @param data the bytes to sign, never {@code null}
     * @return the Ed25519 signature, 64 bytes
     */
    byte[] sign(byte[] data);

    /**
     * A signer with a new key pair that lives in memory only: for tests, and for strategies whose host
     * keeps no key (the node then has a new identity after every restart).
     *
     * @return the signer
     */
    static NodeSigner generate() {
        try {
            return of(KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This Java runtime has no " + ALGORITHM + " (every JDK from 15 on has)", e);
        }
    }

    /**
     * A signer over a key pair that the caller holds (a host that read it from its storage).
     *
     * @param keys an {@value #ALGORITHM} key pair
     * @return the signer
     * @throws IllegalArgumentException if the keys are not {@value #ALGORITHM} keys
     */
    static NodeSigner of(KeyPair keys) {
        PublicKey publicKey = keys.getPublic();
        PrivateKey privateKey = keys.getPrivate();
        if (!isEd25519(publicKey) || !isEd25519(privateKey)) {
            throw new IllegalArgumentException("A node signer needs an " + ALGORITHM + " key pair, not "
                    + publicKey.getAlgorithm() + "/" + privateKey.getAlgorithm());
        }
        return new NodeSigner() {
            @Override
            public PublicKey publicKey() {
                return publicKey;
            }

            @Override
            public byte[] sign(byte[] data) {
                try {
                    Signature signature = Signature.getInstance(ALGORITHM);
                    signature.initSign(privateKey);
                    signature.update(data);
                    return signature.sign();
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("Could not sign with the node's " + ALGORITHM + " key", e);
                }
            }
        };
    }

    private static boolean isEd25519(java.security.Key key) {
        return key instanceof EdECKey ed && ALGORITHM.equalsIgnoreCase(ed.getParams().getName());
    }
}
