package org.gridplatform.spi.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.Signature;
import org.junit.jupiter.api.Test;

class NodeSignerTest {

    private static final byte[] DATA = "grid".getBytes(StandardCharsets.UTF_8);

    @Test
    void aGeneratedSignerSignsWithEd25519AndItsPublicKeyVerifies() throws Exception {
        NodeSigner signer = NodeSigner.generate();

        byte[] signature = signer.sign(DATA);

        assertThat(signature).hasSize(64);
        assertThat(signer.publicKey().getEncoded()).hasSize(44);
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(signer.publicKey());
        verifier.update(DATA);
        assertThat(verifier.verify(signature)).isTrue();
        assertThat(NodeSigner.generate().publicKey()).isNotEqualTo(signer.publicKey());
    }

    @Test
    void aSignerNeedsAnEd25519KeyPair() throws Exception {
        var ed448 = KeyPairGenerator.getInstance("Ed448").generateKeyPair();
        assertThatThrownBy(() -> NodeSigner.of(ed448))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A node signer needs an Ed25519 key pair, not EdDSA/EdDSA");
    }

    @Test
    void aLocalNodeOfAnOlderHostHasNoSigner() {
        LocalNode old = new LocalNode() {
            @Override
            public String nodeId() {
                return "Bob";
            }

            @Override
            public org.gridplatform.api.NodeAddress address() {
                return org.gridplatform.api.NodeAddress.parse("http://127.0.0.1:8181", "address");
            }

            @Override
            public java.util.Set<String> tags() {
                return java.util.Set.of();
            }
        };
        assertThat(old.signer()).isEmpty();
    }
}
