package org.gridplatform.bench;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
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
}
