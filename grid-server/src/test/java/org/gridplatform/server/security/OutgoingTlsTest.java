package org.gridplatform.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutgoingTlsTest {

    @TempDir
    static Path dir;

    private static TestCertificates node;

    @BeforeAll
    static void makeCertificate() throws Exception {
        node = TestCertificates.make(dir, "node", "IP:127.0.0.1,DNS:localhost");
    }

    @Test
    void withoutATrustStoreTheJvmsDefaultIsUsed() throws Exception {
        assertThat(OutgoingTls.read(key -> null)).isSameAs(SSLContext.getDefault());
    }

    @Test
    void aTrustStoreGivesAContextOfItsOwn() throws Exception {
        SSLContext context = OutgoingTls.read(Map.of(OutgoingTls.TRUST_STORE_KEY, node.trustStore().toString(),
                OutgoingTls.TRUST_STORE_PASSWORD_KEY, node.password())::get);
        assertThat(context).isNotSameAs(SSLContext.getDefault());
    }

    @Test
    void aPasswordWithoutAStoreIsAMistake() {
        assertThatThrownBy(() -> OutgoingTls.read(Map.of(OutgoingTls.TRUST_STORE_PASSWORD_KEY, "secret")::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("grid.tls.trust-store-password is set but grid.tls.trust-store is not: name the PKCS12 trust store too, "
                        + "or drop the password");
    }

    @Test
    void aMissingFileSaysHowToMakeOne() {
        Path missing = dir.resolve("missing.p12");
        assertThatThrownBy(() -> OutgoingTls.read(Map.of(OutgoingTls.TRUST_STORE_KEY, missing.toString())::get))
                .hasMessage("grid.tls.trust-store " + missing + " is not a file: name a PKCS12 trust store "
                        + "(keytool -importcert -file server.pem -keystore trust.p12 -storetype PKCS12)");
    }

    @Test
    void aWrongPasswordIsNamed() {
        assertThatThrownBy(() -> OutgoingTls.read(Map.of(OutgoingTls.TRUST_STORE_KEY, node.trustStore().toString(),
                OutgoingTls.TRUST_STORE_PASSWORD_KEY, "wrong")::get))
                .hasMessage("grid.tls.trust-store " + node.trustStore() + " cannot be read: the password "
                        + "(grid.tls.trust-store-password) is wrong");
    }

    @Test
    void withoutThePasswordKeytoolsEncryptedCertificatesCannotBeSeen() {
        assertThatThrownBy(() -> OutgoingTls.read(Map.of(OutgoingTls.TRUST_STORE_KEY, node.trustStore().toString())::get))
                .hasMessage("grid.tls.trust-store " + node.trustStore() + " shows no certificate without its password: "
                        + "set grid.tls.trust-store-password");
    }

    @Test
    void aTextFileIsNoTrustStore() throws Exception {
        Path text = Files.writeString(dir.resolve("trust.txt"), "-----BEGIN CERTIFICATE-----");
        assertThatThrownBy(() -> OutgoingTls.read(Map.of(OutgoingTls.TRUST_STORE_KEY, text.toString())::get))
                .hasMessageStartingWith("grid.tls.trust-store " + text + " is not a PKCS12 key store (");
    }
}
