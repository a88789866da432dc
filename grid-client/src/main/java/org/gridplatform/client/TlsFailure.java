package org.gridplatform.client;

import java.io.IOException;
import java.net.URI;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import javax.net.ssl.SSLException;

/** Says in words, with what to change, why an {@code https} call failed: the JDK's messages name classes and PKIX internals. */
final class TlsFailure {

    private static final String TRUST_HINT = "give the client a trust store that holds the certificate or its authority "
            + "(grid command line: --trust-store FILE or " + TrustStore.PATH_ENV + "; Java: TrustStore.load(...).sslContext())";

    private TlsFailure() {
    }

    /**
     * @param failure the TLS failure
     * @param uri     what was called
     * @return why, such as "the certificate of 127.0.0.1:8443 is not trusted ...; give the client a trust store ..."
     */
    static String describe(SSLException failure, URI uri) {
        String server = uri.getAuthority();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertificateExpiredException) {
                return "the certificate of " + server + " has expired (" + cause.getMessage() + ")";
            }
            if (cause instanceof CertificateNotYetValidException) {
                return "the certificate of " + server + " is not valid yet (" + cause.getMessage() + ")";
            }
            if (cause instanceof CertPathBuilderException || cause instanceof CertPathValidatorException) {
                return "the certificate of " + server + " is not trusted: it is self-signed or issued by an authority "
                        + "that this client does not trust; " + TRUST_HINT;
            }
            String message = cause.getMessage();
            if (cause instanceof CertificateException && message != null
                    && (message.startsWith("No subject alternative") || message.startsWith("No name matching"))) {
                return "the certificate of " + server + " does not name " + uri.getHost() + " (" + message
                        + "); call the server by a name its certificate lists, or give it a certificate with "
                        + "subjectAltName " + (uri.getHost().matches("[0-9.]+|\\[.*]") ? "IP:" : "DNS:") + uri.getHost();
            }
        }
        String message = failure.getMessage();
        if (message != null && message.contains("Unsupported or unrecognized SSL message")) {
            return "the TLS handshake with " + server + " failed: it does not speak HTTPS (try http:// instead)";
        }
        return "the TLS handshake with " + server + " failed" + (message == null ? "" : " (" + message + ")");
    }

    /**
     * A plain {@code http} call to an HTTPS port gets no HTTP answer at all: say so.
     *
     * @param failure the failure
     * @param uri     what was called
     * @return a hint to append, or an empty string
     */
    static String plainHttpHint(IOException failure, URI uri) {
        String message = failure.getMessage();
        boolean noAnswer = message != null && (message.contains("received no bytes") || message.contains("Connection reset"));
        return noAnswer && "http".equalsIgnoreCase(uri.getScheme())
                ? " (if " + uri.getAuthority() + " serves HTTPS, use https://)" : "";
    }
}
