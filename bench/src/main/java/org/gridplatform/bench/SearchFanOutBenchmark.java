package org.gridplatform.bench;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.gridplatform.api.Durations;
import org.gridplatform.client.GatewayClient;
import org.gridplatform.client.launch.Distribution;
import org.gridplatform.client.launch.ServerProcess;

/**
 * Measures {@code POST /search} latency through the real gateway WAR on Payara Micro, with fake nodes
 * that answer after a fixed delay ({@link FakeNodes}).
 *
 * <p>It starts one gateway with the project's launcher (full JIT, not {@link ServerProcess#QUICK_START}),
 * registers fake nodes through the gateway's own {@code POST /join}, and for each node count (ascending;
 * nodes are added to reach the next count) warms up with a few concurrent clients for a fixed time, then
 * sends sequential searches, timing each from sending the request to having read the whole answer.
 * Every measured answer is checked: it must list exactly the fake nodes that answer {@code content: true},
 * with their addresses, ordered by id, and name no node as unanswered. An optional last row replaces 10 %
 * of 100 nodes with nodes that answer after the gateway's search timeout; those must be named as unanswered.
 *
 * <p>Everything binds to 127.0.0.1. The run stops by itself: after {@code --max-time} it stops measuring,
 * and shortly after that it kills the gateway and exits whatever happens. Prints a Markdown table on
 * standard output and its progress on standard error. Exit status: 0 when every answer was right and the
 * target held, 1 when an answer was wrong or a target missed, 2 when the time ran out, 3 on an error.
 *
 * <pre>
 * java -Dgrid.dist=grid-client/target/dist -jar bench/target/grid-bench.jar [options]
 *   --nodes 10,100,1000          node counts, ascending
 *   --searches 200,200,100       measured searches per node count (the last value repeats)
 *   --delay 20ms                 how long each fake node takes to answer
 *   --warmup 20s                 warm-up time before each node count
 *   --warmup-clients 2           concurrent clients during warm-up
 *   --nodes-per-server 100       fake nodes per HTTP server (each server has its own port)
 *   --unanswered-searches 15     searches in the row where 10 % of 100 nodes never answer; 0 leaves the row out
 *   --search-timeout 2s          the gateway's grid.discovery.central.search-timeout (default: the gateway's own, 2 s)
 *   --gateway-heap 512m          the gateway's -Xmx
 *   --log PATH                   the gateway's log file
 *   --max-time 9m                the time after which the run stops
 * </pre>
 */
public final class SearchFanOutBenchmark {

    private static final String QUERY = "{\"query\": [\"#bench\"]}";
    private static final Duration DEFAULT_GATEWAY_SEARCH_TIMEOUT = Duration.ofSeconds(2);

    /** The options, see the class comment. */
    record Options(List<Integer> nodes, List<Integer> searches, Duration delay, Duration warmup, int warmupClients,
                   int nodesPerServer, int unansweredSearches, Duration searchTimeout, String gatewayHeap, Path log,
                   Duration maxTime, String commandLine) {

        static Options parse(String[] args) {
            Map<String, String> values = new HashMap<>(Map.of(
                    "nodes", "10,100,1000", "searches", "200,200,100", "delay", "20ms", "warmup", "20s",
                    "warmup-clients", "2", "nodes-per-server", "100", "unanswered-searches", "15",
                    "gateway-heap", "512m", "max-time", "9m"));
            BenchSupport.readOptions(args, values, Set.of("search-timeout", "log"), UsageException::new);
            List<Integer> nodes = ints(values.get("nodes"), "nodes").stream().sorted().distinct().toList();
            List<Integer> searches = ints(values.get("searches"), "searches");
            if (nodes.getLast() > 9_999) {
                throw new UsageException("At most 9999 nodes");
            }
            Duration searchTimeout = values.containsKey("search-timeout")
                    ? Durations.parse(values.get("search-timeout"), "--search-timeout") : null;
            Path log = values.containsKey("log") ? Path.of(values.get("log"))
                    : Path.of(System.getProperty("java.io.tmpdir"), "grid-bench-gateway.log");
            return new Options(nodes, searches, Durations.parse(values.get("delay"), "--delay"),
                    Durations.parse(values.get("warmup"), "--warmup"), positive(values.get("warmup-clients"), "warmup-clients"),
                    positive(values.get("nodes-per-server"), "nodes-per-server"),
                    Integer.parseInt(values.get("unanswered-searches")), searchTimeout, values.get("gateway-heap"), log,
                    Durations.parse(values.get("max-time"), "--max-time"), String.join(" ", args));
        }

        private static List<Integer> ints(String csv, String option) {
            try {
                List<Integer> list = Arrays.stream(csv.split(",")).map(String::strip).map(Integer::parseInt).toList();
                if (list.isEmpty() || list.stream().anyMatch(n -> n < 1)) {
                    throw new NumberFormatException();
                }
                return list;
            } catch (NumberFormatException e) {
                throw new UsageException("--" + option + " takes positive numbers separated by commas, not " + csv);
            }
        }

        private static int positive(String value, String option) {
            return ints(value, option).getFirst();
        }

        int searchesFor(int index) {
            return searches.get(Math.min(index, searches.size() - 1));
        }

        Duration effectiveSearchTimeout() {
            return searchTimeout != null ? searchTimeout : DEFAULT_GATEWAY_SEARCH_TIMEOUT;
        }
    }

    /** A wrong command line. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /**
     * One measured row.
     *
     * @param nodes           registered nodes
     * @param unanswering     of those, nodes that answer after the search timeout
     * @param latencies       each search's latency in nanoseconds, sorted
     * @param planned         searches planned (fewer were made if the time ran out)
     * @param wrong           answers that were not exactly the expected ones
     * @param gatewayCpuNanos the gateway process's CPU time during the measured searches
     * @param benchCpuNanos   this process's CPU time (fake nodes and client) during the measured searches
     * @param serial          the time a serial fan-out would take: the sum of every node's wait
     * @param load            the machine's load average over the last minute when the row started
     */
    record Row(int nodes, int unanswering, long[] latencies, int planned, int wrong, long gatewayCpuNanos,
               long benchCpuNanos, Duration serial, double load) {

        /** Nearest-rank percentile. */
        long percentile(double p) {
            int rank = (int) Math.ceil(p / 100.0 * latencies.length);
            return latencies[Math.max(0, Math.min(latencies.length - 1, rank - 1))];
        }
    }

    private final Options options;
    private final long deadline;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private URI searchUri;
    private ServerProcess gateway;
    private FakeNodes fakes;
    private GatewayClient client;
    private final TreeSet<Integer> joinedLive = new TreeSet<>();
    private final TreeSet<Integer> joinedDead = new TreeSet<>();
    private boolean outOfTime;

    private SearchFanOutBenchmark(Options options) {
        this.options = options;
        this.deadline = System.nanoTime() + options.maxTime().toNanos();
    }

    /**
     * Runs the benchmark, see the class comment.
     *
     * @param args the options
     */
    public static void main(String[] args) {
        // The JDK HTTP server waits for Nagle's algorithm by default: small answers written as headers then body
        // would wait for the gateway's delayed ACK (tens of ms). Real nodes (Payara's Grizzly) set TCP_NODELAY.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (UsageException | IllegalArgumentException e) {
            if (e.getMessage() != null) {
                System.err.println("search-fanout: " + e.getMessage());
            }
            System.err.println("Usage: see the comment of " + SearchFanOutBenchmark.class.getName()
                    + " or bench/search-fanout.sh; options --nodes --searches --delay --warmup --warmup-clients "
                    + "--nodes-per-server --unanswered-searches --search-timeout --gateway-heap --log --max-time");
            System.exit(e.getMessage() == null ? 0 : 3);
            return;
        }
        int status;
        SearchFanOutBenchmark bench = new SearchFanOutBenchmark(options);
        try {
            status = bench.run();
        } catch (Exception | Error e) {
            System.err.println("search-fanout: failed: " + e);
            e.printStackTrace();
            status = 3;
        } finally {
            bench.stop();
        }
        System.exit(status);
    }

    private int run() throws Exception {
        startWatchdog();
        int maxLive = Math.max(options.nodes().getLast(), options.unansweredSearches() > 0 ? 90 : 0);
        int servers = Math.max(1, (maxLive + options.nodesPerServer() - 1) / options.nodesPerServer());
        Duration deadDelay = options.effectiveSearchTimeout().plusSeconds(1);
        fakes = new FakeNodes(servers, options.delay(), deadDelay);
        log("%d fake HTTP servers on 127.0.0.1 for up to %d fake nodes, each answering after %d ms",
                servers, maxLive, options.delay().toMillis());

        Distribution dist = Distribution.locate();
        int port = ServerProcess.freePort();
        // The benchmark is one client sending thousands of searches and joins: the per-address rate limits are off.
        Map<String, String> config = new HashMap<>(Map.of("grid.rate-limit.search", "0", "grid.rate-limit.join", "0"));
        if (options.searchTimeout() != null) {
            config.put("grid.discovery.central.search-timeout", options.searchTimeout().toMillis() + "ms");
        }
        log("starting the gateway (%s, -Xmx%s, full JIT) on 127.0.0.1:%d; log %s", dist.gatewayWar(),
                options.gatewayHeap(), port, options.log().toAbsolutePath());
        long bootStart = System.nanoTime();
        gateway = ServerProcess.start(dist, dist.gatewayWar(), "gateway", port, config, options.gatewayHeap(), List.of(),
                options.log());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (gateway != null && gateway.isAlive()) {
                gateway.handle().destroyForcibly();
            }
        }, "kill-gateway"));
        gateway.awaitReady(Duration.ofMinutes(3));
        log("gateway ready in %.1f s", (System.nanoTime() - bootStart) / 1e9);
        searchUri = gateway.url().resolve("/search");
        client = new GatewayClient(gateway.url(), Duration.ofSeconds(30));

        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < options.nodes().size() && !outOfTime; i++) {
            int n = options.nodes().get(i);
            registerLive(n);
            registerDead(0);
            checkHealth();
            warmUp(n);
            rows.add(measure(n, 0, options.searchesFor(i)));
        }
        if (options.unansweredSearches() > 0 && !outOfTime) {
            registerLive(90);
            registerDead(10);
            checkHealth(); // dead nodes answer their liveness at once: only their searches are late
            rows.add(measure(90, 10, options.unansweredSearches()));
        }
        return report(rows);
    }

    // ---- registration -------------------------------------------------------------------------------

    private static String liveId(int index) {
        return String.format(Locale.ROOT, "fake-%04d", index);
    }

    private static String deadId(int index) {
        return String.format(Locale.ROOT, "dead-%04d", index);
    }

    /** Joins or leaves live fake nodes so that exactly {@code 0..count-1} are registered. */
    private void registerLive(int count) {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            if (joinedLive.add(i)) {
                client.join(liveId(i), fakes.address(FakeNodes.LIVE, i));
            }
        }
        while (!joinedLive.isEmpty() && joinedLive.last() >= count) {
            client.leave(liveId(joinedLive.pollLast()));
        }
        log("%d live fake nodes registered (%.1f s)", count, (System.nanoTime() - start) / 1e9);
    }

    private void registerDead(int count) {
        for (int i = 0; i < count; i++) {
            if (joinedDead.add(i)) {
                client.join(deadId(i), fakes.address(FakeNodes.DEAD, i));
            }
        }
        while (!joinedDead.isEmpty() && joinedDead.last() >= count) {
            client.leave(deadId(joinedDead.pollLast()));
        }
        int registered = client.nodes().size();
        if (registered != joinedLive.size() + joinedDead.size()) {
            throw new IllegalStateException("The gateway lists " + registered + " nodes, but "
                    + (joinedLive.size() + joinedDead.size()) + " joined");
        }
    }

    /** Checks that the gateway's /health-check sees every fake node alive (it pings each one's /health/live). */
    private void checkHealth() {
        JsonObject health = client.healthCheck();
        if (!"UP".equals(health.getString("status", null))) {
            throw new IllegalStateException("The gateway's /health-check is not UP with the fake nodes: " + health);
        }
    }

    // ---- searching ----------------------------------------------------------------------------------

    private HttpResponse<String> search() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(searchUri)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(QUERY))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private void warmUp(int nodes) throws InterruptedException {
        long end = Math.min(System.nanoTime() + options.warmup().toNanos(), deadline);
        AtomicLong done = new AtomicLong();
        AtomicInteger failed = new AtomicInteger();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < options.warmupClients(); c++) {
            clients.add(Thread.ofVirtual().name("warm-up-" + c).start(() -> {
                while (System.nanoTime() < end) {
                    try {
                        if (search().statusCode() == 200) {
                            done.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                        }
                    } catch (IOException e) {
                        failed.incrementAndGet();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }));
        }
        for (Thread t : clients) {
            t.join();
        }
        log("%d nodes: warm-up %d searches in %.0f s with %d clients%s", nodes, done.get(),
                options.warmup().toMillis() / 1e3, options.warmupClients(),
                failed.get() == 0 ? "" : ", " + failed.get() + " FAILED");
    }

    private Row measure(int live, int dead, int searches) throws InterruptedException {
        List<List<String>> expectedFound = new ArrayList<>();
        for (int i = 0; i < live; i++) { // ids sort as indexes do: fake-0000, fake-0001, ...
            if (FakeNodes.holds(i)) {
                expectedFound.add(List.of(liveId(i), fakes.address(FakeNodes.LIVE, i)));
            }
        }
        List<String> expectedUnanswered = new ArrayList<>();
        for (int i = 0; i < dead; i++) {
            expectedUnanswered.add(deadId(i));
        }
        long[] latencies = new long[searches];
        int made = 0;
        int wrong = 0;
        String firstWrong = null;
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        long gatewayCpu = gatewayCpuNanos();
        long benchCpu = benchCpuNanos();
        for (; made < searches; made++) {
            if (System.nanoTime() > deadline) {
                outOfTime = true;
                break;
            }
            String problem;
            long start = System.nanoTime();
            try {
                HttpResponse<String> response = search();
                latencies[made] = System.nanoTime() - start;
                problem = check(response, expectedFound, expectedUnanswered);
            } catch (IOException e) {
                latencies[made] = System.nanoTime() - start;
                problem = e.toString();
            }
            if (problem != null) {
                wrong++;
                if (firstWrong == null) {
                    firstWrong = problem;
                }
            }
        }
        gatewayCpu = gatewayCpuNanos() - gatewayCpu;
        benchCpu = benchCpuNanos() - benchCpu;
        long[] sorted = Arrays.copyOf(latencies, made);
        Arrays.sort(sorted);
        Duration serial = options.delay().multipliedBy(live).plus(options.effectiveSearchTimeout().multipliedBy(dead));
        Row row = new Row(live + dead, dead, sorted, searches, wrong, gatewayCpu, benchCpu, serial, load);
        if (made > 0) {
            log("%d nodes%s: %d searches, p50 %.1f ms, p99 %.1f ms, max %.1f ms; %d wrong%s; load average %.1f", live + dead,
                    dead > 0 ? " (" + dead + " never answer)" : "", made, ms(row.percentile(50)), ms(row.percentile(99)),
                    ms(sorted[made - 1]), wrong, firstWrong == null ? "" : " (first: " + firstWrong + ")", load);
        }
        return row;
    }

    /** @return why the answer is not the expected one, or {@code null} if it is */
    private static String check(HttpResponse<String> response, List<List<String>> found, List<String> unanswered) {
        if (response.statusCode() != 200) {
            return "HTTP " + response.statusCode() + ": " + response.body();
        }
        JsonObject answer;
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            answer = reader.readObject();
        } catch (RuntimeException e) {
            return "not a JSON object: " + e.getMessage();
        }
        List<List<String>> actualFound = new ArrayList<>();
        JsonArray pairs = answer.getJsonArray("node-addresses");
        if (pairs == null) {
            return "no node-addresses";
        }
        for (JsonValue pair : pairs) {
            actualFound.add(pair.asJsonArray().getValuesAs(JsonString.class).stream().map(JsonString::getString).toList());
        }
        List<String> actualUnanswered = answer.containsKey("unanswered-nodes")
                ? answer.getJsonArray("unanswered-nodes").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList()
                : List.of();
        if (!actualFound.equals(found)) {
            return "found " + actualFound.size() + " nodes, expected " + found.size();
        }
        if (!actualUnanswered.equals(unanswered)) {
            return "unanswered " + actualUnanswered + ", expected " + unanswered;
        }
        return null;
    }

    // ---- reporting ----------------------------------------------------------------------------------

    private int report(List<Row> rows) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Machine: %d cores, %s %s (%s), %s %s; gateway -Xmx%s, search timeout %d ms%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"), Runtime.version(),
                System.getProperty("java.vendor"), System.getProperty("os.name"), System.getProperty("os.version"),
                options.gatewayHeap(), options.effectiveSearchTimeout().toMillis()));
        out.append(String.format(Locale.ROOT, "Options: %s%n%n", options.commandLine().isEmpty() ? "(defaults)" : options.commandLine()));
        out.append("| nodes | delay per node | searches | p50 | p90 | p99 | max | serial fan-out (nodes x delay) "
                + "| serial / p50 | gateway CPU per search | bench CPU per search | wrong answers |\n");
        out.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        boolean ok = true;
        StringBuilder targets = new StringBuilder();
        for (Row row : rows) {
            int made = row.latencies().length;
            if (made == 0) {
                continue;
            }
            String delay = row.unanswering() == 0 ? options.delay().toMillis() + " ms"
                    : options.delay().toMillis() + " ms; " + row.unanswering() + " never answer";
            String searches = made == row.planned() ? Integer.toString(made) : made + " of " + row.planned();
            out.append(String.format(Locale.ROOT, "| %,d | %s | %s | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %s | %.0fx | %.1f ms | %.1f ms | %d |%n",
                    row.nodes(), delay, searches, ms(row.percentile(50)), ms(row.percentile(90)), ms(row.percentile(99)),
                    ms(row.latencies()[made - 1]), seconds(row.serial()), row.serial().toNanos() / (double) row.percentile(50),
                    ms(row.gatewayCpuNanos() / made), ms(row.benchCpuNanos() / made), row.wrong()));
            ok &= row.wrong() == 0;
            if (row.unanswering() == 0 && row.nodes() <= 100) {
                double target = options.delay().toMillis() + 80.0;
                boolean met = ms(row.percentile(50)) < target;
                ok &= met;
                targets.append(String.format(Locale.ROOT, "Target p50 < delay + 80 ms = %.0f ms with %d nodes: %.1f ms, %s%n",
                        target, row.nodes(), ms(row.percentile(50)), met ? "met" : "MISSED"));
            }
        }
        out.append('\n').append(targets);
        out.append("Machine load average (1 min) when each row started:");
        for (Row row : rows) {
            out.append(String.format(Locale.ROOT, " %,d%s nodes %.1f;", row.nodes(), row.unanswering() > 0 ? " (some dead)" : "", row.load()));
        }
        out.setLength(out.length() - 1);
        out.append(String.format(Locale.ROOT, " (it counts this benchmark's own warm-up, about 2-3; well above that on %d cores,"
                + " other processes competed for the CPU).%n", Runtime.getRuntime().availableProcessors()));
        out.append(String.format(Locale.ROOT, "Fake nodes answered %,d searches; refused %d requests.%n", fakes.searches(), fakes.refused()));
        if (outOfTime) {
            out.append("The run hit --max-time ").append(options.maxTime().toSeconds()).append(" s and stopped early.\n");
        }
        System.out.print(out);
        System.out.flush();
        return outOfTime ? 2 : ok ? 0 : 1;
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static String seconds(Duration d) {
        return d.toMillis() >= 1000 ? String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1e3) : d.toMillis() + " ms";
    }

    private long gatewayCpuNanos() {
        return gateway.handle().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    private static long benchCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0L;
    }

    private static void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, "search-fanout: " + format + "%n", args);
    }

    // ---- stopping -----------------------------------------------------------------------------------

    /** Whatever happens, the process ends shortly after the deadline, and the gateway with it. */
    private void startWatchdog() {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(Duration.ofNanos(deadline - System.nanoTime()).plusSeconds(60));
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("search-fanout: still running 60 s after --max-time; killing the gateway and exiting");
            if (gateway != null) {
                gateway.handle().destroyForcibly();
            }
            Runtime.getRuntime().halt(2);
        }, "watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private void stop() {
        if (client != null) {
            client.close();
        }
        if (gateway != null) {
            log("stopping the gateway");
            gateway.close();
        }
        if (fakes != null) {
            fakes.close();
        }
        http.close();
    }
}
