package org.gridplatform.server.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate made at test time with the running JDK's {@code keytool} (no private key is
 * committed): the key store of a server, and a trust store holding only its certificate.
 *
 * @param keyStore   the server's PKCS12 key store
 * @param trustStore a PKCS12 trust store of its certificate
 * @param password   both stores' password
 */
public record TestCertificates(Path keyStore, Path trustStore, String password) {

    /**
     * @param dir  where to write the files
     * @param name the files' base name and the key's alias
     * @param san  the subject alternative names, such as {@code IP:127.0.0.1,DNS:localhost}
     * @return the files
     */
    public static TestCertificates make(Path dir, String name, String san) throws IOException, InterruptedException {
        TestCertificates made = new TestCertificates(dir.resolve(name + ".p12"), dir.resolve(name + "-trust.p12"), "pass-" + name);
        Path pem = dir.resolve(name + ".pem");
        made.keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-validity", "2", "-ext", "SAN=" + san, "-storetype", "PKCS12", "-keystore", made.keyStore.toString());
        made.keytool("-exportcert", "-rfc", "-alias", name, "-file", pem.toString(), "-keystore", made.keyStore.toString());
        made.keytool("-importcert", "-noprompt", "-alias", name, "-file", pem.toString(), "-storetype", "PKCS12",
                "-keystore", made.trustStore.toString());
        return made;
    }

    private void keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-J-XX:TieredStopAtLevel=1"));
        command.addAll(List.of(arguments));
        command.addAll(List.of("-storepass:env", "STORE_PASSWORD"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("STORE_PASSWORD", password);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool " + String.join(" ", arguments) + " failed: " + output);
        }
    }
}
