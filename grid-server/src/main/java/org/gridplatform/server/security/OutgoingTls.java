package org.gridplatform.server.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Collections;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

/**
 * Whom the server's own HTTPS calls trust: its calls to nodes and DHT peers (searches, health sweeps)
 * and a node's joins to its gateway. By default the JVM's default trust store (in Payara Micro its
 * bundled {@code cacerts.p12} of public certificate authorities, or {@code -Djavax.net.ssl.trustStore});
 * with {@value #TRUST_STORE_KEY} exactly the certificates of that PKCS12 file, for a grid whose servers
 * have self-signed certificates or certificates of a private authority. The host name is always
 * checked against the certificate; there is no way to trust every certificate.
 */
public final class OutgoingTls {

    /** The key naming a PKCS12 trust store, instead of the JVM's default one. */
    public static final String TRUST_STORE_KEY = "grid.tls.trust-store";
    /** The key of the trust store's password (optional: without it the store's integrity is not checked). */
    public static final String TRUST_STORE_PASSWORD_KEY = "grid.tls.trust-store-password";

    private OutgoingTls() {
    }

    /**
     * @param value a key's configured value, or {@code null}
     * @return the context of the server's outgoing calls
     * @throws IllegalArgumentException naming the key and what to fix, if the trust store cannot be used
     */
    public static SSLContext read(Function<String, String> value) {
        String store = value.apply(TRUST_STORE_KEY);
        if (store == null || store.isBlank()) {
            if (value.apply(TRUST_STORE_PASSWORD_KEY) != null) {
                throw new IllegalArgumentException(TRUST_STORE_PASSWORD_KEY + " is set but " + TRUST_STORE_KEY
                        + " is not: name the PKCS12 trust store too, or drop the password");
            }
            try {
                return SSLContext.getDefault();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("The JVM has no default TLS context: " + e.getMessage(), e);
            }
        }
        String password = value.apply(TRUST_STORE_PASSWORD_KEY);
        return trusting(Path.of(store.strip()), password == null ? null : password.toCharArray());
    }

    /**
     * Says why a call's TLS handshake failed, in words for a log or a health report: no class names, and
     * what to change.
     *
     * @param failure the handshake's failure
     * @return for example "TLS: the certificate is not trusted; add it (or its authority) to grid.tls.trust-store"
     */
    public static String describe(SSLHandshakeException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertificateExpiredException) {
                return "TLS: the certificate has expired";
            }
            if (cause instanceof CertificateNotYetValidException) {
                return "TLS: the certificate is not valid yet";
            }
            if (cause instanceof CertPathBuilderException || cause instanceof CertPathValidatorException) {
                return "TLS: the certificate is not trusted; add it (or its authority) to " + TRUST_STORE_KEY;
            }
            String message = cause.getMessage();
            if (cause instanceof CertificateException && message != null
                    && (message.startsWith("No subject alternative") || message.startsWith("No name matching"))) {
                return "TLS: the certificate does not name the host called (subjectAltName)";
            }
        }
        String message = failure.getMessage();
        return "TLS: the handshake failed" + (message == null || message.contains("Exception") ? "" : " (" + message + ")");
    }

    /**
     * @param file     a PKCS12 file of trusted certificates
     * @param password its password, or {@code null} to read it without checking its integrity
     * @return a context that trusts exactly these certificates
     * @throws IllegalArgumentException naming the file and what to fix
     */
    static SSLContext trusting(Path file, char[] password) {
        String what = TRUST_STORE_KEY + " " + file;
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(what + " is not a file: name a PKCS12 trust store "
                    + "(keytool -importcert -file server.pem -keystore trust.p12 -storetype PKCS12)");
        }
        KeyStore store;
        try {
            store = KeyStore.getInstance(file.toFile(), password);
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " cannot be read" + (e.getCause() instanceof java.security.UnrecoverableKeyException
                    ? ": the password (" + TRUST_STORE_PASSWORD_KEY + ") is wrong" : " as a key store: " + e.getMessage()), e);
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
                throw new IllegalArgumentException(what + " shows no certificate without its password: set "
                        + TRUST_STORE_PASSWORD_KEY);
            }
            if (!anyCertificate) {
                throw new IllegalArgumentException(what + " holds no certificate: import the servers' certificates "
                        + "(or their authority's) with keytool -importcert");
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (KeyStoreException | NoSuchAlgorithmException | java.security.KeyManagementException e) {
            throw new IllegalArgumentException(what + " cannot be used: " + e.getMessage(), e);
        }
    }
}
