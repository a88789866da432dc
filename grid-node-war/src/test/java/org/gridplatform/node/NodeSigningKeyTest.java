package org.gridplatform.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Signature;
import org.gridplatform.spi.discovery.NodeSigner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeSigningKeyTest {

    private static final byte[] DATA = "grid".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dataDir;

    private static boolean verifies(NodeSigner signer) throws Exception {
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(signer.publicKey());
        verifier.update(DATA);
        return verifier.verify(signer.sign(DATA));
    }

    @Test
    void theKeyIsMadeOnceOwnerOnlyAndKeptAcrossRestarts() throws Exception {
        NodeSigner first = NodeSigningKey.loadOrCreate(dataDir);
        NodeSigner again = NodeSigningKey.loadOrCreate(dataDir);

        Path file = dataDir.resolve(".node-key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).startsWith("-----BEGIN PRIVATE KEY-----\n")
                .contains("-----END PRIVATE KEY-----\n-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
        assertThat(again.publicKey()).isEqualTo(first.publicKey());
        assertThat(verifies(again)).isTrue();
        try (var files = Files.list(dataDir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(".node-key");
        }
    }

    @Test
    void aKeyFileReadableByOthersIsMadeOwnerOnly() throws Exception {
        NodeSigningKey.loadOrCreate(dataDir);
        Path file = dataDir.resolve(".node-key");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        NodeSigningKey.loadOrCreate(dataDir);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void aBrokenKeyFileStopsTheNodeSayingWhatToDo() throws Exception {
        Files.writeString(dataDir.resolve(".node-key"), "not a key");
        assertThatThrownBy(() -> NodeSigningKey.loadOrCreate(dataDir))
                .isInstanceOf(IOException.class)
                .hasMessage(dataDir.resolve(".node-key") + " is not this node's signing key: it lacks its PRIVATE KEY block."
                        + " Restore it from a backup, or delete it to make a new one; peers then refuse this node's records"
                        + " under its id until its old records expire (grid.discovery.dht.record-ttl)");

        // Two halves of different pairs.
        String one = Files.readString(NodeSigningKeyTest.made(dataDir.resolve("a")));
        String two = Files.readString(NodeSigningKeyTest.made(dataDir.resolve("b")));
        Files.writeString(dataDir.resolve(".node-key"), one.substring(0, one.indexOf("-----BEGIN PUBLIC KEY-----"))
                + two.substring(two.indexOf("-----BEGIN PUBLIC KEY-----")));
        assertThatThrownBy(() -> NodeSigningKey.loadOrCreate(dataDir))
                .hasMessageContaining("is not this node's signing key: its public key does not belong to its private key.");
    }

    private static Path made(Path dir) throws IOException {
        NodeSigningKey.loadOrCreate(dir);
        return dir.resolve(".node-key");
    }
}
