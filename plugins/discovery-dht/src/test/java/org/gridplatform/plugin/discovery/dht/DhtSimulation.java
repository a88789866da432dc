package org.gridplatform.plugin.discovery.dht;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import java.util.concurrent.CompletableFuture;

/**
 * A benchmark, not a test: the DHT's real routing, lookup, storage and signing code on a simulated network of
 * thousands of nodes in one JVM, in virtual time (see {@link SimulatedNetwork}), reporting how
 * lookups fare when nodes fail without warning. Run it with {@code plugins/discovery-dht/simulate.sh}.
 *
 * <p>For each network size N it builds a network (each node joins through a random earlier node, as
 * a node configured with one bootstrap peer does), has every node publish one tag of its own, then,
 * for each failure rate, fails that share of the nodes at random without warning and runs lookups:
 * a random live node looks up the tag of a random live provider, and the lookup succeeds when the
 * provider is among the providers it finds. Each failure rate starts from a fresh network with the
 * same seed.
 *
 * <p>Options: {@code --sizes 100,1000,10000 --failed 0,10,30 --lookups 2000 --seed 42
 * --latency 20-200 --loss 0.01 --rpc-timeout 1000}.
 */
public final class DhtSimulation {

    private static final int K = 20;
    private static final int ALPHA = 3;
    /** Joins, publishes and lookups run this many at a time: the network is busy, not idle. */
    private static final int CONCURRENT = 50;

    private record Options(int[] sizes, int[] failedPercents, int lookups, long seed, long minLatency, long maxLatency,
                           double loss, long rpcTimeout) {
    }

    private record Row(int nodes, int failedPercent, int lookups, double success, int medianHops, int p99Hops,
                       double meanMessages, double meanTable, long medianMillis, long p99Millis, double seconds) {
    }

    private DhtSimulation() {
    }

    public static void main(String[] args) {
        Options options = parse(args);
        System.out.printf(Locale.ROOT, "DHT simulation: k=%d, alpha=%d, one-way latency %d-%d ms, loss %.1f %% per message,"
                        + " RPC timeout %d ms, %d lookups per row, seed %d%n%n", K, ALPHA, options.minLatency(),
                options.maxLatency(), options.loss() * 100, options.rpcTimeout(), options.lookups(), options.seed());
        System.out.println("| nodes | failed | lookups | success | median hops | p99 hops | messages / lookup"
                + " | routing table (mean) | median lookup time | p99 lookup time |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (int size : options.sizes()) {
            for (int failed : options.failedPercents()) {
                Row row = run(size, failed, options);
                System.out.printf(Locale.ROOT, "| %,d | %d %% | %,d | %.2f %% | %d | %d | %.1f | %.1f | %d ms | %d ms |%n",
                        row.nodes(), row.failedPercent(), row.lookups(), row.success() * 100, row.medianHops(),
                        row.p99Hops(), row.meanMessages(), row.meanTable(), row.medianMillis(), row.p99Millis());
                System.err.printf(Locale.ROOT, "  (N=%d, %d %% failed: built and measured in %.1f s)%n", size, failed, row.seconds());
            }
        }
    }

    private static Row run(int size, int failedPercent, Options options) {
        long started = System.nanoTime();
        SimulatedNetwork network = new SimulatedNetwork(new SimulatedNetwork.Wire(options.minLatency(),
                options.maxLatency(), options.loss(), Duration.ofMillis(options.rpcTimeout())), options.seed() + size);
        Random random = network.random();
        // Records outlive the run: building a large network takes longer in virtual time than their
        // usual lifetime, and expiry is not what is measured here (DhtNodeTest covers it).
        DhtSettings settings = network.settings(K, ALPHA, Duration.ofHours(24));

        // Build: nodes join in waves of CONCURRENT, each through a random node that joined before.
        network.add("node-0", settings);
        for (int from = 1; from < size; from += CONCURRENT) {
            int joined = from;
            List<CompletableFuture<?>> joins = new ArrayList<>();
            for (int i = from; i < Math.min(size, from + CONCURRENT); i++) {
                DhtNode node = network.add("node-" + i, settings);
                DhtNode bootstrap = network.nodes().get(random.nextInt(joined));
                joins.add(node.join(List.of(bootstrap.self().address())));
            }
            network.run(CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new)));
        }
        network.run();

        // Publish: every node announces one tag of its own.
        List<DhtNode> nodes = network.nodes();
        for (int from = 0; from < size; from += CONCURRENT) {
            List<CompletableFuture<?>> publishes = new ArrayList<>();
            for (int i = from; i < Math.min(size, from + CONCURRENT); i++) {
                publishes.add(nodes.get(i).publish(List.of("tag-" + i)));
            }
            network.run(CompletableFuture.allOf(publishes.toArray(CompletableFuture[]::new)));
        }
        network.run();
        double meanTable = nodes.stream().mapToInt(node -> node.table().size()).average().orElse(0);

        // Fail a share of the nodes without warning.
        List<DhtNode> shuffled = new ArrayList<>(nodes);
        Collections.shuffle(shuffled, random);
        int failed = size * failedPercent / 100;
        shuffled.subList(0, failed).forEach(network::fail);
        List<DhtNode> live = shuffled.subList(failed, size);

        // Look up: a random live node searches the tag of a random live provider.
        int lookups = options.lookups();
        int[] hops = new int[lookups];
        int[] messages = new int[lookups];
        long[] millis = new long[lookups];
        int found = 0;
        for (int from = 0; from < lookups; from += CONCURRENT) {
            int count = Math.min(lookups, from + CONCURRENT) - from;
            List<CompletableFuture<Lookup.Result>> results = new ArrayList<>();
            String[] providers = new String[count];
            for (int j = 0; j < count; j++) {
                DhtNode searcher = live.get(random.nextInt(live.size()));
                DhtNode provider = live.get(random.nextInt(live.size()));
                String tag = "tag-" + provider.self().nodeId().substring("node-".length());
                providers[j] = provider.self().nodeId();
                int index = from + j;
                long start = network.now();
                results.add(searcher.lookup(Key.sha256(tag), Lookup.Kind.VALUE, true)
                        .whenComplete((result, failure) -> millis[index] = network.now() - start));
            }
            network.run(CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)));
            for (int j = 0; j < count; j++) {
                Lookup.Result result = results.get(j).join();
                String provider = providers[j];
                boolean success = result.providers().stream().anyMatch(p -> p.contact().nodeId().equals(provider));
                found += success ? 1 : 0;
                hops[from + j] = result.hops();
                messages[from + j] = result.queries();
            }
        }
        network.run();
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Row(size, failedPercent, lookups, (double) found / lookups, percentile(hops, 50), percentile(hops, 99),
                Arrays.stream(messages).average().orElse(0), meanTable, percentile(millis, 50), percentile(millis, 99), seconds);
    }

    private static int percentile(int[] values, int percent) {
        int[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percent / 100.0 * sorted.length) - 1)];
    }

    private static long percentile(long[] values, int percent) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percent / 100.0 * sorted.length) - 1)];
    }

    private static Options parse(String[] args) {
        int[] sizes = {100, 1_000, 10_000};
        int[] failed = {0, 10, 30};
        int lookups = 2_000;
        long seed = 42;
        long minLatency = 20;
        long maxLatency = 200;
        double loss = 0.01;
        long rpcTimeout = 1_000;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--sizes" -> sizes = ints(value);
                case "--failed" -> failed = ints(value);
                case "--lookups" -> lookups = Integer.parseInt(value);
                case "--seed" -> seed = Long.parseLong(value);
                case "--latency" -> {
                    String[] range = value.split("-");
                    minLatency = Long.parseLong(range[0]);
                    maxLatency = Long.parseLong(range[1]);
                }
                case "--loss" -> loss = Double.parseDouble(value);
                case "--rpc-timeout" -> rpcTimeout = Long.parseLong(value);
                default -> throw new IllegalArgumentException("Unknown option " + args[i]
                        + "; use --sizes, --failed, --lookups, --seed, --latency MIN-MAX, --loss or --rpc-timeout");
            }
            i++;
        }
        return new Options(sizes, failed, lookups, seed, minLatency, maxLatency, loss, rpcTimeout);
    }

    private static int[] ints(String list) {
        return Arrays.stream(list.split(",")).mapToInt(text -> Integer.parseInt(text.strip())).toArray();
    }

}
