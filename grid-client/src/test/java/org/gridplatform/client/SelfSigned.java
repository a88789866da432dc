package org.gridplatform.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Self-signed certificates made at test time with the running JDK's {@code keytool}, so that no private key
 * is ever committed: a PKCS12 key store with the key, the certificate as PEM, and a PKCS12 trust store
 * holding only that certificate. The passwords reach keytool through its environment, as the docs advise.
 *
 * @param keyStore      the server's key store ({@code <name>.p12})
 * @param password      its password
 * @param alias         the key's alias
 * @param certificate   the certificate, PEM ({@code <name>.pem})
 * @param trustStore    a trust store of the certificate alone ({@code <name>-trust.p12})
 * @param trustPassword its password
 */
public record SelfSigned(Path keyStore, String password, String alias, Path certificate, Path trustStore, String trustPassword) {

    /** What the servers of the tests need: both names of the loopback interface. */
    public static final String LOOPBACK_NAMES = "IP:127.0.0.1,DNS:localhost";

    /**
     * @param dir  where to write the files
     * @param name the files' base name and the key's alias
     * @param san  the certificate's subject alternative names, such as {@value #LOOPBACK_NAMES}, or {@code null} for none
     * @return the files
     */
    public static SelfSigned make(Path dir, String name, String san) throws IOException, InterruptedException {
        SelfSigned made = new SelfSigned(dir.resolve(name + ".p12"), "store-" + name, name, dir.resolve(name + ".pem"),
                dir.resolve(name + "-trust.p12"), "trust-" + name);
        List<String> generate = new ArrayList<>(List.of("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore", made.keyStore.toString(),
                "-storepass:env", "STORE_PASSWORD"));
        if (san != null) {
            generate.addAll(List.of("-ext", "SAN=" + san));
        }
        made.keytool(generate);
        made.keytool(List.of("-exportcert", "-rfc", "-alias", name, "-file", made.certificate.toString(),
                "-keystore", made.keyStore.toString(), "-storepass:env", "STORE_PASSWORD"));
        made.keytool(List.of("-importcert", "-noprompt", "-alias", name, "-file", made.certificate.toString(), "-storetype", "PKCS12",
                "-keystore", made.trustStore.toString(), "-storepass:env", "TRUST_PASSWORD"));
        return made;
    }

    /**
     * Adds another key to the key store.
     *
     * @param alias the new key's alias
     */
    public void addKey(String alias) throws IOException, InterruptedException {
        keytool(List.of("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-validity", "2", "-ext", "SAN=" + LOOPBACK_NAMES, "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                "-storepass:env", "STORE_PASSWORD"));
    }

    /**
     * Runs keytool of the running JDK.
     *
     * @param arguments its arguments; {@code :env} passwords come from STORE_PASSWORD and TRUST_PASSWORD
     */
    public void keytool(List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.add("-J-XX:TieredStopAtLevel=1");
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("STORE_PASSWORD", password);
        builder.environment().put("TRUST_PASSWORD", trustPassword);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool " + String.join(" ", arguments) + " failed: " + output);
        }
    }

    /** @return the key store's password */
    public char[] passwordChars() {
        return password.toCharArray();
    }
}
