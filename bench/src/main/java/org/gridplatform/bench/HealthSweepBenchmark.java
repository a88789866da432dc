package org.gridplatform.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.gridplatform.api.Durations;
import org.gridplatform.api.NodeEntry;
import org.gridplatform.server.discovery.HttpNodeTransport;
import org.gridplatform.server.health.HealthSettings;
import org.gridplatform.server.health.HealthSweep;
import org.gridplatform.spi.discovery.NodeTransport;

/**
 * Times one health sweep of the gateway over many registered nodes: the real {@link HealthSweep} over the
 * real {@link HttpNodeTransport} (what {@code HealthMonitor} runs in the gateway, without the server around
 * it), against fake nodes in a separate process ({@link FakeHealthNodes}), each on its own port of
 * 127.0.0.1, of which a share accepts connections and never answers.
 *
 * <p>For each number of nodes and each share of silent nodes (a row), it creates a fresh transport and
 * sweep with the default settings ({@link HealthSettings#DEFAULTS}: a 500 ms ping timeout, SUSPECT after
 * 1 missed ping, DOWN after 2), runs warm-up sweeps, then timed sweeps with a pause between them, and
 * checks every timed sweep: every node pinged, the silent ones DOWN and no live one DOWN. It measures each
 * sweep's duration (from the call to its return, which waits for every answer or timeout), the live nodes
 * whose answer came after the timeout (SUSPECT: a sign that the machine, not the node, was too slow), the JVM's peak
 * count of live platform threads during the sweeps against the count before them, the heap used after a
 * full GC before the first and after the last sweep, the peak heap use during the sweeps (garbage
 * included), and the CPU time of this process and of the fake nodes per timed sweep.
 *
 * <p>Everything binds to 127.0.0.1. The run stops by itself after {@code --max-minutes}. It prints a
 * Markdown table on standard output and progress on standard error. Exit status: 0 when every timed sweep
 * was right and took less than the target, 1 when one was wrong or slower, 2 when the time ran out, 3 on
 * an error. Late live pings are reported, not failed: they measure the machine's load as much as the sweep.
 *
 * <pre>
 * java -cp grid-bench.jar org.gridplatform.bench.HealthSweepBenchmark [options]
 *   --nodes 100,1000       registered nodes per row
 *   --silent 0,10          percent of them that accept connections and never answer, one row each
 *   --sweeps 20            timed sweeps per row
 *   --jit-warmup 30s       back-to-back sweeps over the live nodes before the first row, so that the JIT has compiled
 *                          the transport as in a gateway that has run for a while (0s to measure a cold JVM)
 *   --warmup 5             sweeps before the timed ones, per row, each with a new transport (new connections);
 *                          the first is reported on its own
 *   --pause 1s             between two sweeps (a gateway waits grid.health.interval, 10 s)
 *   --timeout 500ms        the ping timeout (grid.health.timeout)
 *   --target 1s            the most a timed sweep may take
 *   --max-minutes 8        the time after which the run stops
 * </pre>
 */
public final class HealthSweepBenchmark {

    /** The options, see the class comment. */
    record Options(List<Integer> nodes, List<Integer> silentPercent, int sweeps, int warmup, Duration jitWarmup, Duration pause,
                   Duration timeout, Duration target, double maxMinutes, String commandLine) {

        static Options parse(String[] args) {
            Map<String, String> values = new HashMap<>(Map.of("nodes", "100,1000", "silent", "0,10", "sweeps", "20", "warmup", "5",
                    "jit-warmup", "30s", "pause", "1s", "timeout", HealthSettings.DEFAULTS.timeout().toMillis() + "ms", "target", "1s",
                    "max-minutes", "8"));
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("-h") || arg.equals("--help")) {
                    throw new UsageException(null);
                }
                if (!arg.startsWith("--") || !values.containsKey(arg.substring(2))) {
                    throw new UsageException("Unknown option " + arg);
                }
                if (i + 1 >= args.length) {
                    throw new UsageException("Option " + arg + " needs a value");
                }
                values.put(arg.substring(2), args[++i]);
            }
            List<Integer> silent = ints(values.get("silent"), "silent", 0);
            if (silent.stream().anyMatch(p -> p > 100)) {
                throw new UsageException("--silent takes percentages, 0 to 100");
            }
            List<Integer> nodes = ints(values.get("nodes"), "nodes", 1);
            if (nodes.stream().anyMatch(n -> n > 5000)) {
                throw new UsageException("At most 5000 nodes: each is a port and a thread of the fake nodes' process");
            }
            return new Options(nodes, silent, ints(values.get("sweeps"), "sweeps", 1).getFirst(),
                    ints(values.get("warmup"), "warmup", 0).getFirst(), Durations.parse(values.get("jit-warmup"), "--jit-warmup"),
                    Durations.parse(values.get("pause"), "--pause"),
                    Durations.parse(values.get("timeout"), "--timeout"), Durations.parse(values.get("target"), "--target"),
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
    }

    /** A wrong command line; {@code null} for --help. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** One row of the table. */
    record Row(int nodes, int silent, int sweeps, long firstMs, double p50, double p95, double max, double min, double sendingP50,
               double sendingMax, double liveRoundTripP50, double liveRoundTripP99, int threadsBefore, int peakThreads, long heapBefore,
               long heapAfter, long heapPeak, double cpuPerSweepMs, double fakeCpuPerSweepMs, String states, int latePings, int wrong,
               int overTarget) {
    }

    /**
     * The sweep's transport, watched: when the sweep handed it its last ping (how long sending a
     * sweep's pings takes, before any timeout can end the sweep), and each answered ping's round trip
     * from that call to the answer read. Adds two clock reads and a list append per ping.
     */
    static final class WatchedTransport implements NodeTransport {
        private final NodeTransport inner;
        private volatile long lastPingSent;
        private final List<Long> roundTrips = java.util.Collections.synchronizedList(new ArrayList<>());

        WatchedTransport(NodeTransport inner) {
            this.inner = inner;
        }

        @Override
        public java.util.concurrent.CompletableFuture<Reply> post(org.gridplatform.api.NodeAddress node, String path, String json,
                                                                  Duration timeout) {
            return inner.post(node, path, json, timeout);
        }

        @Override
        public java.util.concurrent.CompletableFuture<Reply> get(org.gridplatform.api.NodeAddress node, String path, Duration timeout) {
            if (!path.equals("/health/live")) {
                return inner.get(node, path, timeout);
            }
            long start = System.nanoTime();
            java.util.concurrent.CompletableFuture<Reply> reply = inner.get(node, path, timeout);
            lastPingSent = System.nanoTime();
            return reply.whenComplete((answer, failure) -> {
                if (answer != null && answer.ok()) {
                    roundTrips.add(System.nanoTime() - start);
                }
            });
        }

        long lastPingSent() {
            return lastPingSent;
        }

        List<Long> takeRoundTrips() {
            synchronized (roundTrips) {
                List<Long> taken = new ArrayList<>(roundTrips);
                roundTrips.clear();
                return taken;
            }
        }
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private HealthSweepBenchmark() {
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (UsageException e) {
            if (e.getMessage() != null) {
                System.err.println(e.getMessage());
            }
            System.err.println("Usage: bench/health-sweep.sh [--nodes 100,1000] [--silent 0,10] [--sweeps 20] [--jit-warmup 30s] [--warmup 5]"
                    + " [--pause 1s]"
                    + " [--timeout 500ms] [--target 1s] [--max-minutes 8]");
            System.exit(e.getMessage() == null ? 0 : 3);
            return;
        }
        Process fakes = null;
        try {
            int most = options.nodes().stream().max(Integer::compare).orElseThrow();
            int mostSilent = options.nodes().stream().mapToInt(n -> silentCount(n, options.silentPercent().stream()
                    .max(Integer::compare).orElseThrow())).max().orElseThrow();
            fakes = startFakes(most, mostSilent, options.maxMinutes() + 1);
            watchdog(options, fakes);
            Ports ports = ports(fakes);
            if (ports.live().size() < most || ports.silent().size() < mostSilent) {
                throw new IllegalStateException("The fake nodes opened " + ports.live().size() + " live and " + ports.silent().size()
                        + " silent ports, not " + most + " and " + mostSilent);
            }
            int threadsAtStart = THREADS.getThreadCount();
            jitWarmup(options, ports.live().subList(0, most));
            double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            List<Row> rows = new ArrayList<>();
            for (int nodes : options.nodes()) {
                for (int percent : options.silentPercent()) {
                    rows.add(row(options, nodes, silentCount(nodes, percent), ports, fakes));
                }
            }
            print(options, rows, threadsAtStart, loadBefore, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            boolean ok = rows.stream().allMatch(r -> r.wrong() == 0 && r.overTarget() == 0);
            System.err.println(ok ? "Every timed sweep was right and under " + options.target().toMillis() + " ms."
                    : "A sweep was wrong or slower than " + options.target().toMillis() + " ms: see the table.");
            fakes.getOutputStream().close();
            fakes.waitFor(30, TimeUnit.SECONDS);
            System.exit(ok ? 0 : 1);
        } catch (Exception e) {
            e.printStackTrace();
            if (fakes != null) {
                fakes.destroyForcibly();
            }
            System.exit(3);
        }
    }

    /** Sweeps the live nodes back to back for {@code --jit-warmup}, with a transport of its own. */
    private static void jitWarmup(Options options, List<Integer> ports) {
        if (options.jitWarmup().isZero()) {
            return;
        }
        Instant now = Instant.now();
        List<NodeEntry> nodes = new ArrayList<>();
        for (int i = 0; i < ports.size(); i++) {
            nodes.add(new NodeEntry(String.format(Locale.ROOT, "warm-%04d", i), "http://127.0.0.1:" + ports.get(i), now, now));
        }
        try (HttpNodeTransport transport = new HttpNodeTransport()) {
            HealthSweep sweep = new HealthSweep(transport, HealthSettings.DEFAULTS, Clock.systemUTC());
            long end = System.nanoTime() + options.jitWarmup().toNanos();
            int count = 0;
            long first = -1;
            while (System.nanoTime() < end) {
                long start = System.nanoTime();
                sweep.sweep(nodes);
                if (first < 0) {
                    first = (System.nanoTime() - start) / 1_000_000;
                }
                count++;
            }
            System.err.printf("JIT warm-up: %d sweeps over %,d live nodes in %d s; the first (cold JVM, new connections) took %d ms%n",
                    count, nodes.size(), options.jitWarmup().toSeconds(), first);
        }
    }

    private static int silentCount(int nodes, int percent) {
        return (int) Math.round(nodes * percent / 100.0);
    }

    /** Starts {@link FakeHealthNodes} with this JVM's java and class path (also for {@link GatewaySweepBenchmark}). */
    static Process startFakes(int live, int silent, double maxMinutes) throws IOException {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = List.of(java, "-Xmx512m", "-Xss256k", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                FakeHealthNodes.class.getName(), "--live", Integer.toString(live), "--silent", Integer.toString(silent),
                "--max-minutes", Double.toString(maxMinutes));
        System.err.printf("Starting %d live and %d silent fake nodes, each on its own port of 127.0.0.1...%n", live, silent);
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        return process;
    }

    /** Stops everything after {@code --max-minutes}, whatever happens. */
    private static void watchdog(Options options, Process fakes) {
        Thread.ofPlatform().daemon().name("bench-watchdog").start(() -> {
            try {
                Thread.sleep(Duration.ofMillis((long) (options.maxMinutes() * 60_000)));
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("The run took longer than --max-minutes " + options.maxMinutes() + "; stopping.");
            fakes.destroyForcibly();
            Runtime.getRuntime().halt(2);
        });
    }

    /** The ports the fake nodes opened: live ones answer, silent ones never do. */
    record Ports(List<Integer> live, List<Integer> silent) {
    }

    /** Reads the ports from the fake nodes' standard output, up to their {@code READY}. */
    static Ports ports(Process fakes) throws IOException, InterruptedException {
        BufferedReader out = new BufferedReader(new InputStreamReader(fakes.getInputStream(), StandardCharsets.US_ASCII));
        List<Integer> live = List.of();
        List<Integer> silent = List.of();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("LIVE")) {
                live = numbers(line);
            } else if (line.startsWith("SILENT")) {
                silent = numbers(line);
            } else if (line.equals("READY")) {
                return new Ports(live, silent);
            }
        }
        throw new IOException("The fake nodes ended before they were ready (exit " + fakes.waitFor(5, TimeUnit.SECONDS) + ")");
    }

    private static List<Integer> numbers(String line) {
        String[] parts = line.strip().split(" ");
        return Arrays.stream(parts, 1, parts.length).map(Integer::parseInt).toList();
    }

    private static Row row(Options options, int count, int silent, Ports ports, Process fakes) throws Exception {
        // The silent nodes are spread evenly among the others, so that the sweep meets them all along.
        List<NodeEntry> nodes = new ArrayList<>(count);
        Instant now = Instant.now();
        int live = 0;
        int quiet = 0;
        for (int i = 0; i < count; i++) {
            boolean isSilent = quiet < silent && (long) i * silent / count >= quiet;
            int port = isSilent ? ports.silent().get(quiet++) : ports.live().get(live++);
            nodes.add(new NodeEntry(String.format(Locale.ROOT, "node-%04d", i), "http://127.0.0.1:" + port, now, now));
        }
        HealthSettings settings = new HealthSettings(HealthSettings.DEFAULTS.interval(), options.timeout(),
                HealthSettings.DEFAULTS.suspectAfter(), HealthSettings.DEFAULTS.downAfter(), HealthSettings.DEFAULTS.grace(),
                HealthSettings.DEFAULTS.catalogInterval());
        System.err.printf("%,d nodes, %d silent: %d warm-up and %d timed sweeps, %d ms apart%n", count, silent, options.warmup(),
                options.sweeps(), options.pause().toMillis());
        try (HttpNodeTransport http = new HttpNodeTransport()) {
            WatchedTransport transport = new WatchedTransport(http);
            HealthSweep sweep = new HealthSweep(transport, settings, Clock.systemUTC());
            Thread.sleep(1000); // the previous row's transport lets go of its connections
            long heapBefore = heapAfterGc();
            int threadsBefore = THREADS.getThreadCount();
            long first = -1;
            for (int i = 0; i < options.warmup(); i++) {
                long start = System.nanoTime();
                sweep.sweep(nodes);
                long ms = (System.nanoTime() - start) / 1_000_000;
                if (first < 0) {
                    first = ms;
                }
                System.err.printf("  warm-up sweep %d: %d ms%n", i + 1, ms);
                Thread.sleep(options.pause());
            }
            THREADS.resetPeakThreadCount();
            List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).toList();
            heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
            long cpuBefore = cpuNanos();
            long fakeCpuBefore = cpuNanos(fakes);
            double[] ms = new double[options.sweeps()];
            double[] sending = new double[options.sweeps()];
            transport.takeRoundTrips();
            List<Long> roundTrips = new ArrayList<>();
            int wrong = 0;
            int late = 0;
            int over = 0;
            HealthSweep.Summary last = null;
            for (int i = 0; i < options.sweeps(); i++) {
                long start = System.nanoTime();
                HealthSweep.Summary summary = sweep.sweep(nodes);
                ms[i] = (System.nanoTime() - start) / 1e6;
                sending[i] = (transport.lastPingSent() - start) / 1e6;
                roundTrips.addAll(transport.takeRoundTrips());
                last = summary;
                // After the warm-up (2 sweeps at least), every silent node has missed down-after pings in a row and is DOWN.
                // A live node whose answer came after the timeout is SUSPECT (late, still searched); DOWN would be wrong.
                boolean right = summary.pinged() == count && summary.down() == silent && summary.up() + summary.suspect() == count - silent;
                if (!right) {
                    wrong++;
                }
                late += summary.suspect();
                if (ms[i] >= options.target().toMillis()) {
                    over++;
                }
                System.err.printf("  sweep %2d: %7.1f ms (pings sent after %5.1f ms)  up %d suspect %d down %d%s%n", i + 1, ms[i],
                        sending[i], summary.up(), summary.suspect(), summary.down(), right ? "" : "  WRONG");
                Thread.sleep(options.pause());
            }
            long cpu = cpuNanos() - cpuBefore;
            long fakeCpu = cpuNanos(fakes) - fakeCpuBefore;
            int peakThreads = THREADS.getPeakThreadCount();
            long heapPeak = heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            long heapAfter = heapAfterGc();
            double[] sorted = ms.clone();
            Arrays.sort(sorted);
            Arrays.sort(sending);
            double[] trips = roundTrips.stream().mapToDouble(n -> n / 1e6).sorted().toArray();
            return new Row(count, silent, options.sweeps(), first, percentile(sorted, 50), percentile(sorted, 95), sorted[sorted.length - 1],
                    sorted[0], percentile(sending, 50), sending[sending.length - 1], trips.length == 0 ? Double.NaN : percentile(trips, 50),
                    trips.length == 0 ? Double.NaN : percentile(trips, 99), threadsBefore, peakThreads, heapBefore, heapAfter, heapPeak, cpu / 1e6 / options.sweeps(),
                    fakeCpu < 0 ? -1 : fakeCpu / 1e6 / options.sweeps(),
                    last.up() + " / " + last.suspect() + " / " + last.down(), late, wrong, over);
        }
    }

    /** Nearest-rank percentile of sorted values. */
    private static double percentile(double[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 2; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long cpuNanos(Process process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }

    private static void print(Options options, List<Row> rows, int threadsAtStart, double loadBefore, double loadAfter) {
        System.out.printf("Health sweep over registered nodes: %s, JDK %s, %d cores; ping timeout %d ms, %d timed sweeps per row"
                        + " (after %d s of JIT warm-up and %d warm-up sweeps per row), %d ms apart%n%n",
                options.commandLine().isEmpty() ? "defaults" : options.commandLine(), Runtime.version(),
                Runtime.getRuntime().availableProcessors(), options.timeout().toMillis(), options.sweeps(), options.jitWarmup().toSeconds(),
                options.warmup(), options.pause().toMillis());
        System.out.printf(Locale.ROOT, "Machine load average (1 minute) when the rows started: %.1f, when they ended: %.1f."
                + " Live platform threads of this JVM before its first sweep: %d.%n%n", loadBefore, loadAfter, threadsAtStart);
        System.out.println("| nodes | silent | first sweep (new connections) | p50 | p95 | max | min | all pings sent after (p50 / max)"
                + " | answered ping round trip (p50 / p99) | platform threads before / peak during sweeps"
                + " | heap after GC before / after | peak heap during sweeps | bench CPU per sweep | fake nodes' CPU per sweep"
                + " | up / suspect / down after the last | late live pings | wrong sweeps | sweeps over " + options.target().toMillis()
                + " ms |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|");
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, "| %,d | %d (%d %%) | %d ms | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %.1f / %.1f ms"
                            + " | %.1f / %.1f ms | %d / %d | %.1f / %.1f MB | %.1f MB | %.1f ms | %s | %s | %d | %d | %d |%n",
                    r.nodes(), r.silent(), Math.round(100.0 * r.silent() / r.nodes()), r.firstMs(), r.p50(), r.p95(), r.max(), r.min(),
                    r.sendingP50(), r.sendingMax(), r.liveRoundTripP50(), r.liveRoundTripP99(), r.threadsBefore(), r.peakThreads(), r.heapBefore() / 1e6, r.heapAfter() / 1e6, r.heapPeak() / 1e6,
                    r.cpuPerSweepMs(), r.fakeCpuPerSweepMs() < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f ms", r.fakeCpuPerSweepMs()),
                    r.states(), r.latePings(), r.wrong(), r.overTarget());
        }
    }
}
