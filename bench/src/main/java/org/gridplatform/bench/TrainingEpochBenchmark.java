package org.gridplatform.bench;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.gridplatform.api.HeldOutSplit;
import org.gridplatform.client.federated.ArrayData;
import org.gridplatform.client.launch.Distribution;
import org.gridplatform.client.launch.ServerProcess;
import org.gridplatform.plugin.training.tribuo.TribuoLogisticFactory;
import org.gridplatform.spi.config.ConfigKey;
import org.gridplatform.spi.training.LocalUpdate;
import org.gridplatform.spi.training.ModelParameters;
import org.gridplatform.spi.training.ModelSchema;
import org.gridplatform.spi.training.Task;
import org.gridplatform.spi.training.TrainingBackend;
import org.gridplatform.spi.training.TrainingSettings;

/**
 * One local epoch of {@code tribuo-logistic} on a Fashion-MNIST shard (6,000 images x 784 pixels, of
 * which the node trains on its fixed 80 % split: 4,800 rows), timed two ways:
 * <ol>
 *   <li>through a real node on Payara Micro: {@code POST /training/steps} with the full JSON request
 *       (schema of 784 features and 10 labels, scaling per feature, parameters 10 x 785), timed from
 *       building the body to the parsed answer; the answer's {@code duration-ms} (the backend's
 *       compute inside the node) is kept as a third column;</li>
 *   <li>directly: the same backend ({@link TribuoLogisticFactory}) on the same 4,800 rows, in the same
 *       order, with the same values (IdxLoader's float scaling), settings and start parameters, in this
 *       JVM, while the node is idle.</li>
 * </ol>
 * Both parameter sets are compared after the warm-up: they must agree (same data, same seed).
 *
 * <pre>
 * bench/training-epoch.sh [--reps 5] [--warmup 10] [--rows 6000] [--node-heap 1g] [--max-minutes 8]
 * </pre>
 * Prints a Markdown table on standard output and progress on standard error. Exit status: 0 done,
 * 2 bad options, 3 failure, 4 out of time.
 */
public final class TrainingEpochBenchmark {

    private static final String DATASET = "fmnist-shard";
    private static final List<String> LABELS = List.of("T-shirt/top", "Trouser", "Pullover", "Dress",
            "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    private static final String BACKEND = "tribuo-logistic";
    /** The request's settings, and the same for the direct call. */
    private static final Map<String, String> SETTINGS = Map.of("epochs", "1", "learning-rate", "0.3", "seed", "42",
            "optimiser", "adagrad", "minibatch-size", "1");

    private record Options(Path fashionDir, int rows, int warmup, int reps, String nodeHeap, Path log, int maxMinutes) {
    }

    private final Options options;
    private volatile ServerProcess node;

    private TrainingEpochBenchmark(Options options) {
        this.options = options;
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("training-epoch: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (options == null) {
            System.exit(0);
            return;
        }
        TrainingEpochBenchmark bench = new TrainingEpochBenchmark(options);
        int status = 0;
        try {
            bench.run();
        } catch (Exception e) {
            e.printStackTrace();
            status = 3;
        } finally {
            bench.stopNode();
        }
        System.exit(status);
    }

    private static Options parse(String[] args) {
        Path dir = Path.of("/usr/share/datasets/fashion-mnist");
        int rows = 6000;
        int warmup = 10;
        int reps = 5;
        String heap = "1g";
        Path log = Path.of("bench/target/training-epoch-node.log");
        int minutes = 8;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                System.out.println("""
                        training-epoch: one local epoch of tribuo-logistic on a Fashion-MNIST shard, through a node's
                        POST /training/steps and called directly, and the endpoint's overhead.
                          --fashion-dir DIR   the Fashion-MNIST files (default /usr/share/datasets/fashion-mnist)
                          --rows N            the shard's images, every k-th of the training set (default 6000)
                          --warmup N          warm-up epochs per path (default 10)
                          --reps N            timed epochs per path, alternating (default 5)
                          --node-heap SIZE    the node's -Xmx (default 1g)
                          --log FILE          the node's log (default bench/target/training-epoch-node.log)
                          --max-minutes N     stop, killing the node, after this long (default 8)""");
                return null;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(a + " needs a value; see --help");
            }
            String v = args[++i];
            try {
                switch (a) {
                    case "--fashion-dir" -> dir = Path.of(v);
                    case "--rows" -> rows = Integer.parseInt(v);
                    case "--warmup" -> warmup = Integer.parseInt(v);
                    case "--reps" -> reps = Integer.parseInt(v);
                    case "--node-heap" -> heap = v;
                    case "--log" -> log = Path.of(v);
                    case "--max-minutes" -> minutes = Integer.parseInt(v);
                    default -> throw new IllegalArgumentException("unknown option " + a + "; see --help");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(a + " needs a whole number, not " + v);
            }
        }
        if (rows < 10 || rows > 60000 || reps < 1 || warmup < 0 || minutes < 1) {
            throw new IllegalArgumentException("--rows 10..60000, --reps >= 1, --warmup >= 0, --max-minutes >= 1");
        }
        return new Options(dir, rows, warmup, reps, heap, log, minutes);
    }

    // ---- the run ------------------------------------------------------------------------------------

    private void run() throws Exception {
        startWatchdog();
        // Tribuo logs two INFO lines per epoch; the node logs them to its own file.
        java.util.logging.Logger.getLogger("org.tribuo").setLevel(java.util.logging.Level.WARNING);
        Shard shard = Shard.read(options.fashionDir(), options.rows());
        Path data = Files.createTempDirectory("grid-training-epoch-data-");
        shard.write(data, DATASET);
        log("wrote %d images (every %d-th of the training set) as IDX to %s", shard.count, shard.step, data);

        List<String> features = new ArrayList<>(784);
        for (int r = 0; r < shard.height; r++) {
            for (int c = 0; c < shard.width; c++) {
                features.add(String.format(Locale.ROOT, "pixel_%02d_%02d", r, c));
            }
        }
        ModelSchema schema = new ModelSchema(Task.CLASSIFICATION, features, LABELS, "label");
        double[][] zeros = new double[LABELS.size()][features.size() + 1];
        ModelParameters start = new ModelParameters(schema, zeros);
        ArrayData rows = shard.trainRows(schema, DATASET);
        log("direct path: %d training rows x %d features (the node's 80 %% split of dataset '%s')",
                rows.size(), features.size(), DATASET);

        TrainingBackend backend = new TribuoLogisticFactory().create(new BenchSupport.DefaultsConfig("grid.training." + BACKEND));
        TrainingSettings settings = new MapSettings(SETTINGS);
        String token = token();

        Distribution dist = Distribution.locate();
        int port = ServerProcess.freePort();
        Map<String, String> config = new LinkedHashMap<>();
        config.put("grid.node.id", "bench-node");
        config.put("grid.node.address", "http://127.0.0.1:" + port);
        config.put("grid.node.data-dir", data.toString());
        config.put("grid.node.owner-password", token);
        config.put("grid.node.training.concurrency", "1");
        log("starting the node (%s, -Xmx%s, full JIT) on 127.0.0.1:%d; log %s", dist.nodeWar(), options.nodeHeap(), port,
                options.log().toAbsolutePath());
        long boot = System.nanoTime();
        node = ServerProcess.start(dist, dist.nodeWar(), "node", port, config, options.nodeHeap(), List.of(), options.log());
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopNode, "kill-node"));
        node.awaitReady(Duration.ofMinutes(3));
        log("node ready in %.1f s", (System.nanoTime() - boot) / 1e9);

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        URI steps = node.url().resolve("/training/steps");
        // The node's owner signs in once: the token is good for an hour, longer than the benchmark.
        String bearer = org.gridplatform.client.NodeClient.signIn(node.url(), "owner", token).token();
        Http path = new Http(http, steps, bearer, features, zeros);
        log("request body: %,d bytes", path.body().getBytes(StandardCharsets.UTF_8).length);

        // Warm-up, alternating; then check that both paths computed the same update.
        HttpResult lastHttp = null;
        LocalUpdate lastDirect = null;
        for (int i = 0; i < options.warmup(); i++) {
            lastHttp = path.step();
            long t = System.nanoTime();
            lastDirect = backend.train(rows, start, settings);
            log("warm-up %d: HTTP %.0f ms (node %d ms), direct %.0f ms", i + 1, lastHttp.ms, lastHttp.nodeMs,
                    (System.nanoTime() - t) / 1e6);
        }
        if (lastHttp == null) {
            lastHttp = path.step();
            lastDirect = backend.train(rows, start, settings);
        }
        double diff = maxDiff(lastHttp.parameters, lastDirect.parameters().weights());
        log("same update on both paths: examples %d vs %d, max |w_http - w_direct| = %.3g; accuracy %s vs %s",
                lastHttp.examples, lastDirect.examples(), diff, lastHttp.metrics.get("accuracy"),
                lastDirect.metrics().get("accuracy"));
        if (lastHttp.examples != lastDirect.examples() || diff > 1e-9) {
            throw new IllegalStateException("The two paths did not train the same update: the comparison would be unfair");
        }

        double[] httpMs = new double[options.reps()];
        double[] nodeMs = new double[options.reps()];
        double[] directMs = new double[options.reps()];
        for (int i = 0; i < options.reps(); i++) {
            HttpResult r = path.step();
            httpMs[i] = r.ms;
            nodeMs[i] = r.nodeMs;
            long t = System.nanoTime();
            backend.train(rows, start, settings);
            directMs[i] = (System.nanoTime() - t) / 1e6;
            log("rep %d: HTTP %.0f ms (node %d ms), direct %.0f ms", i + 1, httpMs[i], r.nodeMs, directMs[i]);
        }
        report(rows.size(), features.size(), httpMs, nodeMs, directMs, diff);
    }

    private void report(int rows, int features, double[] http, double[] node, double[] direct, double diff) {
        double h = median(http);
        double n = median(node);
        double d = median(direct);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "One epoch of %s, %d training rows x %d features, 10 labels, %d timed reps"
                + " per path (after %d warm-up), %d cores, %s%n%n", BACKEND, rows, features, http.length, options.warmup(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name") + " "
                        + System.getProperty("java.version")));
        out.append("| path | median ms | min ms | all ms |\n|---|---:|---:|---|\n");
        out.append(row("HTTP `POST /training/steps` (client: body to parsed answer)", http));
        out.append(row("node's `duration-ms` (backend compute inside the node)", node));
        out.append(row("direct `backend.train` in the bench JVM", direct));
        out.append(String.format(Locale.ROOT, "%nEndpoint overhead vs direct: (HTTP - direct) / direct = %+.1f %%%n",
                100 * (h - d) / d));
        out.append(String.format(Locale.ROOT, "Platform overhead inside one JVM pair: (HTTP - node duration-ms) / node"
                + " duration-ms = %+.1f %% (%.0f ms)%n", 100 * (h - n) / n, h - n));
        double[] paired = new double[http.length];
        for (int i = 0; i < http.length; i++) {
            paired[i] = http[i] - node[i];
        }
        out.append(String.format(Locale.ROOT, "Per rep, HTTP - node duration-ms: median %.0f ms, min %.0f ms, max %.0f ms%n",
                median(paired), Arrays.stream(paired).min().orElseThrow(), Arrays.stream(paired).max().orElseThrow()));
        out.append(String.format(Locale.ROOT, "Both paths trained the same update (max |difference| %s).%n",
                diff == 0 ? "0: identical" : String.format(Locale.ROOT, "%.3g", diff)));
        System.out.print(out);
    }

    private static String row(String name, double[] ms) {
        StringBuilder all = new StringBuilder();
        for (double v : ms) {
            all.append(all.isEmpty() ? "" : ", ").append(Math.round(v));
        }
        return String.format(Locale.ROOT, "| %s | %.0f | %.0f | %s |%n", name, median(ms),
                Arrays.stream(ms).min().orElseThrow(), all);
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static double maxDiff(double[][] a, double[][] b) {
        if (a.length != b.length) {
            return Double.POSITIVE_INFINITY;
        }
        double max = 0;
        for (int r = 0; r < a.length; r++) {
            if (a[r].length != b[r].length) {
                return Double.POSITIVE_INFINITY;
            }
            for (int c = 0; c < a[r].length; c++) {
                max = Math.max(max, Math.abs(a[r][c] - b[r][c]));
            }
        }
        return max;
    }

    private void startWatchdog() {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(Duration.ofMinutes(options.maxMinutes()));
            } catch (InterruptedException e) {
                return;
            }
            log("out of time (%d minutes): stopping", options.maxMinutes());
            stopNode();
            Runtime.getRuntime().halt(4);
        }, "watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private void stopNode() {
        ServerProcess n = node;
        if (n != null && n.isAlive()) {
            n.handle().destroyForcibly();
        }
    }

    private static String token() {
        SecureRandom random = new SecureRandom();
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        StringBuilder token = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            token.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return token.toString();
    }

    private static void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, "training-epoch: " + format + "%n", args);
    }

    // ---- the HTTP path ------------------------------------------------------------------------------

    private record HttpResult(double ms, long nodeMs, long examples, double[][] parameters, Map<String, Double> metrics) {
    }

    /** Builds the request as a coordinator would, each time (the parameters change every round), and parses the answer. */
    private record Http(HttpClient client, URI uri, String token, List<String> features, double[][] parameters) {

        String body() {
            StringBuilder b = new StringBuilder(200_000);
            b.append("{\"dataset\":\"").append(DATASET).append("\",\"backend\":\"").append(BACKEND).append("\",\"settings\":{");
            b.append("\"epochs\":1,\"learning-rate\":\"0.3\",\"seed\":42,\"optimiser\":\"adagrad\",\"minibatch-size\":1},");
            b.append("\"schema\":{\"task\":\"classification\",\"target\":\"label\",\"features\":[");
            for (int j = 0; j < features.size(); j++) {
                b.append(j == 0 ? "\"" : ",\"").append(features.get(j)).append('"');
            }
            b.append("],\"labels\":[");
            for (int k = 0; k < LABELS.size(); k++) {
                b.append(k == 0 ? "\"" : ",\"").append(LABELS.get(k)).append('"');
            }
            b.append("]},\"scaling\":{");
            for (int j = 0; j < features.size(); j++) {
                b.append(j == 0 ? "\"" : ",\"").append(features.get(j)).append("\":{\"offset\":0,\"scale\":1}");
            }
            b.append("},\"parameters\":[");
            for (int r = 0; r < parameters.length; r++) {
                b.append(r == 0 ? "[" : ",[");
                for (int c = 0; c < parameters[r].length; c++) {
                    if (c > 0) {
                        b.append(',');
                    }
                    b.append(parameters[r][c]);
                }
                b.append(']');
            }
            return b.append("]}").toString();
        }

        HttpResult step() throws IOException, InterruptedException {
            long start = System.nanoTime();
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(2))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString(body())).build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("POST " + uri + " answered " + response.statusCode() + ": " + response.body());
            }
            JsonObject answer;
            try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
                answer = reader.readObject();
            }
            JsonArray rows = answer.getJsonArray("parameters");
            double[][] weights = new double[rows.size()][];
            for (int r = 0; r < rows.size(); r++) {
                JsonArray row = rows.getJsonArray(r);
                weights[r] = new double[row.size()];
                for (int c = 0; c < row.size(); c++) {
                    weights[r][c] = row.getJsonNumber(c).doubleValue();
                }
            }
            Map<String, Double> metrics = new HashMap<>();
            answer.getJsonObject("metrics").forEach((k, v) -> metrics.put(k, ((jakarta.json.JsonNumber) v).doubleValue()));
            double ms = (System.nanoTime() - start) / 1e6;
            return new HttpResult(ms, answer.getJsonNumber("duration-ms").longValue(),
                    answer.getJsonNumber("examples").longValue(), weights, metrics);
        }
    }

    // ---- the data -----------------------------------------------------------------------------------

    /** A shard of the training set: every {@code step}-th image, as raw bytes. */
    private static final class Shard {
        final int count;
        final int step;
        final int height;
        final int width;
        final byte[] pixels;
        final byte[] labels;

        private Shard(int count, int step, int height, int width, byte[] pixels, byte[] labels) {
            this.count = count;
            this.step = step;
            this.height = height;
            this.width = width;
            this.pixels = pixels;
            this.labels = labels;
        }

        static Shard read(Path dir, int wanted) throws IOException {
            try (DataInputStream images = BenchSupport.openGzipped(dir.resolve("train-images-idx3-ubyte.gz"));
                 DataInputStream labelIn = BenchSupport.openGzipped(dir.resolve("train-labels-idx1-ubyte.gz"))) {
                if (images.readInt() != 0x803 || labelIn.readInt() != 0x801) {
                    throw new IOException("not Fashion-MNIST IDX files in " + dir);
                }
                int total = images.readInt();
                int height = images.readInt();
                int width = images.readInt();
                int labelTotal = labelIn.readInt();
                if (labelTotal != total || wanted > total) {
                    throw new IOException("the IDX files in " + dir + " hold " + total + " images and " + labelTotal + " labels");
                }
                byte[] allLabels = labelIn.readNBytes(total);
                int step = total / wanted;
                int pixels = height * width;
                byte[] shardPixels = new byte[wanted * pixels];
                byte[] shardLabels = new byte[wanted];
                byte[] image = new byte[pixels];
                for (int item = 0, s = 0; item < total && s < wanted; item++) {
                    images.readFully(image);
                    if (item % step == 0) {
                        System.arraycopy(image, 0, shardPixels, s * pixels, pixels);
                        shardLabels[s] = allLabels[item];
                        s++;
                    }
                }
                return new Shard(wanted, step, height, width, shardPixels, shardLabels);
            }
        }

        /** Writes {@code <id>.images-idx3-ubyte}, {@code <id>.labels-idx1-ubyte} and {@code <id>.meta.json} (plain IDX). */
        void write(Path dir, String id) throws IOException {
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                    Files.newOutputStream(dir.resolve(id + ".images-idx3-ubyte")), 1 << 16))) {
                out.writeInt(0x803);
                out.writeInt(count);
                out.writeInt(height);
                out.writeInt(width);
                out.write(pixels);
            }
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                    Files.newOutputStream(dir.resolve(id + ".labels-idx1-ubyte"))))) {
                out.writeInt(0x801);
                out.writeInt(count);
                out.write(labels);
            }
            StringBuilder names = new StringBuilder();
            for (String label : LABELS) {
                names.append(names.isEmpty() ? "\"" : ", \"").append(label).append('"');
            }
            Files.writeString(dir.resolve(id + ".meta.json"), """
                    {"name": "Fashion-MNIST shard (benchmark)", "tags": ["#fashion-mnist", "#bench"],
                     "description": "%d images, every %d-th of the Fashion-MNIST training set",
                     "target": "label", "task": "classification", "format": "idx",
                     "images": "%s.images-idx3-ubyte", "labels": "%s.labels-idx1-ubyte",
                     "label-names": [%s]}
                    """.formatted(count, step, id, id, names));
        }

        /**
         * The rows the node trains on, exactly: its fixed split of the dataset id ({@link HeldOutSplit}), ascending, with IdxLoader's values ({@code (float) (byte / 255.0)} widened to double)
         * and no further scaling (the request's offset 0 and scale 1).
         */
        ArrayData trainRows(ModelSchema schema, String id) {
            int[] train = HeldOutSplit.of(id, count)[0];
            int pixelCount = height * width;
            double[] scaled = new double[256];
            for (int b = 0; b < 256; b++) {
                scaled[b] = (float) (b / 255.0);
            }
            double[][] features = new double[train.length][];
            int[] rowLabels = new int[train.length];
            for (int i = 0; i < train.length; i++) {
                double[] row = new double[pixelCount];
                int base = train[i] * pixelCount;
                for (int p = 0; p < pixelCount; p++) {
                    row[p] = (scaled[pixels[base + p] & 0xFF] - 0.0) / 1.0;
                }
                features[i] = row;
                rowLabels[i] = labels[train[i]] & 0xFF;
            }
            return new ArrayData(schema, features, rowLabels, null);
        }
    }

    // ---- settings -----------------------------------------------------------------------------------

    /** The request's settings, parsed by the backend's keys, over the keys' defaults (as the node's RequestSettings). */
    private record MapSettings(Map<String, String> values) implements TrainingSettings {
        @Override
        public <T> T get(ConfigKey<T> key) {
            return find(key).orElseThrow(() -> new IllegalStateException(key.name() + " has no value"));
        }

        @Override
        public <T> Optional<T> find(ConfigKey<T> key) {
            String text = values.get(key.name());
            return text != null ? Optional.of(key.parse(text)) : key.defaultValue();
        }
    }
}
