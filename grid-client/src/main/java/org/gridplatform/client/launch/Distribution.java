package org.gridplatform.client.launch;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the runnable parts are: Payara Micro and the two WARs, side by side in one directory
 * ({@code grid-client/target/dist} after {@code mvn package}), plus the Java runtime that runs them.
 *
 * @param dir the directory holding {@code payara-micro.jar}, {@code grid-gateway.war} and {@code grid-node.war}
 */
public record Distribution(Path dir) {

    /** The system property naming the distribution directory. */
    public static final String PROPERTY = "grid.dist";

    /**
     * Finds the distribution: the {@value #PROPERTY} system property, else the directory of the
     * jar this class was loaded from.
     *
     * @return the distribution
     * @throws IllegalStateException saying how to build it if its files are missing
     */
    public static Distribution locate() {
        Path dir = Optional.ofNullable(System.getProperty(PROPERTY)).map(Path::of).orElseGet(Distribution::ownDirectory);
        Distribution dist = new Distribution(dir.toAbsolutePath().normalize());
        for (Path file : new Path[] {dist.payaraMicro(), dist.gatewayWar(), dist.nodeWar()}) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException("Missing " + file + ": build the project first with 'mvn package -DskipTests' "
                        + "(./grid does this by itself)");
            }
        }
        return dist;
    }

    private static Path ownDirectory() {
        try {
            return Path.of(Distribution.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        } catch (URISyntaxException | RuntimeException e) {
            return Path.of(".");
        }
    }

    /** @return Payara Micro's jar */
    public Path payaraMicro() {
        return dir.resolve("payara-micro.jar");
    }

    /** @return the gateway WAR */
    public Path gatewayWar() {
        return dir.resolve("grid-gateway.war");
    }

    /** @return the node WAR */
    public Path nodeWar() {
        return dir.resolve("grid-node.war");
    }

    /**
     * @return the {@code java} executable of the running JVM, which runs Payara Micro too: the
     *         {@code ./grid} script and the build already chose a JDK >= 21 for it
     */
    public static Path java() {
        return ProcessHandle.current().info().command().map(Path::of)
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java"));
    }

    /**
     * Writes the asadmin commands that run before Payara boots: the HTTP and HTTPS listeners bind to
     * 127.0.0.1 only, and the HTTP listener is off if asked (Payara Micro has no option for that; its
     * {@code --sslport} turns the HTTPS listener on).
     *
     * @param dir  where to write the file
     * @param http whether the plain HTTP listener stays on
     * @return the file
     * @throws IOException if it cannot be written
     */
    static Path loopbackPreboot(Path dir, boolean http) throws IOException {
        String listeners = "set configs.config.server-config.network-config.network-listeners.network-listener";
        Path file = dir.resolve("preboot-loopback.asadmin");
        Files.writeString(file, listeners + ".http-listener.address=127.0.0.1\n"
                + listeners + ".https-listener.address=127.0.0.1\n"
                + (http ? "" : listeners + ".http-listener.enabled=false\n"));
        return file;
    }
}
