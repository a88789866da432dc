package org.gridplatform.plugin.discovery.dht;

import org.gridplatform.spi.discovery.NodeSigner;

/**
 * A node's signed statement of its own id, address and public key, valid for a while. Every answer a
 * node gives carries its current one, so that the caller learns, from the address it called, which key
 * speaks for that node id; the node signs a new one when the current one is a third through its life.
 *
 * <p>Signed bytes: {@code text("grid-dht-node-v1") text(id) text(address) bytes(public-key) number(issued-at)
 * number(expires-at)} in the encoding of {@link SignedBytes}.
 */
record NodeRecord(Contact contact, NodeKey publicKey, long issuedAt, long expiresAt, String signature)
        implements SignedRecord {

    static final String DOMAIN = "grid-dht-node-v1";

    /** @return the node's record, signed now */
    static NodeRecord sign(Contact self, NodeSigner signer, NodeKey publicKey, long issuedAt, long expiresAt) {
        NodeRecord unsigned = new NodeRecord(self, publicKey, issuedAt, expiresAt, "");
        return new NodeRecord(self, publicKey, issuedAt, expiresAt,
                SignedRecord.encodeSignature(signer.sign(unsigned.signedBytes())));
    }

    @Override
    public byte[] signedBytes() {
        return SignedBytes.of(DOMAIN).text(contact.nodeId()).text(contact.address().toString())
                .bytes(publicKey.encoded()).number(issuedAt).number(expiresAt).toBytes();
    }

    @Override
    public String kind() {
        return "node record";
    }
}
