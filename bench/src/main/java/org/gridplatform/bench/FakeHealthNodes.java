package org.gridplatform.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Fake nodes for {@link HealthSweepBenchmark}, in a process of their own so that the benchmark's JVM
 * holds only the sweep: its threads and heap are the sweep's.
 *
 * <ul>
 *   <li>Each <b>live</b> node is a JDK {@link HttpServer} on its own port of 127.0.0.1, as a real node
 *       has its own address: {@code GET /health/live} answers {@code {"status":"UP","checks":[]}} and
 *       {@code GET /datasets} a list of one dataset, at once. The exchanges of all of them run on one
 *       virtual-thread-per-task executor; each server has its own dispatcher thread.</li>
 *   <li>Each <b>silent</b> node is a plain {@link ServerSocket} on its own port that accepts the
 *       connection, reads whatever comes and never answers, like a hung process; it closes its side
 *       when the client gives up.</li>
 * </ul>
 *
 * <p>It prints {@code LIVE <port> ...}, {@code SILENT <port> ...} and {@code READY} on standard output,
 * then runs until its standard input ends (the benchmark exited or was killed) or {@code --max-minutes}
 * pass. On standard error it reports how many requests it served when it ends.
 *
 * <pre>
 * java -cp grid-bench.jar org.gridplatform.bench.FakeHealthNodes --live 1000 --silent 100 [--max-minutes 10]
 * </pre>
 */
public final class FakeHealthNodes {

    private static final byte[] UP = "{\"status\":\"UP\",\"checks\":[]}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] DATASETS = ("{\"datasets\":[{\"id\":\"bench\",\"name\":\"Bench data\",\"tags\":[\"#bench\",\"#classification\"],"
            + "\"description\":\"A fake node's dataset\",\"target\":\"label\",\"rows\":100,\"columns\":[{\"name\":\"x\",\"type\":\"numeric\"},"
            + "{\"name\":\"label\",\"type\":\"text\"}],\"task\":\"classification\"}]}").getBytes(StandardCharsets.UTF_8);

    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<HttpServer> live = new ArrayList<>();
    private final List<ServerSocket> silent = new ArrayList<>();
    private final AtomicLong pings = new AtomicLong();
    private final AtomicLong catalogs = new AtomicLong();
    private final AtomicLong silentConnections = new AtomicLong();

    private FakeHealthNodes() {
    }

    public static void main(String[] args) throws Exception {
        int liveCount = 1000;
        int silentCount = 100;
        double maxMinutes = 10;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--live" -> liveCount = Integer.parseInt(args[++i]);
                case "--silent" -> silentCount = Integer.parseInt(args[++i]);
                case "--max-minutes" -> maxMinutes = Double.parseDouble(args[++i]);
                default -> throw new IllegalArgumentException("Unknown option " + args[i]
                        + "; use --live N --silent N --max-minutes M");
            }
        }
        FakeHealthNodes nodes = new FakeHealthNodes();
        PrintStream out = System.out;
        try {
            nodes.start(liveCount, silentCount);
            out.println("LIVE " + nodes.live.stream().map(s -> Integer.toString(s.getAddress().getPort())).collect(Collectors.joining(" ")));
            out.println("SILENT " + nodes.silent.stream().map(s -> Integer.toString(s.getLocalPort())).collect(Collectors.joining(" ")));
            out.println("READY");
            out.flush();
            long deadline = System.nanoTime() + (long) (maxMinutes * 60e9);
            Thread stdin = Thread.ofPlatform().daemon().start(() -> {
                try {
                    while (System.in.read() >= 0) {
                        // the benchmark sends nothing; the end of the stream is its exit
                    }
                } catch (IOException e) {
                    // the same
                }
            });
            while (stdin.isAlive() && System.nanoTime() < deadline) {
                stdin.join(1000);
            }
        } finally {
            nodes.close();
            System.err.printf("fake nodes: %d pings and %d dataset lists answered, %d connections to silent nodes%n",
                    nodes.pings.get(), nodes.catalogs.get(), nodes.silentConnections.get());
        }
        System.exit(0);
    }

    private void start(int liveCount, int silentCount) throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int i = 0; i < liveCount; i++) {
            HttpServer server = HttpServer.create(new InetSocketAddress(loopback, 0), 128);
            server.setExecutor(executor);
            server.createContext("/", this::handle);
            server.start();
            live.add(server);
        }
        for (int i = 0; i < silentCount; i++) {
            ServerSocket server = new ServerSocket(0, 128, loopback);
            silent.add(server);
            executor.execute(() -> acceptAndStaySilent(server));
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            byte[] body = !"GET".equals(exchange.getRequestMethod()) ? null
                    : "/health/live".equals(path) ? UP : "/datasets".equals(path) ? DATASETS : null;
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            (body == UP ? pings : catalogs).incrementAndGet();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        } catch (IOException e) {
            // the client went away
        }
    }

    private void acceptAndStaySilent(ServerSocket server) {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                return;
            }
            silentConnections.incrementAndGet();
            executor.execute(() -> {
                try (socket; InputStream in = socket.getInputStream()) {
                    byte[] buffer = new byte[4096];
                    while (in.read(buffer) >= 0) {
                        // read the request and never answer
                    }
                } catch (IOException e) {
                    // the client closed or reset the connection
                }
            });
        }
    }

    private void close() {
        for (HttpServer server : live) {
            server.stop(0);
        }
        for (ServerSocket server : silent) {
            try {
                server.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        executor.shutdownNow();
    }
}
