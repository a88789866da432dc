package org.gridplatform.client.launch;

import org.gridplatform.client.TrustStore;

/**
 * The TLS of a launched server: the key its HTTPS listener serves (Payara Micro's {@code --sslport}
 * listener), whether its plain HTTP listener stays on, and the trust store of its own calls to nodes,
 * peers and its gateway ({@code grid.tls.trust-store}).
 *
 * @param key   the key and certificate of the HTTPS listener, or {@code null} for no HTTPS listener
 * @param http  whether the plain HTTP listener is on; it can be off only with an HTTPS listener
 * @param trust whom the server's own {@code https} calls trust, or {@code null} for the JVM's default trust store
 */
public record ServerTls(ServerKey key, boolean http, TrustStore trust) {

    /** Plain HTTP only, and the JVM's default trust store: how servers ran before TLS. */
    public static final ServerTls NONE = new ServerTls(null, true, null);

    /** Checks that the server serves something. */
    public ServerTls {
        if (!http && key == null) {
            throw new IllegalArgumentException("Plain HTTP can be turned off only when the server serves HTTPS: give it a key store");
        }
    }

    /**
     * @param key the key and certificate to serve
     * @return HTTPS beside plain HTTP, trusting the JVM's default trust store
     */
    public static ServerTls https(ServerKey key) {
        return new ServerTls(key, true, null);
    }

    /** @return whether the server has an HTTPS listener */
    public boolean https() {
        return key != null;
    }

    /** @return the same without the plain HTTP listener */
    public ServerTls withoutHttp() {
        return new ServerTls(key, false, trust);
    }

    /**
     * @param trust whom the server's own calls trust, or {@code null} for the JVM's default
     * @return the same with that trust store
     */
    public ServerTls trusting(TrustStore trust) {
        return new ServerTls(key, http, trust);
    }
}
