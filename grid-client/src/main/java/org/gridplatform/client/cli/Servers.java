package org.gridplatform.client.cli;

import java.nio.file.Path;
import java.util.Optional;
import org.gridplatform.client.launch.ServerProcess;
import org.gridplatform.client.launch.ServerTls;

/** What the commands that run servers share: where logs go, and stopping everything on Ctrl-C. */
final class Servers {

    /** The system property naming the log directory; the {@code ./grid} script sets it. */
    static final String LOGS_PROPERTY = "grid.logs";

    private Servers() {
    }

    static Path logDir() {
        return Optional.ofNullable(System.getProperty(LOGS_PROPERTY)).map(Path::of).orElse(Path.of(".grid", "logs"))
                .toAbsolutePath().normalize();
    }

    /**
     * Closes {@code resource} when the JVM stops, on Ctrl-C included.
     *
     * @param resource what to close
     * @return the hook, to remove once the resource was closed normally
     */
    static Thread closeOnExit(AutoCloseable resource) {
        Thread hook = new Thread(() -> {
            try {
                resource.close();
            } catch (Exception e) {
                // stopping anyway
            }
        }, "grid-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    /**
     * @param server a started server
     * @param tls    its TLS
     * @return its listeners for people, such as {@code https://127.0.0.1:8443 and http://127.0.0.1:8080}
     */
    static String listeners(ServerProcess server, ServerTls tls) {
        String http = "http://127.0.0.1:" + server.port();
        if (!tls.https()) {
            return http;
        }
        return server.url() + (tls.http() ? " and " + http : " (plain HTTP off)");
    }

    static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down
        }
    }
}
