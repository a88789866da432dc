package org.gridplatform.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gridplatform.api.Durations;
import org.gridplatform.client.launch.Distribution;
import org.gridplatform.client.launch.LocalGrid;
import org.gridplatform.client.launch.ServerProcess;

/**
 * Watches the health sweep inside the real gateway: the gateway WAR on Payara Micro, started with the project's
 * launcher (full JIT, not {@link ServerProcess#QUICK_START}), its {@code HealthMonitor} sweeping on Payara's managed
 * scheduled executor, with fake nodes ({@link FakeHealthNodes}, a second JVM, each node on its own port of
 * 127.0.0.1, a share of them accepting connections and never answering) joined through the gateway's own
 * {@code POST /join}. Where {@link HealthSweepBenchmark} times the sweep's code alone, this measures what a
 * gateway's operator sees.
 *
 * <p>For each node count (a row, each with a freshly started gateway): the gateway runs with
 * {@code grid.health.interval} set to {@code --interval} (2 s: a sweep's work does not depend on it, only how many
 * sweeps a minute shows), {@code grid.health.grace=1h} (so that the silent nodes stay registered) and no join rate
 * limit; every other setting is the default (ping timeout 500 ms, DOWN after 2 missed pings). Then:
 * <ol>
 *   <li>the threads and, after a full GC ({@code jcmd GC.run}), the heap of the idle gateway, from its own
 *       {@code GET /metrics} (Payara's base metrics);</li>
 *   <li>every node joins through {@code POST /join} as Grid's nodes do (its own {@code Grid-Node-Secret}, the tags
 *       of its dataset), from {@code --join-clients} concurrent clients, as when the nodes come back to a
 *       restarted gateway; the silent nodes are spread evenly (every tenth with 10 %);</li>
 *   <li>from then on the live nodes re-join every {@code --rejoin} (30 s, {@code grid.node.rejoin-interval}'s
 *       default), evenly spread, as real nodes do; silent nodes, like hung processes, do not. The registry keeps
 *       nodes that do not re-join (only the health grace removes nodes), so this is for realism, not to keep the
 *       nodes registered;</li>
 *   <li>{@code GET /nodes/health} is read every {@code --poll}; each new {@code swept-at} is one sweep, whose
 *       {@code sweep-ms} (the gateway's own measure, from the first ping sent to the last answer or timeout) is
 *       recorded, and whose node states are read at the next poll with the same {@code swept-at}, so that they are
 *       the ones the sweep left (a report taken while a sweep runs holds the previous sweep's time);</li>
 *   <li>sweeps that started before the last join are reported as sweeps during the joins, with the nodes
 *       registered when they started; the first two sweeps that started after it (full sweeps: they ping every
 *       node) are reported on their own; then {@code --sweeps} timed full sweeps, each checked: every node
 *       present, exactly the silent nodes {@code DOWN} (each has missed two pings by then), no live node
 *       {@code DOWN}. Live nodes {@code SUSPECT} in a timed sweep answered after the timeout: counted as late;</li>
 *   <li>the gateway's threads and heap in use are sampled from {@code /metrics} every second during the timed
 *       sweeps; after them, the heap after a full GC again; the gateway's CPU time per sweep period (sweep,
 *       polls, re-joins, catalog reads, JIT and GC alike); the sweeps the gateway's own timer counted against
 *       those seen; and, right after a sweep, the gateway's CPU time for one {@code GET /nodes/health}, which
 *       this benchmark's polling costs it (the dashboard reads it every 2 s).</li>
 * </ol>
 *
 * <p>Everything binds to 127.0.0.1. The run stops by itself: after {@code --max-minutes} it kills the gateway and the
 * fake nodes and exits. Prints a Markdown table on standard output and its progress on standard error. Exit status:
 * 0 when every timed sweep was right and shorter than {@code --target}, 1 when one was not, 2 when the time ran out,
 * 3 on an error.
 *
 * <pre>
 * java -Dgrid.dist=grid-client/target/dist -cp bench/target/grid-bench.jar org.gridplatform.bench.GatewaySweepBenchmark [options]
 *   --nodes 100,1000     registered nodes, one row (and one gateway) each, ascending
 *   --silent 10          percent of them that accept connections and never answer
 *   --sweeps 20,60       timed full sweeps per row (the last value repeats)
 *   --interval 2s        the gateway's grid.health.interval
 *   --join-clients 4     concurrent clients joining the nodes
 *   --rejoin 30s         how often each live node re-joins after the joins; 0s: never
 *   --poll 100ms         how often GET /nodes/health is read (less than --interval, so that no sweep is missed)
 *   --target 1s          the most a timed sweep may take
 *   --gateway-heap 256m  the gateway's -Xmx (as ./grid up gives it)
 *   --log PATH           the gateway's log file; with several rows, the node count is added to the name
 *   --max-minutes 10     the time after which the run stops
 * </pre>
 */
public final class GatewaySweepBenchmark {

    /** The options, see the class comment. */
    record Options(List<Integer> nodes, int silentPercent, List<Integer> sweeps, Duration interval, int joinClients,
                   Duration rejoin, Duration poll, Duration target, String gatewayHeap, Path log, double maxMinutes,
                   String commandLine) {

        static Options parse(String[] args) {
            Map<String, String> values = new HashMap<>(Map.ofEntries(Map.entry("nodes", "100,1000"), Map.entry("silent", "10"),
                    Map.entry("sweeps", "20,60"), Map.entry("interval", "2s"), Map.entry("join-clients", "4"),
                    Map.entry("rejoin", "30s"), Map.entry("poll", "100ms"), Map.entry("target", "1s"),
                    Map.entry("gateway-heap", LocalGrid.GATEWAY_HEAP),
                    Map.entry("log", Path.of(System.getProperty("java.io.tmpdir"), "gateway-sweep-gateway.log").toString()),
                    Map.entry("max-minutes", "10")));
            BenchSupport.readOptions(args, values, Set.of(), UsageException::new);
            List<Integer> nodes = ints(values.get("nodes"), "nodes", 1).stream().sorted().distinct().toList();
            if (nodes.getLast() > 5000) {
                throw new UsageException("At most 5000 nodes: each is a port and a thread of the fake nodes' process");
            }
            int silent = ints(values.get("silent"), "silent", 0).getFirst();
            if (silent > 100) {
                throw new UsageException("--silent takes a percentage, 0 to 100");
            }
            Duration interval = Durations.parse(values.get("interval"), "--interval");
            Duration poll = Durations.parse(values.get("poll"), "--poll");
            if (poll.compareTo(interval) >= 0 || poll.toMillis() < 10) {
                throw new UsageException("--poll must be at least 10ms and shorter than --interval, or sweeps would be missed");
            }
            Duration rejoin = Durations.parse(values.get("rejoin"), "--rejoin");
            if (!rejoin.isZero() && rejoin.toMillis() < 1000) {
                throw new UsageException("--rejoin must be 0s (never) or at least 1s, as grid.node.rejoin-interval");
            }
            return new Options(nodes, silent, ints(values.get("sweeps"), "sweeps", 1), interval,
                    ints(values.get("join-clients"), "join-clients", 1).getFirst(), rejoin, poll,
                    Durations.parse(values.get("target"), "--target"), values.get("gateway-heap"), Path.of(values.get("log")),
                    Double.parseDouble(values.get("max-minutes")), String.join(" ", args));
        }

        private static List<Integer> ints(String csv, String option, int min) {
            try {
                List<Integer> list = Arrays.stream(csv.split(",")).map(String::strip).map(Integer::parseInt).toList();
                if (list.isEmpty() || list.stream().anyMatch(n -> n < min)) {
                    throw new NumberFormatException();
                }
                return list;
            } catch (NumberFormatException e) {
                throw new UsageException("--" + option + " takes numbers of at least " + min + ", separated by commas, not " + csv);
            }
        }

        int sweepsFor(int row) {
            return sweeps.get(Math.min(row, sweeps.size() - 1));
        }

        int silentOf(int nodes) {
            return (int) Math.round(nodes * silentPercent / 100.0);
        }

        Path logFor(int nodes) {
            if (this.nodes.size() == 1) {
                return log;
            }
            String name = log.getFileName().toString();
            int dot = name.lastIndexOf('.');
            String numbered = dot > 0 ? name.substring(0, dot) + "-" + nodes + name.substring(dot) : name + "-" + nodes;
            return log.resolveSibling(numbered);
        }
    }

    /** A wrong command line; {@code null} for --help. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /**
     * One sweep as {@code GET /nodes/health} showed it.
     *
     * @param sweptAt     when it started (the gateway's clock, the same as this machine's)
     * @param ms          its duration as the gateway measured it
     * @param registered  the nodes whose join had been answered when it started: the nodes it pinged
     * @param up          nodes UP after it
     * @param suspect     nodes SUSPECT after it
     * @param down        nodes DOWN after it
     * @param liveDown    live nodes DOWN (wrong)
     * @param liveSuspect live nodes SUSPECT: their answer came after the timeout
     * @param silentUp    silent nodes not DOWN
     * @param missing     joined nodes the report does not list
     * @param unpinged    listed nodes whose last ping is older than the sweep: it did not ping them
     * @param liveReasons why the live nodes that are not UP failed their last ping, with how many of them
     */
    record Sweep(Instant sweptAt, long ms, int registered, int up, int suspect, int down, int liveDown, int liveSuspect,
                 int silentUp, int missing, int unpinged, Map<String, Integer> liveReasons) {

        int covered() {
            return up + suspect + down;
        }

        /** @return whether the states are the ones a full sweep after two others must leave */
        boolean right(int nodes, int silent) {
            return covered() == nodes && missing == 0 && down == silent && liveDown == 0 && silentUp == 0;
        }

        String states() {
            return up + " / " + suspect + " / " + down;
        }
    }

    /** One sample of the gateway's own metrics. */
    record Sample(long nanos, double threads, double heapUsed, double sweepCount) {
    }

    /** One row of the table. */
    record Row(int nodes, int silent, double readySeconds, double joinSeconds, double joinP50, double joinMax, List<Sweep> duringJoins,
               Sweep first, Sweep second, List<Sweep> timed, int planned, double startToStartP50, double startToStartMax,
               double threadsBefore, double threadsPeak, double threadsLast, double heapBeforeMb, double heapAfterMb,
               double heapPeakMb, double heapLastMb, double cpuPerSweepMs, long rejoins, int rejoinFailures,
               int sweepsSeen, double sweepsRun, double reportCpuMs, double loadStart, double loadEnd, String firstWrong) {

        int wrong() {
            return (int) timed.stream().filter(s -> !s.right(nodes, silent)).count();
        }

        int over(Duration target) {
            return (int) timed.stream().filter(s -> s.ms() >= target.toMillis()).count();
        }

        double[] sortedMs() {
            return timed.stream().mapToDouble(Sweep::ms).sorted().toArray();
        }
    }

    private static final Pattern SWEPT_AT = Pattern.compile("\"swept-at\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern SWEEP_MS = Pattern.compile("\"sweep-ms\"\\s*:\\s*(\\d+)");
    /** Payara's base metrics (MicroProfile Metrics 5.1, Prometheus text) and the gateway's sweep timer. */
    static final String THREADS = "thread_count";
    static final String HEAP_USED = "memory_usedHeap_bytes";
    static final String SWEEP_COUNT = "grid_health_sweep_seconds_count";

    private final Options options;
    private final long deadline;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private Process fakes;
    private HealthSweepBenchmark.Ports ports;
    private volatile ServerProcess gateway;
    private boolean outOfTime;

    private GatewaySweepBenchmark(Options options) {
        this.options = options;
        this.deadline = System.nanoTime() + (long) (options.maxMinutes() * 60e9);
    }

    /**
     * Runs the benchmark, see the class comment.
     *
     * @param args the options
     */
    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (UsageException | IllegalArgumentException e) {
            if (e.getMessage() != null) {
                System.err.println("gateway-sweep: " + e.getMessage());
            }
            System.err.println("Usage: bench/gateway-sweep.sh [--nodes 100,1000] [--silent 10] [--sweeps 20,60] [--interval 2s]"
                    + " [--join-clients 4] [--rejoin 30s] [--poll 100ms] [--target 1s] [--gateway-heap 256m] [--log PATH]"
                    + " [--max-minutes 10]");
            System.exit(e.getMessage() == null ? 0 : 3);
            return;
        }
        GatewaySweepBenchmark bench = new GatewaySweepBenchmark(options);
        int status;
        try {
            status = bench.run();
        } catch (Exception | Error e) {
            System.err.println("gateway-sweep: failed: " + e);
            e.printStackTrace();
            status = 3;
        } finally {
            bench.stop();
        }
        System.exit(status);
    }

    private int run() throws Exception {
        startWatchdog();
        int most = options.nodes().getLast();
        int mostSilent = options.nodes().stream().mapToInt(options::silentOf).max().orElseThrow();
        int mostLive = options.nodes().stream().mapToInt(n -> n - options.silentOf(n)).max().orElseThrow();
        fakes = HealthSweepBenchmark.startFakes(mostLive, mostSilent, options.maxMinutes() + 1);
        ports = HealthSweepBenchmark.ports(fakes);
        if (ports.live().size() < mostLive || ports.silent().size() < mostSilent) {
            throw new IllegalStateException("The fake nodes opened " + ports.live().size() + " live and " + ports.silent().size()
                    + " silent ports, not " + mostLive + " and " + mostSilent);
        }
        log("fake nodes ready: %d live and %d silent ports for up to %,d nodes", mostLive, mostSilent, most);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < options.nodes().size() && !outOfTime; i++) {
            rows.add(row(options.nodes().get(i), options.sweepsFor(i)));
        }
        return report(rows);
    }

    // ---- one row ------------------------------------------------------------------------------------

    private Row row(int count, int sweeps) throws Exception {
        int silent = options.silentOf(count);
        double loadStart = load();
        // The silent nodes are spread evenly among the others, as in HealthSweepBenchmark: every tenth with 10 %.
        String[] ids = new String[count];
        String[] addresses = new String[count];
        boolean[] isSilent = new boolean[count];
        Set<String> silentIds = new HashSet<>();
        int live = 0;
        int quiet = 0;
        for (int i = 0; i < count; i++) {
            isSilent[i] = quiet < silent && (long) i * silent / count >= quiet;
            int port = isSilent[i] ? ports.silent().get(quiet++) : ports.live().get(live++);
            ids[i] = String.format(Locale.ROOT, "node-%04d", i);
            addresses[i] = "http://127.0.0.1:" + port;
            if (isSilent[i]) {
                silentIds.add(ids[i]);
            }
        }

        Distribution dist = Distribution.locate();
        int port = ServerProcess.freePort();
        Map<String, String> config = Map.of("grid.rate-limit.join", "0", "grid.health.interval", options.interval().toMillis() + "ms",
                "grid.health.grace", "1h");
        Path logFile = options.logFor(count);
        log("%,d nodes (%d silent): starting the gateway (-Xmx%s, full JIT) on 127.0.0.1:%d; log %s", count, silent,
                options.gatewayHeap(), port, logFile.toAbsolutePath());
        long bootStart = System.nanoTime();
        gateway = ServerProcess.start(dist, dist.gatewayWar(), "gateway", port, config, options.gatewayHeap(), List.of(), logFile);
        ServerProcess server = gateway;
        URI base = server.url();
        server.awaitReady(Duration.ofMinutes(3));
        double readySeconds = (System.nanoTime() - bootStart) / 1e9;
        log("gateway ready in %.1f s", readySeconds);

        Thread.sleep(2000); // let the boot's last work settle before the idle figures
        double heapBefore = heapAfterGc(server);
        Map<String, Double> idle = metrics(base);
        double threadsBefore = idle.getOrDefault(THREADS, Double.NaN);
        log("idle gateway: %.0f threads, %.1f MB heap after a full GC", threadsBefore, heapBefore / 1e6);

        HealthWatch watch = new HealthWatch(base, ids, silentIds, Instant.now());
        double sweepsBefore = metrics(base).getOrDefault(SWEEP_COUNT, Double.NaN);
        Thread watcher = Thread.ofPlatform().daemon().name("health-watch").start(watch);
        MetricsWatch sampler = new MetricsWatch(base);
        Thread sampling = Thread.ofPlatform().daemon().name("metrics-watch").start(sampler);
        Rejoiner rejoiner = null;
        Thread rejoining = null;
        try {
            // ---- joins
            String[] secrets = new String[count];
            SecureRandom random = new SecureRandom();
            for (int i = 0; i < count; i++) {
                byte[] bytes = new byte[24];
                random.nextBytes(bytes);
                secrets[i] = HexFormat.of().formatHex(bytes);
            }
            long[] joinNanos = new long[count];
            AtomicInteger next = new AtomicInteger();
            List<String> failures = new CopyOnWriteArrayList<>();
            long joinStart = System.nanoTime();
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < options.joinClients(); c++) {
                clients.add(Thread.ofVirtual().name("join-" + c).start(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        long start = System.nanoTime();
                        String problem = join(base, ids[i], addresses[i], secrets[i]);
                        joinNanos[i] = System.nanoTime() - start;
                        watch.joined(Instant.now());
                        if (problem != null) {
                            failures.add(ids[i] + ": " + problem);
                        }
                    }
                }));
            }
            for (Thread t : clients) {
                t.join();
            }
            double joinSeconds = (System.nanoTime() - joinStart) / 1e9;
            watch.joinsDone(Instant.now());
            if (!failures.isEmpty()) {
                throw new IllegalStateException(failures.size() + " joins failed; the first: " + failures.getFirst());
            }
            long[] sortedJoins = joinNanos.clone();
            Arrays.sort(sortedJoins);
            log("%,d nodes joined in %.2f s (%.0f joins/s, %d clients; join p50 %.1f ms, max %.1f ms)", count, joinSeconds,
                    count / joinSeconds, options.joinClients(), percentile(sortedJoins, 50) / 1e6, sortedJoins[count - 1] / 1e6);
            if (!options.rejoin().isZero()) {
                List<Integer> liveIndexes = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    if (!isSilent[i]) {
                        liveIndexes.add(i);
                    }
                }
                rejoiner = new Rejoiner(base, liveIndexes, ids, addresses, secrets);
                rejoining = Thread.ofPlatform().daemon().name("rejoin").start(rejoiner);
            }

            // ---- sweeps
            Long cpuAtSecond = null;
            long sampleFrom = Long.MAX_VALUE;
            int lastLogged = 0;
            while (watch.fullSweeps() < sweeps + 2) {
                if (System.nanoTime() > deadline) {
                    outOfTime = true;
                    log("--max-minutes ran out after %d of %d timed sweeps", Math.max(0, watch.fullSweeps() - 2), sweeps);
                    break;
                }
                if (!server.isAlive()) {
                    throw new IllegalStateException("The gateway exited; see " + logFile);
                }
                if (cpuAtSecond == null && watch.fullSweeps() >= 2) {
                    cpuAtSecond = cpuNanos(server);
                    sampleFrom = System.nanoTime();
                }
                lastLogged = logSweeps(watch, lastLogged, count, silent, sweeps);
                Thread.sleep(100);
            }
            logSweeps(watch, lastLogged, count, silent, sweeps);
            long cpu = cpuAtSecond == null ? -1 : cpuNanos(server) - cpuAtSecond;
            long sampleTo = System.nanoTime();
            watch.stop();
            sampler.stop();
            if (rejoiner != null) {
                rejoiner.stop();
            }
            watcher.join(5000);
            sampling.join(5000);
            if (rejoining != null) {
                rejoining.join(5000);
            }
            double heapAfter = heapAfterGc(server);
            double sweepsRun = metrics(base).getOrDefault(SWEEP_COUNT, Double.NaN) - sweepsBefore;
            double reportCpuMs = reportCost(server, base.resolve("/nodes/health"));

            List<Sweep> all = watch.sweeps();
            List<Sweep> during = all.stream().filter(s -> s.registered() < count).toList();
            List<Sweep> full = all.stream().filter(s -> s.registered() == count).toList();
            List<Sweep> timed = full.size() > 2 ? full.subList(2, Math.min(full.size(), sweeps + 2)) : List.of();
            double[] startToStart = new double[Math.max(0, full.size() - 3)];
            for (int i = 3; i < full.size(); i++) {
                startToStart[i - 3] = Duration.between(full.get(i - 1).sweptAt(), full.get(i).sweptAt()).toNanos() / 1e6;
            }
            Arrays.sort(startToStart);
            long from = sampleFrom;
            List<Sample> samples = sampler.samples().stream().filter(s -> s.nanos() >= from && s.nanos() <= sampleTo).toList();
            double threadsPeak = samples.stream().mapToDouble(Sample::threads).max().orElse(Double.NaN);
            double heapPeak = samples.stream().mapToDouble(Sample::heapUsed).max().orElse(Double.NaN);
            Sample lastSample = samples.isEmpty() ? null : samples.getLast();
            String firstWrong = timed.stream().filter(s -> !s.right(count, silent)).findFirst()
                    .map(s -> String.format(Locale.ROOT, "covered %d of %d, %d missing, up/suspect/down %s, %d live DOWN, %d silent not DOWN",
                            s.covered(), count, s.missing(), s.states(), s.liveDown(), s.silentUp())).orElse(null);
            Row row = new Row(count, silent, readySeconds, joinSeconds, percentile(sortedJoins, 50) / 1e6, sortedJoins[count - 1] / 1e6,
                    during, full.isEmpty() ? null : full.get(0), full.size() < 2 ? null : full.get(1), timed, sweeps,
                    startToStart.length == 0 ? Double.NaN : percentile(startToStart, 50),
                    startToStart.length == 0 ? Double.NaN : startToStart[startToStart.length - 1],
                    threadsBefore, threadsPeak, lastSample == null ? Double.NaN : lastSample.threads(), heapBefore / 1e6, heapAfter / 1e6,
                    heapPeak / 1e6, lastSample == null ? Double.NaN : lastSample.heapUsed() / 1e6,
                    cpu < 0 || timed.isEmpty() ? Double.NaN : cpu / 1e6 / timed.size(),
                    rejoiner == null ? 0 : rejoiner.done.get(), rejoiner == null ? 0 : rejoiner.failed.get(), all.size(), sweepsRun, reportCpuMs,
                    loadStart, load(), firstWrong);
            if (!timed.isEmpty()) {
                double[] ms = row.sortedMs();
                log("%,d nodes: %d timed sweeps p50 %.0f ms, p95 %.0f ms, max %.0f ms; %d wrong, %d over %d ms; threads %.0f -> peak %.0f;"
                                + " heap after GC %.1f -> %.1f MB", count, timed.size(), percentile(ms, 50), percentile(ms, 95), ms[ms.length - 1],
                        row.wrong(), row.over(options.target()), options.target().toMillis(), threadsBefore, threadsPeak, heapBefore / 1e6,
                        heapAfter / 1e6);
            }
            return row;
        } finally {
            watch.stop();
            sampler.stop();
            if (rejoiner != null) {
                rejoiner.stop();
            }
            log("stopping the gateway");
            server.close();
            gateway = null;
        }
    }

    /** Logs the sweeps seen since the {@code from}th; returns how many are logged now. */
    private static int logSweeps(HealthWatch watch, int from, int count, int silent, int sweeps) {
        List<Sweep> seen = watch.sweeps();
        for (int i = from; i < seen.size(); i++) {
            Sweep s = seen.get(i);
            int full = watch.fullIndex(s);
            String kind = s.registered() < count ? "during joins" : full <= 2 ? "full #" + full : "timed " + (full - 2) + "/" + sweeps;
            log("  sweep %-13s %5d ms  pinged %,d  up/suspect/down %s%s%s", kind, s.ms(), s.registered(), s.states(),
                    s.registered() == count && full > 2 && !s.right(count, silent) ? "  WRONG" : "",
                    s.liveReasons().isEmpty() ? "" : "  live not UP: " + s.liveReasons()
                            + (s.unpinged() > 0 ? "; " + s.unpinged() + " not pinged by it" : ""));
        }
        return seen.size();
    }

    /** @return {@code null} if the gateway registered the node, else what went wrong */
    private String join(URI base, String id, String address, String secret) {
        // What Grid's nodes send (GatewayMembership): id, address, the tags of each dataset, and the node's own secret.
        String body = "{\"node-id\":\"" + id + "\",\"node-address\":\"" + address + "\",\"tag-sets\":[[\"#bench\",\"#classification\"]]}";
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/join"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("Grid-Node-Secret", secret)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? null : "HTTP " + response.statusCode() + ": " + response.body();
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** Reads {@code GET /nodes/health} every {@code --poll} and records each sweep once. */
    private final class HealthWatch implements Runnable {
        private final URI uri;
        private final String[] ids;
        private final Set<String> silentIds;
        private final List<Sweep> sweeps = new CopyOnWriteArrayList<>();
        /** When each join was answered, in order of the answers. */
        private final List<Instant> joins = new CopyOnWriteArrayList<>();
        private volatile Instant joinsDone;
        private volatile boolean stopped;
        private final AtomicInteger full = new AtomicInteger();
        private final Map<Instant, Integer> fullIndexes = new java.util.concurrent.ConcurrentHashMap<>();
        /** Sweeps that started earlier are not recorded: they ran before the watch (over no node). */
        private final Instant from;

        HealthWatch(URI base, String[] ids, Set<String> silentIds, Instant from) {
            this.uri = base.resolve("/nodes/health");
            this.ids = ids;
            this.silentIds = silentIds;
            this.from = from;
        }

        void joined(Instant at) {
            joins.add(at);
        }

        void joinsDone(Instant at) {
            joinsDone = at;
        }

        void stop() {
            stopped = true;
        }

        List<Sweep> sweeps() {
            return List.copyOf(sweeps);
        }

        int fullSweeps() {
            return full.get();
        }

        int fullIndex(Sweep sweep) {
            return fullIndexes.getOrDefault(sweep.sweptAt(), 0);
        }

        @Override
        public void run() {
            Instant lastSeen = null;
            Instant pendingAt = null;
            long pendingMs = 0;
            String pendingBody = null;
            while (!stopped) {
                long start = System.nanoTime();
                try {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    String body = response.body();
                    // swept-at and sweep-ms come first in the report: read them without parsing the thousand nodes.
                    String head = body.substring(0, Math.min(body.length(), 300));
                    Matcher at = SWEPT_AT.matcher(head);
                    if (response.statusCode() == 200 && at.find()) {
                        Instant sweptAt = Instant.parse(at.group(1));
                        if (sweptAt.isBefore(from)) {
                            lastSeen = sweptAt;
                        } else if (!sweptAt.equals(lastSeen)) {
                            if (pendingAt != null) {
                                // No second look before the next sweep ended: take the states as first seen.
                                record(pendingAt, pendingMs, pendingBody);
                            }
                            Matcher ms = SWEEP_MS.matcher(head);
                            pendingAt = sweptAt;
                            pendingMs = ms.find() ? Long.parseLong(ms.group(1)) : -1;
                            pendingBody = body;
                            lastSeen = sweptAt;
                        } else if (pendingAt != null) {
                            // A report taken after the sweep ended: its states are the ones the sweep left.
                            record(pendingAt, pendingMs, body);
                            pendingAt = null;
                            pendingBody = null;
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    if (!stopped) {
                        log("GET /nodes/health failed: %s", e);
                    }
                } catch (InterruptedException e) {
                    return;
                }
                long sleep = options.poll().toNanos() - (System.nanoTime() - start);
                if (sleep > 0) {
                    try {
                        TimeUnit.NANOSECONDS.sleep(sleep);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }

        private void record(Instant sweptAt, long ms, String body) {
            Instant done = joinsDone;
            boolean isFull = done != null && sweptAt.isAfter(done);
            // A sweep that started before the last join was answered pinged the nodes registered by then.
            int registered = isFull ? ids.length
                    : (int) Math.min(joins.stream().filter(j -> j.isBefore(sweptAt)).count(), ids.length - 1);
            Map<String, String> states = new HashMap<>();
            Map<String, String> reasons = new HashMap<>();
            int unpinged = 0;
            int up = 0;
            int suspect = 0;
            int down = 0;
            try (JsonReader reader = Json.createReader(new StringReader(body))) {
                JsonObject report = reader.readObject();
                for (JsonValue value : report.getJsonArray("nodes")) {
                    JsonObject node = value.asJsonObject();
                    String state = node.getString("state", "");
                    states.put(node.getString("node-id", ""), state);
                    if (node.get("reason") instanceof jakarta.json.JsonString reason) {
                        reasons.put(node.getString("node-id", ""), reason.getString());
                    }
                    if (!(node.get("last-ping") instanceof jakarta.json.JsonString ping) || Instant.parse(ping.getString()).isBefore(sweptAt)) {
                        unpinged++;
                    }
                    switch (state) {
                        case "UP" -> up++;
                        case "SUSPECT" -> suspect++;
                        case "DOWN" -> down++;
                        default -> {
                        }
                    }
                }
            }
            int liveDown = 0;
            int liveSuspect = 0;
            int silentUp = 0;
            int missing = 0;
            Map<String, Integer> liveReasons = new java.util.TreeMap<>();
            for (int i = 0; i < registered; i++) {
                String state = states.get(ids[i]);
                if (state == null) {
                    missing++;
                } else if (silentIds.contains(ids[i])) {
                    silentUp += "DOWN".equals(state) ? 0 : 1;
                } else {
                    liveDown += "DOWN".equals(state) ? 1 : 0;
                    liveSuspect += "SUSPECT".equals(state) ? 1 : 0;
                    if (!"UP".equals(state)) {
                        liveReasons.merge(reasons.getOrDefault(ids[i], "?"), 1, Integer::sum);
                    }
                }
            }
            Sweep sweep = new Sweep(sweptAt, ms, registered, up, suspect, down, liveDown, liveSuspect, silentUp, isFull ? missing : 0,
                    unpinged, liveReasons);
            if (isFull) {
                fullIndexes.put(sweptAt, full.get() + 1);
            }
            sweeps.add(sweep);
            if (isFull) {
                full.incrementAndGet();
            }
        }
    }

    /** Samples the gateway's threads, heap in use and sweep count from {@code GET /metrics} every second. */
    private final class MetricsWatch implements Runnable {
        private final URI base;
        private final List<Sample> samples = new CopyOnWriteArrayList<>();
        private volatile boolean stopped;

        MetricsWatch(URI base) {
            this.base = base;
        }

        void stop() {
            stopped = true;
        }

        List<Sample> samples() {
            return List.copyOf(samples);
        }

        @Override
        public void run() {
            while (!stopped) {
                try {
                    Map<String, Double> m = metrics(base);
                    samples.add(new Sample(System.nanoTime(), m.getOrDefault(THREADS, Double.NaN), m.getOrDefault(HEAP_USED, Double.NaN),
                            m.getOrDefault(SWEEP_COUNT, Double.NaN)));
                } catch (IOException | RuntimeException e) {
                    if (!stopped) {
                        log("GET /metrics failed: %s", e);
                    }
                } catch (InterruptedException e) {
                    return;
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Re-joins each live node every {@code --rejoin}, the nodes' phases evenly spread over the interval. */
    private final class Rejoiner implements Runnable {
        private final URI base;
        private final List<Integer> live;
        private final String[] ids;
        private final String[] addresses;
        private final String[] secrets;
        private final AtomicLong done = new AtomicLong();
        private final AtomicInteger failed = new AtomicInteger();
        private volatile boolean stopped;

        Rejoiner(URI base, List<Integer> live, String[] ids, String[] addresses, String[] secrets) {
            this.base = base;
            this.live = live;
            this.ids = ids;
            this.addresses = addresses;
            this.secrets = secrets;
        }

        void stop() {
            stopped = true;
        }

        @Override
        public void run() {
            long start = System.nanoTime();
            long every = options.rejoin().toNanos();
            for (long k = 1; !stopped; k++) {
                long due = start + k * every / live.size();
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    try {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (stopped) {
                    return;
                }
                int i = live.get((int) ((k - 1) % live.size()));
                if (join(base, ids[i], addresses[i], secrets[i]) == null) {
                    done.incrementAndGet();
                } else if (failed.getAndIncrement() == 0) {
                    log("a re-join of %s failed", ids[i]);
                }
            }
        }
    }

    // ---- the gateway's metrics ---------------------------------------------------------------------

    /**
     * @return the gateway's metrics without labels other than the scope: Prometheus name to value
     */
    private Map<String, Double> metrics(URI base) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/metrics")).timeout(Duration.ofSeconds(10))
                .header("Accept", "text/plain").build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET /metrics answered HTTP " + response.statusCode());
        }
        Map<String, Double> values = new HashMap<>();
        for (String line : response.body().split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            if (space < 0) {
                continue;
            }
            String name = brace > 0 && brace < space ? line.substring(0, brace) : line.substring(0, space);
            String labels = brace > 0 && brace < space ? line.substring(brace, line.indexOf('}', brace) + 1) : "";
            // Only unlabelled series (besides mp_scope): thread_count, memory_usedHeap_bytes, the timer's count.
            if (labels.replaceAll("mp_scope=\"[a-z]+\"", "").replaceAll("[{},\\s]", "").isEmpty()) {
                try {
                    values.putIfAbsent(name, Double.parseDouble(line.substring(space + 1).strip()));
                } catch (NumberFormatException e) {
                    // not a number: not one of ours
                }
            }
        }
        return values;
    }

    /** Runs a full GC in the gateway ({@code jcmd GC.run}) and reads its heap in use; NaN if that is not possible. */
    private double heapAfterGc(ServerProcess server) throws InterruptedException {
        try {
            Path jcmd = Distribution.java().resolveSibling("jcmd");
            Process gc = new ProcessBuilder(jcmd.toString(), Long.toString(server.handle().pid()), "GC.run")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!gc.waitFor(30, TimeUnit.SECONDS) || gc.exitValue() != 0) {
                gc.destroyForcibly();
                return Double.NaN;
            }
            Thread.sleep(200);
            return metrics(server.url()).getOrDefault(HEAP_USED, Double.NaN);
        } catch (IOException e) {
            log("no heap after GC: %s", e);
            return Double.NaN;
        }
    }

    /**
     * The gateway's CPU time for one {@code GET /nodes/health} (what this benchmark polls and the dashboard reads every
     * 2 s): 20 reads right after a sweep ended, when nothing else of this benchmark runs and the next sweep is an
     * interval away. NaN if no sweep ended within 10 s.
     */
    private double reportCost(ServerProcess server, URI report) throws IOException, InterruptedException {
        HttpRequest get = HttpRequest.newBuilder(report).timeout(Duration.ofSeconds(10)).build();
        String first = sweptAt(http.send(get, HttpResponse.BodyHandlers.ofString()).body());
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < until) {
            Thread.sleep(20);
            if (!java.util.Objects.equals(first, sweptAt(http.send(get, HttpResponse.BodyHandlers.ofString()).body()))) {
                long cpu = cpuNanos(server);
                for (int i = 0; i < 20; i++) {
                    http.send(get, HttpResponse.BodyHandlers.discarding());
                }
                return (cpuNanos(server) - cpu) / 1e6 / 20;
            }
        }
        return Double.NaN;
    }

    private static String sweptAt(String report) {
        Matcher at = SWEPT_AT.matcher(report.substring(0, Math.min(report.length(), 300)));
        return at.find() ? at.group(1) : null;
    }

    private static long cpuNanos(ServerProcess server) {
        return server.handle().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** Nearest-rank percentile of sorted values. */
    private static double percentile(double[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double percentile(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    // ---- reporting ----------------------------------------------------------------------------------

    private int report(List<Row> rows) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Health sweep in the real gateway (Payara Micro, -Xmx%s, full JIT): %s; JDK %s, %d cores;"
                        + " grid.health.interval %d ms, ping timeout 500 ms (default), %d %% of the nodes silent, live nodes re-join %s,"
                        + " GET /nodes/health read every %d ms%n%n",
                options.gatewayHeap(), options.commandLine().isEmpty() ? "defaults" : options.commandLine(), Runtime.version(),
                Runtime.getRuntime().availableProcessors(), options.interval().toMillis(), options.silentPercent(),
                options.rejoin().isZero() ? "never" : "every " + options.rejoin().toSeconds() + " s", options.poll().toMillis()));
        out.append("| nodes | silent | joins: time (joins/s) | join p50 / max | sweeps during the joins | first full sweep | second"
                + " | timed sweeps | p50 | p95 | max | min | over " + options.target().toMillis() + " ms | start to start p50 / max"
                + " | wrong sweeps | late live pings (sweeps with any) | up / suspect / down after the last"
                + " | gateway threads idle / peak / last | heap after GC idle / after the sweeps | heap in use peak / last"
                + " | gateway CPU per sweep period |\n");
        out.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|\n");
        boolean ok = true;
        StringBuilder notes = new StringBuilder();
        for (Row r : rows) {
            double[] ms = r.sortedMs();
            boolean complete = r.timed().size() == r.planned();
            ok &= complete && r.wrong() == 0 && r.over(options.target()) == 0;
            String during = r.duringJoins().isEmpty() ? "none" : r.duringJoins().size() + ", max "
                    + r.duringJoins().stream().mapToLong(Sweep::ms).max().orElse(0) + " ms";
            int late = r.timed().stream().mapToInt(Sweep::liveSuspect).sum();
            long lateSweeps = r.timed().stream().filter(s -> s.liveSuspect() > 0).count();
            out.append(String.format(Locale.ROOT, "| %,d | %d | %.2f s (%.0f) | %.1f / %.1f ms | %s | %s | %s | %s | %s | %s | %s | %s | %d | %s"
                            + " | %d | %d (%d) | %s | %.0f / %.0f / %.0f | %.1f / %.1f MB | %.0f / %.0f MB | %s |%n",
                    r.nodes(), r.silent(), r.joinSeconds(), r.nodes() / r.joinSeconds(), r.joinP50(), r.joinMax(), during,
                    r.first() == null ? "-" : r.first().ms() + " ms", r.second() == null ? "-" : r.second().ms() + " ms",
                    complete ? Integer.toString(r.timed().size()) : r.timed().size() + " of " + r.planned(),
                    ms.length == 0 ? "-" : fmt(percentile(ms, 50)), ms.length == 0 ? "-" : fmt(percentile(ms, 95)),
                    ms.length == 0 ? "-" : fmt(ms[ms.length - 1]), ms.length == 0 ? "-" : fmt(ms[0]), r.over(options.target()),
                    Double.isNaN(r.startToStartP50()) ? "-" : fmt(r.startToStartP50()) + " / " + fmt(r.startToStartMax()),
                    r.wrong(), late, lateSweeps, r.timed().isEmpty() ? "-" : r.timed().getLast().states(),
                    r.threadsBefore(), r.threadsPeak(), r.threadsLast(), r.heapBeforeMb(), r.heapAfterMb(), r.heapPeakMb(), r.heapLastMb(),
                    Double.isNaN(r.cpuPerSweepMs()) ? "-" : fmt(r.cpuPerSweepMs())));
            notes.append(String.format(Locale.ROOT, "- %,d nodes: gateway ready %.1f s after its start; sweeps during the joins:", r.nodes(),
                    r.readySeconds()));
            if (r.duringJoins().isEmpty()) {
                notes.append(" none");
            }
            for (Sweep s : r.duringJoins()) {
                notes.append(String.format(Locale.ROOT, " %d ms over %,d nodes;", s.ms(), s.registered()));
            }
            if (!r.duringJoins().isEmpty()) {
                notes.setLength(notes.length() - 1);
            }
            notes.append(String.format(Locale.ROOT, ". First two full sweeps (new connections), up / suspect / down after them: %s and %s."
                            + " Sweeps seen %d, run %s; %,d re-joins (%d failed); one GET /nodes/health cost the gateway %s of CPU."
                            + " Load average (1 min) %.1f at the start, %.1f at the end.",
                    describe(r.first()), describe(r.second()), r.sweepsSeen(),
                    Double.isNaN(r.sweepsRun()) ? "?" : String.format(Locale.ROOT, "%.0f", r.sweepsRun()), r.rejoins(), r.rejoinFailures(),
                    Double.isNaN(r.reportCpuMs()) ? "?" : String.format(Locale.ROOT, "%.1f ms", r.reportCpuMs()), r.loadStart(), r.loadEnd()));
            List<Sweep> liveDown = r.timed().stream().filter(s -> s.liveDown() > 0).toList();
            if (!liveDown.isEmpty()) {
                notes.append(String.format(Locale.ROOT, " Live nodes DOWN in %d timed sweeps, at most %d in one.", liveDown.size(),
                        liveDown.stream().mapToInt(Sweep::liveDown).max().orElse(0)));
            }
            if (r.firstWrong() != null) {
                notes.append(" First wrong timed sweep: ").append(r.firstWrong()).append('.');
            }
            notes.append('\n');
        }
        out.append('\n').append(notes);
        if (outOfTime) {
            out.append("The run hit --max-minutes ").append(options.maxMinutes()).append(" and stopped early.\n");
        }
        System.out.print(out);
        System.out.flush();
        log(outOfTime ? "out of time" : ok ? "every timed sweep was right and under " + options.target().toMillis() + " ms"
                : "a timed sweep was wrong or slower than " + options.target().toMillis() + " ms, or some are missing: see the table");
        return outOfTime ? 2 : ok ? 0 : 1;
    }

    private static String describe(Sweep s) {
        return s == null ? "-" : String.format(Locale.ROOT, "%d ms (%s, %d live nodes DOWN%s)", s.ms(), s.states(), s.liveDown(),
                s.liveReasons().isEmpty() ? "" : "; live not UP: " + s.liveReasons());
    }

    private static String fmt(double ms) {
        return String.format(Locale.ROOT, "%.0f ms", ms);
    }

    private static void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, "gateway-sweep: " + format + "%n", args);
    }

    // ---- stopping -----------------------------------------------------------------------------------

    /** Whatever happens, the process ends at {@code --max-minutes}, and the gateway and the fake nodes with it. */
    private void startWatchdog() {
        Thread.ofPlatform().daemon().name("watchdog").start(() -> {
            try {
                Thread.sleep(Duration.ofNanos(deadline - System.nanoTime()).plusSeconds(30));
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("gateway-sweep: still running 30 s after --max-minutes; killing the gateway and the fake nodes");
            ServerProcess server = gateway;
            if (server != null) {
                server.handle().destroyForcibly();
            }
            if (fakes != null) {
                fakes.destroyForcibly();
            }
            Runtime.getRuntime().halt(2);
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ServerProcess server = gateway;
            if (server != null && server.isAlive()) {
                server.handle().destroyForcibly();
            }
        }, "kill-gateway"));
    }

    private void stop() {
        ServerProcess server = gateway;
        if (server != null) {
            server.close();
        }
        if (fakes != null) {
            try {
                fakes.getOutputStream().close(); // the fake nodes end with their standard input
                if (!fakes.waitFor(20, TimeUnit.SECONDS)) {
                    fakes.destroyForcibly();
                }
            } catch (IOException | InterruptedException e) {
                fakes.destroyForcibly();
            }
        }
        http.close();
    }
}
