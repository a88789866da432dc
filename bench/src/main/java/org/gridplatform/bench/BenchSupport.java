package org.gridplatform.bench;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import org.gridplatform.spi.config.ConfigKey;
import org.gridplatform.spi.config.PluginConfig;

/** What the training benchmarks share: the backend's default configuration and reading Debian's gzipped IDX files. */
final class BenchSupport {

    private BenchSupport() {
    }

    /** The backend's configuration with every key at its default, as on a node with nothing configured. */
    record DefaultsConfig(String prefix) implements PluginConfig {
        @Override
        public <T> T get(ConfigKey<T> key) {
            return key.defaultValue().orElseThrow(() -> new IllegalStateException(key.name() + " has no default"));
        }

        @Override
        public <T> Optional<T> find(ConfigKey<T> key) {
            return key.defaultValue();
        }
    }

    /**
     * @param file a gzipped IDX file
     * @return its bytes, buffered
     */
    static DataInputStream openGzipped(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        return new DataInputStream(new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16));
    }

    /**
     * Reads {@code --key value} and {@code --key=value} options into {@code values}, whose keys are the known
     * options with their defaults.
     *
     * @param args       the command line
     * @param values     the known options and their defaults; the command line's values replace them
     * @param alsoKnown  options without a default, taken when given
     * @param usage      makes the exception for a wrong command line, from its message ({@code null} for --help)
     */
    static void readOptions(String[] args, Map<String, String> values, Set<String> alsoKnown,
                            Function<String, RuntimeException> usage) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-h") || arg.equals("--help")) {
                throw usage.apply(null);
            }
            if (!arg.startsWith("--")) {
                throw usage.apply("Unexpected argument " + arg);
            }
            String key = arg.substring(2);
            String value;
            int eq = key.indexOf('=');
            if (eq >= 0) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw usage.apply("Option --" + key + " needs a value");
            }
            if (!values.containsKey(key) && !alsoKnown.contains(key)) {
                throw usage.apply("Unknown option --" + key);
            }
            values.put(key, value);
        }
    }
}
