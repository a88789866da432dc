package org.gridplatform.client.cli;

import java.nio.file.Path;
import java.util.Optional;
import org.gridplatform.client.TrustStore;
import org.gridplatform.client.launch.ServerKey;
import org.gridplatform.client.launch.ServerTls;
import picocli.CommandLine.Option;

/**
 * The TLS options of the commands that run servers: an HTTPS listener with a PKCS12 key store, plain HTTP
 * off, and the trust store of the servers' own calls. Passwords come from files or the environment, never
 * from the command line, where {@code ps} shows them.
 */
final class ServerTlsOptions {

    /** The environment variable that holds the key store's password. */
    static final String KEY_STORE_PASSWORD_ENV = "GRID_KEY_STORE_PASSWORD";

    @Option(names = "--https-port", paramLabel = "PORT",
            description = "Serve HTTPS on this port of 127.0.0.1, with the key of --key-store.")
    Integer httpsPort;

    @Option(names = "--key-store", paramLabel = "FILE", defaultValue = "${env:GRID_KEY_STORE}",
            description = "A PKCS12 file with the server's private key and a certificate naming 127.0.0.1 (default: $GRID_KEY_STORE). "
                    + "Its password: $GRID_KEY_STORE_PASSWORD or --key-store-password-file.")
    Path keyStore;

    @Option(names = "--key-store-password-file", paramLabel = "FILE",
            description = "A file whose first line is the key store's password (default: $GRID_KEY_STORE_PASSWORD).")
    Path keyStorePasswordFile;

    @Option(names = "--key-alias", paramLabel = "ALIAS",
            description = "The key to serve, if the key store holds several.")
    String keyAlias;

    @Option(names = "--no-http", description = "Turn the plain HTTP listener off: HTTPS only.")
    boolean noHttp;

    /**
     * @param defaultHttpsPort the HTTPS port when a key store is given without {@code --https-port}, or
     *                         {@code null} if {@code --https-port} is then required
     * @return the HTTPS port, or 0 without a key store
     * @throws IllegalArgumentException if the options do not fit together
     */
    int httpsPort(Integer defaultHttpsPort) {
        if (keyStore == null) {
            if (httpsPort != null) {
                throw new IllegalArgumentException("--https-port needs --key-store: the PKCS12 file with the server's key and certificate");
            }
            if (noHttp) {
                throw new IllegalArgumentException("--no-http needs --key-store: a server without HTTP and HTTPS serves nothing");
            }
            return 0;
        }
        Integer port = httpsPort != null ? httpsPort : defaultHttpsPort;
        if (port == null) {
            throw new IllegalArgumentException("--key-store needs --https-port: the port that serves HTTPS, such as 8443");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("--https-port must be 1 to 65535, but is " + port);
        }
        return port;
    }

    /**
     * @param trust the trust store of the servers' own calls, or {@code null}
     * @return the servers' TLS
     * @throws IllegalArgumentException saying what to fix
     */
    ServerTls serverTls(TrustStore trust) {
        if (keyStore == null) {
            return new ServerTls(null, !noHttp, trust);
        }
        String password = keyStorePasswordFile != null
                ? TrustOptions.readPassword(keyStorePasswordFile, "--key-store-password-file")
                : Optional.ofNullable(System.getenv(KEY_STORE_PASSWORD_ENV)).filter(p -> !p.isEmpty()).orElseThrow(() ->
                        new IllegalArgumentException("--key-store " + keyStore + " needs its password: set " + KEY_STORE_PASSWORD_ENV
                                + " or pass --key-store-password-file FILE"));
        return new ServerTls(ServerKey.load(keyStore, password.toCharArray(), keyAlias), !noHttp, trust);
    }
}
