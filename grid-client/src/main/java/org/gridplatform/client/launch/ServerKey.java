package org.gridplatform.client.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The private key and certificate that a server's HTTPS listener serves: one key entry of a PKCS12
 * key store, checked before the server starts, so that a wrong password or an unsuitable certificate
 * is one clear message rather than a server that never becomes ready.
 *
 * <p>Payara Micro reads the key with the store's password, so the key must have the same password
 * (as {@code keytool -genkeypair -storetype PKCS12} makes it). The certificate must name
 * {@code 127.0.0.1} (subjectAltName {@code IP:127.0.0.1}): the servers listen there, and the launcher,
 * the other servers and the clients check the name. Immutable.
 */
public final class ServerKey {

    /** Where every launched server listens, so the name its certificate must carry. */
    static final String LOOPBACK = "127.0.0.1";

    private final Path file;
    private final char[] password;
    private final String alias;
    private final List<X509Certificate> chain;

    private ServerKey(Path file, char[] password, String alias, List<X509Certificate> chain) {
        this.file = file;
        this.password = password;
        this.alias = alias;
        this.chain = chain;
    }

    /**
     * Reads and checks a server's key.
     *
     * @param file     a PKCS12 key store, such as one made by {@code keytool -genkeypair -alias grid -keyalg EC
     *                 -dname CN=localhost -ext SAN=IP:127.0.0.1,DNS:localhost -storetype PKCS12 -keystore server.p12}
     * @param password the store's password (the key's too)
     * @param alias    the key entry to serve, or {@code null} if the store holds exactly one key
     * @return the key
     * @throws IllegalArgumentException naming the file and what to fix
     */
    public static ServerKey load(Path file, char[] password, String alias) {
        Path path = file.toAbsolutePath().normalize();
        String what = "The key store " + path;
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException(what + " is not a file: name the PKCS12 file with the server's key and certificate");
        }
        if (password == null || password.length == 0) {
            throw new IllegalArgumentException(what + " needs its password (GRID_KEY_STORE_PASSWORD or --key-store-password-file)");
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
        if (!"PKCS12".equalsIgnoreCase(store.getType())) {
            throw new IllegalArgumentException(what + " is a " + store.getType() + " key store; Payara Micro needs PKCS12: "
                    + "convert it with keytool -importkeystore -srckeystore " + path.getFileName()
                    + " -destkeystore server.p12 -deststoretype PKCS12");
        }
        try {
            String chosen = choose(store, alias, what);
            try {
                store.getKey(chosen, password);
            } catch (UnrecoverableKeyException e) {
                throw new IllegalArgumentException(what + ": the key '" + chosen + "' has another password than the store; "
                        + "Payara Micro needs one password for both (keytool -keypasswd -alias " + chosen + ")", e);
            }
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate certificate : store.getCertificateChain(chosen)) {
                chain.add((X509Certificate) certificate);
            }
            check(chain.getFirst(), what + ": the certificate of '" + chosen + "'");
            return new ServerKey(path, password.clone(), chosen, List.copyOf(chain));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(what + " cannot be used: " + e.getMessage(), e);
        }
    }

    private static String choose(KeyStore store, String alias, String what) throws GeneralSecurityException {
        List<String> keys = new ArrayList<>();
        for (String name : Collections.list(store.aliases())) {
            if (store.isKeyEntry(name) && store.getCertificateChain(name) != null) {
                keys.add(name);
            }
        }
        if (alias != null) {
            return keys.stream().filter(k -> k.equalsIgnoreCase(alias)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                    what + " has no key '" + alias + "'" + (keys.isEmpty() ? "" : "; its keys: " + String.join(", ", keys))));
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException(what + " holds no private key with a certificate: make one with keytool -genkeypair "
                    + "(see docs/security.md)");
        }
        if (keys.size() > 1) {
            throw new IllegalArgumentException(what + " holds several keys (" + String.join(", ", keys.stream().sorted().toList())
                    + "): choose one with --key-alias");
        }
        return keys.getFirst();
    }

    private static void check(X509Certificate certificate, String what) {
        try {
            certificate.checkValidity();
        } catch (CertificateExpiredException e) {
            throw new IllegalArgumentException(what + " expired on " + certificate.getNotAfter().toInstant() + ": make a new one", e);
        } catch (CertificateNotYetValidException e) {
            throw new IllegalArgumentException(what + " is valid only from " + certificate.getNotBefore().toInstant(), e);
        }
        if (!names(certificate).contains("IP:" + LOOPBACK)) {
            throw new IllegalArgumentException(what + " does not name " + LOOPBACK + ", where the server listens and where "
                    + "clients check it" + (names(certificate).isEmpty() ? "" : " (it names " + String.join(", ", names(certificate)) + ")")
                    + ": make it with keytool -genkeypair ... -ext SAN=IP:127.0.0.1,DNS:localhost");
        }
    }

    /** @return the certificate's subject alternative names as {@code IP:...} and {@code DNS:...} */
    private static List<String> names(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> name : alternatives) {
                    int type = (Integer) name.get(0);
                    if (type == 2) {
                        names.add("DNS:" + name.get(1).toString().toLowerCase(Locale.ROOT));
                    } else if (type == 7) {
                        names.add("IP:" + name.get(1));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // no readable names: reported as none
        }
        return names;
    }

    /** @return the key store, as an absolute path */
    public Path file() {
        return file;
    }

    /** @return the alias of the key entry served */
    public String alias() {
        return alias;
    }

    /** @return the certificate served */
    public X509Certificate certificate() {
        return chain.getFirst();
    }

    /** @return a copy of the store's password, for the server's configuration */
    char[] password() {
        return password.clone();
    }

    /**
     * @return a TLS context that trusts this server's own certificate chain (host names checked as
     *         always): what the launcher's readiness probe uses, whoever issued the certificate
     */
    SSLContext trustingItself() {
        try {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            for (int i = 0; i < chain.size(); i++) {
                trusted.setCertificateEntry("server-" + i, chain.get(i));
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot build a TLS context for the certificate of " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "ServerKey[" + file + ", alias " + alias + "]";
    }
}
