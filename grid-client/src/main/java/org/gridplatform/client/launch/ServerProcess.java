package org.gridplatform.client.launch;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * One gateway or node: a Payara Micro process that deploys one WAR at the root context on
 * 127.0.0.1, with Hazelcast off, serving plain HTTP, HTTPS ({@link ServerTls}) or both. Ready means its
 * MicroProfile Health readiness is {@code UP} (Payara prints "ready" even when a deployment failed, so
 * the log is not to be trusted for that).
 */
public final class ServerProcess implements AutoCloseable {

    /** JVM options for a quick start on few cores: the C1 compiler alone spends far less CPU while Payara boots. */
    public static final List<String> QUICK_START = List.of("-XX:TieredStopAtLevel=1");

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    /** What Payara Micro logs when a WAR fails to deploy; it still prints "ready" afterwards. */
    private static final String DEPLOYMENT_FAILED = "Exception while loading the app";
    /** How long a boot may go without a new log line before it counts as stalled. */
    private static final Duration STALL = Duration.ofSeconds(75);
    /** What Grid's WARs log, in one line, when their configuration stops the deployment. */
    private static final String CONFIGURATION_ERROR = "Grid configuration error: ";

    private final String name;
    private final Path war;
    private final int port;
    private final int httpsPort;
    private final HttpClient probe;
    private final ProcessBuilder builder;
    private volatile Process process;
    private boolean restarted;
    private final Path log;
    private final Path work;

    private ServerProcess(String name, Path war, int port, int httpsPort, ServerTls tls, ProcessBuilder builder, Path log,
                          Path work) throws IOException {
        this.name = name;
        this.war = war;
        this.port = port;
        this.httpsPort = httpsPort;
        // Over HTTPS, readiness is asked trusting the server's own certificate, whoever issued it.
        this.probe = tls.https() ? HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2))
                .sslContext(tls.key().trustingItself()).build() : HTTP;
        this.builder = builder;
        this.process = builder.start();
        this.log = log;
        this.work = work;
    }

    /**
     * Starts a server; returns at once, see {@link #awaitReady(Duration)}.
     *
     * @param dist       where Payara Micro and the WARs are
     * @param war        the WAR to deploy
     * @param name       a name for messages, such as {@code gateway} or {@code node Bob}
     * @param port       the HTTP port on 127.0.0.1
     * @param properties system properties for the server (MicroProfile Config reads them)
     * @param heap       the JVM's maximum heap, such as {@code 256m}
     * @param jvmOptions further JVM options, such as {@link #QUICK_START}
     * @param log        the file that takes the server's output, or {@code null} to inherit this process's
     * @return the running server
     * @throws PortInUseException if the port is taken
     * @throws IOException        if the process cannot start
     */
    public static ServerProcess start(Distribution dist, Path war, String name, int port, Map<String, String> properties,
                                      String heap, List<String> jvmOptions, Path log) throws IOException {
        return start(dist, war, name, port, properties, heap, jvmOptions, List.of(), log);
    }

    /**
     * Starts a server with further Payara Micro options, such as {@code --addlibs plugin.jar}.
     *
     * @param payaraOptions options appended to Payara Micro's command line
     * @see #start(Distribution, Path, String, int, Map, String, List, Path)
     */
    public static ServerProcess start(Distribution dist, Path war, String name, int port, Map<String, String> properties,
                                      String heap, List<String> jvmOptions, List<String> payaraOptions, Path log)
            throws IOException {
        return start(dist, war, name, port, 0, properties, heap, jvmOptions, payaraOptions, log, ServerTls.NONE);
    }

    /**
     * Starts a server with TLS: an HTTPS listener on {@code httpsPort} (Payara Micro's {@code --sslport}) serving the
     * key of {@code tls}, the plain HTTP listener on {@code port} or off, and its own calls trusting {@code tls}'s trust
     * store. Passwords go to Payara in a file that only this user can read ({@code --systemproperties}), never on
     * the command line, where {@code ps} would show them.
     *
     * @param port      the HTTP port on 127.0.0.1 (unused when {@code tls} turns HTTP off)
     * @param httpsPort the HTTPS port on 127.0.0.1 (unused without a key in {@code tls})
     * @param tls       the server's TLS, or {@link ServerTls#NONE}
     * @see #start(Distribution, Path, String, int, Map, String, List, List, Path)
     */
    public static ServerProcess start(Distribution dist, Path war, String name, int port, int httpsPort,
                                      Map<String, String> properties, String heap, List<String> jvmOptions,
                                      List<String> payaraOptions, Path log, ServerTls tls) throws IOException {
        if (tls.http()) {
            ensureFree(port, "--port");
        }
        if (tls.https()) {
            if (httpsPort < 1 || httpsPort > 65535) {
                throw new IllegalArgumentException(name + " serves HTTPS but has no HTTPS port (" + httpsPort + "): give it one");
            }
            ensureFree(httpsPort, "--https-port");
        }
        Path work = Files.createTempDirectory("grid-" + name.replaceAll("[^A-Za-z0-9._-]", "-") + "-");
        List<String> command = new ArrayList<>(List.of(Distribution.java().toString(), "-Xmx" + heap, "-Xss512k",
                "-XX:+UseSerialGC", "-Djava.io.tmpdir=" + work, "-Dhazelcast.socket.bind.any=false"));
        command.addAll(jvmOptions);
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", dist.payaraMicro().toString(),
                "--deploy", war.toString(), "--contextroot", "/",
                "--port", Integer.toString(port), "--nohazelcast",
                "--prebootcommandfile", Distribution.loopbackPreboot(work, tls.http()).toString(),
                "--rootdir", work.resolve("payara").toString()));
        if (tls.https()) {
            command.addAll(List.of("--sslport", Integer.toString(httpsPort), "--sslcert", tls.key().alias()));
        }
        if (tls.https() || tls.trust() != null) {
            command.addAll(List.of("--systemproperties", tlsProperties(work, tls).toString()));
        }
        command.addAll(payaraOptions);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (log == null) {
            builder.redirectOutput(ProcessBuilder.Redirect.INHERIT);
        } else {
            Files.createDirectories(log.toAbsolutePath().getParent());
            builder.redirectOutput(log.toFile());
        }
        return new ServerProcess(name, war, port, tls.https() ? httpsPort : 0, tls, builder, log, work);
    }

    /**
     * Writes the server's TLS settings, passwords included, where only this user can read them: Payara Micro sets them
     * as system properties at boot. {@code javax.net.ssl.keyStore} and its password are Payara's HTTPS listener's
     * (and the JVM's default key store); {@code grid.tls.*} are Grid's trust store for the server's own calls.
     */
    private static Path tlsProperties(Path work, ServerTls tls) throws IOException {
        Properties properties = new Properties();
        if (tls.https()) {
            properties.setProperty("javax.net.ssl.keyStore", tls.key().file().toString());
            properties.setProperty("javax.net.ssl.keyStorePassword", new String(tls.key().password()));
        }
        if (tls.trust() != null) {
            properties.setProperty("grid.tls.trust-store", tls.trust().file().toString());
            char[] password = tls.trust().password();
            if (password != null) {
                properties.setProperty("grid.tls.trust-store-password", new String(password));
            }
        }
        Path file = work.resolve("tls.properties");
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(out, "Grid: TLS of this server; removed when it stops");
        }
        return file;
    }

    /**
     * @param port a port on 127.0.0.1
     * @throws PortInUseException if something listens there already
     */
    public static void ensureFree(int port) throws PortInUseException {
        ensureFree(port, "--port");
    }

    static void ensureFree(int port, String option) throws PortInUseException {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
        } catch (IOException e) {
            throw new PortInUseException(port, option);
        }
    }

    /** @return a port on 127.0.0.1 that is free now */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free port on 127.0.0.1", e);
        }
    }

    /**
     * Waits until the server's readiness is {@code UP}.
     *
     * @param timeout how long to wait
     * @throws IOException naming the server and showing the end of its log if it exits or is not
     *                     ready in time
     */
    public void awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest ready = HttpRequest.newBuilder(url().resolve("/health/ready")).timeout(Duration.ofSeconds(10)).build();
        long logSize = -1;
        long lastGrowth = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long size = log == null || !Files.exists(log) ? 0 : Files.size(log);
            if (size != logSize) {
                logSize = size;
                lastGrowth = System.nanoTime();
            } else if (log != null && System.nanoTime() - lastGrowth > STALL.toNanos() && !restarted) {
                restartStalled();
                lastGrowth = System.nanoTime();
                deadline = Math.max(deadline, lastGrowth + STALL.toNanos() * 2);
            }
            if (!process.isAlive()) {
                throw new IOException(name + " exited with code " + process.exitValue() + " before it was ready" + logTail());
            }
            try {
                HttpResponse<String> answer = probe.send(ready, HttpResponse.BodyHandlers.ofString());
                // Payara answers UP with no checks before the WAR is deployed: our WARs register
                // readiness checks, so ready means UP with at least one named check.
                if (answer.statusCode() == 200 && answer.body().contains("\"UP\"") && answer.body().contains("\"name\"")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            String failure = deploymentFailure();
            if (failure != null) {
                throw new IOException(name + " could not deploy " + war.getFileName() + ": " + failure + logTail());
            }
            Thread.sleep(250);
        }
        throw new IOException(name + " was not ready within " + timeout.toSeconds() + " s" + logTail());
    }

    /**
     * Payara Micro's boot very rarely stops for good part-way (seen once in many boots: the log ends at
     * "Loading policy provider" while several servers boot at once on two cores). A boot whose log has
     * not grown for {@link #STALL} is stopped, its threads saved beside the log for diagnosis, and
     * started once more.
     */
    private void restartStalled() throws IOException, InterruptedException {
        restarted = true;
        long pid = process.pid();
        if (log != null) {
            Path jcmd = Distribution.java().resolveSibling("jcmd");
            Path dump = log.resolveSibling(log.getFileName() + ".stalled-threads.txt");
            try {
                new ProcessBuilder(jcmd.toString(), Long.toString(pid), "Thread.print").redirectErrorStream(true)
                        .redirectOutput(dump.toFile()).start().waitFor(30, TimeUnit.SECONDS);
            } catch (IOException e) {
                // no jcmd: restart without the dump
            }
            Files.writeString(log, System.lineSeparator() + "[grid] the boot stalled for " + STALL.toSeconds()
                    + " s; threads saved in " + dump.getFileName() + "; starting again" + System.lineSeparator(),
                    java.nio.file.StandardOpenOption.APPEND);
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        }
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        process = builder.start();
    }

    /**
     * A WAR that fails to deploy leaves Payara running but never ready: rather than wait for the
     * whole timeout, read the log for Payara's deployment failure.
     *
     * @return Payara's message about the failed deployment, or {@code null} if there is none (yet)
     */
    private String deploymentFailure() {
        if (log == null) {
            return null;
        }
        try (var lines = Files.lines(log, java.nio.charset.StandardCharsets.UTF_8)) {
            List<String> all = lines.toList();
            if (all.stream().noneMatch(line -> line.contains(DEPLOYMENT_FAILED))) {
                return null;
            }
            // Grid's own one-line reason beats Payara's wrapped exception.
            for (String line : all) {
                int at = line.indexOf(CONFIGURATION_ERROR);
                if (at >= 0) {
                    return line.substring(at).strip();
                }
            }
            return all.stream().filter(line -> line.contains(DEPLOYMENT_FAILED))
                    .map(line -> line.substring(line.indexOf(DEPLOYMENT_FAILED)))
                    .reduce((first, second) -> second.length() > first.length() ? second : first)
                    .orElse(null);
        } catch (IOException | java.io.UncheckedIOException e) {
            return null;
        }
    }

    private String logTail() {
        if (log == null || !Files.exists(log)) {
            return "";
        }
        try {
            List<String> lines = Files.readAllLines(log);
            List<String> tail = lines.subList(Math.max(0, lines.size() - 15), lines.size());
            return "; the end of its log " + log + ":\n  " + String.join("\n  ", tail);
        } catch (IOException | RuntimeException e) {
            return "; see its log " + log;
        }
    }

    /** @return the server's base URL: its HTTPS listener's if it has one, else its HTTP listener's */
    public URI url() {
        return httpsPort > 0 ? URI.create("https://127.0.0.1:" + httpsPort) : URI.create("http://127.0.0.1:" + port);
    }

    /** @return the server's name */
    public String name() {
        return name;
    }

    /** @return the HTTP port (nothing listens there when the server's TLS turned plain HTTP off) */
    public int port() {
        return port;
    }

    /** @return the HTTPS port, or 0 if the server has no HTTPS listener */
    public int httpsPort() {
        return httpsPort;
    }

    /** @return the log file, or {@code null} if the output is inherited */
    public Path log() {
        return log;
    }

    /** @return whether the process runs */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** @return the operating system's process */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    /** Kills the process at once, like {@code kill -9}: no shutdown hooks, no leave. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        deleteWork();
    }

    /** Stops the process gracefully (SIGTERM, so a node leaves its gateway), forcibly after 20 s. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            deleteWork();
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        deleteWork();
    }

    /** Payara Micro unpacks its runtime into the work directory: tens of MB per server, so it goes with the server. */
    private void deleteWork() {
        if (process.isAlive()) {
            return;
        }
        try (var paths = Files.walk(work)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // a leftover temporary directory is harmless
        }
    }

    /** The HTTP port of a server is taken by another process. */
    public static final class PortInUseException extends IOException {
        private static final long serialVersionUID = 1L;

        PortInUseException(int port, String option) {
            super("Port " + port + " on 127.0.0.1 is already in use; stop what uses it or choose another port with " + option);
        }
    }
}
