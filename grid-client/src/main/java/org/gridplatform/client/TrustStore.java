package org.gridplatform.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.util.Collections;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The certificates a client trusts when it calls {@code https} servers: a PKCS12 file, for a grid whose
 * gateway and nodes have self-signed certificates or certificates of a private authority. Without one,
 * clients trust the JVM's default trust store (public authorities, or {@code -Djavax.net.ssl.trustStore}).
 * Host names are always checked against the certificates; there is no way to trust every certificate.
 *
 * <pre>{@code
 * TrustStore trust = TrustStore.load(Path.of("trust.p12"), System.getenv("GRID_TRUST_STORE_PASSWORD").toCharArray());
 * try (GatewayClient gateway = new GatewayClient(URI.create("https://127.0.0.1:8443"), Duration.ofSeconds(10),
 *         trust.sslContext())) {
 *     gateway.search(List.of("#iris"));
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class TrustStore {

    /** The environment variable of the {@code grid} command line that names a trust store. */
    public static final String PATH_ENV = "GRID_TRUST_STORE";
    /** The environment variable of the {@code grid} command line that holds the trust store's password. */
    public static final String PASSWORD_ENV = "GRID_TRUST_STORE_PASSWORD";

    private final Path file;
    private final char[] password;
    private final SSLContext context;

    private TrustStore(Path file, char[] password, SSLContext context) {
        this.file = file;
        this.password = password;
        this.context = context;
    }

    /**
     * Reads a trust store.
     *
     * @param file     a PKCS12 file of trusted certificates, such as one made by
     *                 {@code keytool -importcert -file server.pem -keystore trust.p12 -storetype PKCS12}
     * @param password its password, or {@code null} to read it without checking its integrity
     * @return the trust store
     * @throws IllegalArgumentException naming the file and what to fix
     */
    public static TrustStore load(Path file, char[] password) {
        Path path = file.toAbsolutePath().normalize();
        String what = "The trust store " + path;
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException(what + " is not a file: name a PKCS12 file of trusted certificates "
                    + "(keytool -importcert -file server.pem -keystore trust.p12 -storetype PKCS12)");
        }
        KeyStore store;
        try {
            store = KeyStore.getInstance(path.toFile(), password);
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " cannot be read" + (e.getCause() instanceof UnrecoverableKeyException
                    ? ": its password is wrong" : ": " + e.getMessage()), e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not a PKCS12 key store (" + e.getMessage() + ")", e);
        }
        try {
            boolean anyCertificate = false;
            for (String alias : Collections.list(store.aliases())) {
                anyCertificate |= store.getCertificate(alias) != null;
            }
            if (!anyCertificate && password == null) {
                // keytool encrypts the certificates of a PKCS12 file: without the password they cannot be seen.
                throw new IllegalArgumentException(what + " shows no certificate without its password: give the password");
            }
            if (!anyCertificate) {
                throw new IllegalArgumentException(what + " holds no certificate: import the servers' certificates "
                        + "(or their authority's) with keytool -importcert");
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return new TrustStore(path, password == null ? null : password.clone(), context);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(what + " cannot be used: " + e.getMessage(), e);
        }
    }

    /** @return the file, as an absolute path */
    public Path file() {
        return file;
    }

    /** @return a copy of its password, or {@code null} if it was read without one */
    public char[] password() {
        return password == null ? null : password.clone();
    }

    /** @return a TLS context that trusts exactly this store's certificates, for the clients' constructors */
    public SSLContext sslContext() {
        return context;
    }

    @Override
    public String toString() {
        return "TrustStore[" + file + "]";
    }
}
