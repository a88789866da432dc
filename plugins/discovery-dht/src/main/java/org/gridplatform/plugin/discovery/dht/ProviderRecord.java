package org.gridplatform.plugin.discovery.dht;

import org.gridplatform.spi.discovery.NodeSigner;

/**
 * A node's signed statement that it provides a key (holds a dataset with the tag whose SHA-256 the key
 * is), valid until it expires. The publisher signs it; the k nodes closest to the key hold it and hand
 * it out unchanged, so that every searcher can check it for itself.
 *
 * <p>Signed bytes: {@code text("grid-dht-provider-v1") bytes(key) text(id) text(address) bytes(public-key)
 * number(issued-at) number(expires-at)} in the encoding of {@link SignedBytes}, the key as its 32 bytes.
 *
 * @param key      the key provided
 * @param provider the node that provides it
 */
record ProviderRecord(Key key, Contact provider, NodeKey publicKey, long issuedAt, long expiresAt, String signature)
        implements SignedRecord {

    static final String DOMAIN = "grid-dht-provider-v1";

    /** @return the local node's record for a key, signed now */
    static ProviderRecord sign(Key key, Contact self, NodeSigner signer, NodeKey publicKey, long issuedAt, long expiresAt) {
        ProviderRecord unsigned = new ProviderRecord(key, self, publicKey, issuedAt, expiresAt, "");
        return new ProviderRecord(key, self, publicKey, issuedAt, expiresAt,
                SignedRecord.encodeSignature(signer.sign(unsigned.signedBytes())));
    }

    @Override
    public Contact contact() {
        return provider;
    }

    @Override
    public byte[] signedBytes() {
        return SignedBytes.of(DOMAIN).bytes(key.toBytes()).text(provider.nodeId()).text(provider.address().toString())
                .bytes(publicKey.encoded()).number(issuedAt).number(expiresAt).toBytes();
    }

    @Override
    public String kind() {
        return "provider record";
    }
}
