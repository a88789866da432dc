package org.gridplatform.node.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.logging.Logger;
import org.gridplatform.node.data.IdxLoader.Selection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.gridplatform.api.FeatureStatistics;

/**
 * Loads the real Fashion-MNIST as Debian's {@code dataset-fashion-mnist} package installs it (gzip
 * IDX files). Skipped where the package is absent: {@code apt-get install -y dataset-fashion-mnist}.
 */
class FashionMnistTest {

    private static final Logger LOG = Logger.getLogger(FashionMnistTest.class.getName());
    private static final Path DIR = Path.of("/usr/share/datasets/fashion-mnist");

    @BeforeEach
    void needsTheDebianPackage() {
        assumeTrue(Files.isReadable(DIR.resolve("train-images-idx3-ubyte.gz")),
                "Fashion-MNIST is not installed (apt-get install -y dataset-fashion-mnist)");
    }

    @Test
    void loadsTheWholeTrainingSet() throws IOException {
        long start = System.nanoTime();
        LoadedDataset train = IdxLoader.load("fashion-mnist", DIR.resolve("train-images-idx3-ubyte.gz"),
                DIR.resolve("train-labels-idx1-ubyte.gz"), IdxLoader.FASHION_MNIST_LABELS, Selection.all());
        long millis = (System.nanoTime() - start) / 1_000_000;
        LOG.info(() -> "Fashion-MNIST training set: " + train + " in " + millis + " ms, "
                + (train.memoryBytes() >> 20) + " MB of arrays");

        assertThat(train.rowCount()).isEqualTo(60_000);
        assertThat(train.featureCount()).isEqualTo(784);
        assertThat(train.featureNames()).startsWith("pixel_00_00").endsWith("pixel_27_27");
        assertThat(train.labelNames()).isEqualTo(IdxLoader.FASHION_MNIST_LABELS);
        // The training set is balanced: 6,000 images of each class.
        int[] sixThousandEach = new int[10];
        Arrays.fill(sixThousandEach, 6000);
        assertThat(train.labelCounts()).containsExactly(sixThousandEach);
        assertThat(train.heldOutRows()).hasSize(12_000);
        assertThat(train.memoryBytes()).isEqualTo(60_000L * 784 * 4 + 60_000 * 4 + 60_000 * 4);

        // Every pixel lies in [0, 1]; the images are dark on average (mean intensity about 0.286).
        double mean = train.statistics().features().stream().mapToDouble(FeatureStatistics::mean).average().orElseThrow();
        assertThat(mean).isCloseTo(0.286, within(0.001));
        assertThat(train.statistics().features()).allSatisfy(s -> {
            assertThat(s.count()).isEqualTo(60_000);
            assertThat(s.min()).isGreaterThanOrEqualTo(0);
            assertThat(s.max()).isLessThanOrEqualTo(1);
        });
    }

    @Test
    void loadsTheTestSetAndAShardOfTheTrainingSet() throws IOException {
        LoadedDataset test = IdxLoader.load("fashion-mnist-test", DIR.resolve("t10k-images-idx3-ubyte.gz"),
                DIR.resolve("t10k-labels-idx1-ubyte.gz"), IdxLoader.FASHION_MNIST_LABELS, Selection.all());
        assertThat(test.rowCount()).isEqualTo(10_000);
        int[] thousandEach = new int[10];
        Arrays.fill(thousandEach, 1000);
        assertThat(test.labelCounts()).containsExactly(thousandEach);
        // The first test image is an ankle boot.
        assertThat(test.labelNames().get(test.label(0))).isEqualTo("Ankle boot");

        LoadedDataset shard = IdxLoader.load("fashion-mnist-node-3", DIR.resolve("train-images-idx3-ubyte.gz"),
                DIR.resolve("train-labels-idx1-ubyte.gz"), IdxLoader.FASHION_MNIST_LABELS, Selection.everyKth(10, 3));
        assertThat(shard.rowCount()).isEqualTo(6000);
        assertThat(shard.memoryBytes()).isLessThan(20L << 20);
    }
}
