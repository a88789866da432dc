package org.gridplatform.node.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.gridplatform.node.data.IdxLoader.Selection;
import org.gridplatform.spi.training.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.gridplatform.api.FeatureStatistics;

class IdxLoaderTest {

    /** Five 2 x 3 images: image i has pixel p = 10 * i + p, except that image 4 is all 255. */
    private static final int COUNT = 5;
    private static final int[] LABELS = {0, 1, 2, 1, 0};

    @TempDir
    Path dir;

    private static byte[] images(int magic, int count, int rows, int cols, int imagesWritten) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        out.writeInt(count);
        out.writeInt(rows);
        out.writeInt(cols);
        for (int i = 0; i < imagesWritten; i++) {
            for (int p = 0; p < rows * cols; p++) {
                out.writeByte(i == 4 ? 255 : 10 * i + p);
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] labels(int magic, int count, int... labels) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        out.writeInt(count);
        for (int label : labels) {
            out.writeByte(label);
        }
        return bytes.toByteArray();
    }

    private Path write(String name, byte[] content, boolean gzip) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write(content);
        }
        return file;
    }

    private Path goodImages(boolean gzip) throws IOException {
        return write(gzip ? "images.gz" : "images", images(0x803, COUNT, 2, 3, COUNT), gzip);
    }

    private Path goodLabels(boolean gzip) throws IOException {
        return write(gzip ? "labels.gz" : "labels", labels(0x801, COUNT, LABELS), gzip);
    }

    private LoadedDataset load(Path images, Path labels) throws IOException {
        return IdxLoader.load("digits", images, labels, null, Selection.all());
    }

    private void assertFails(byte[] images, byte[] labels, String message) throws IOException {
        Path i = write("images", images, false);
        Path l = write("labels", labels, false);
        assertThatThrownBy(() -> load(i, l)).isInstanceOf(DatasetFormatException.class).hasMessage(message);
    }

    @ParameterizedTest(name = "gzip {0}")
    @ValueSource(booleans = {false, true})
    void readsImagesAndLabelsScaledToOne(boolean gzip) throws IOException {
        LoadedDataset d = load(goodImages(gzip), goodLabels(gzip));

        assertThat(d.task()).isEqualTo(Task.CLASSIFICATION);
        assertThat(d.targetName()).isEqualTo("label");
        assertThat(d.rowCount()).isEqualTo(5);
        assertThat(d.featureNames()).containsExactly("pixel_0_0", "pixel_0_1", "pixel_0_2", "pixel_1_0", "pixel_1_1", "pixel_1_2");
        assertThat(d.labelNames()).containsExactly("0", "1", "2");
        assertThat(d.labelCounts()).containsExactly(2, 2, 1);
        assertThat(d.label(2)).isEqualTo(2);
        assertThat(d.value(1, 2)).isEqualTo((float) (12 / 255.0));
        assertThat(d.value(4, 5)).isEqualTo(1f);
        assertThat(d.value(0, 0)).isZero();

        // pixel_0_0 over the five images: 0, 10, 20, 30, 255 (/ 255); mean 315 / 5 = 63;
        // squared deviations 3969 + 2809 + 1849 + 1089 + 36864 = 46580, / 5 = 9316 (all / 255^2)
        FeatureStatistics first = d.statistics().features().getFirst();
        assertThat(first.name()).isEqualTo("pixel_0_0");
        assertThat(first.count()).isEqualTo(5);
        assertThat(first.min()).isZero();
        assertThat(first.max()).isEqualTo(1.0);
        assertThat(first.mean()).isCloseTo(63 / 255.0, within(1e-15));
        assertThat(first.variance()).isCloseTo(9316 / (255.0 * 255.0), within(1e-15));
    }

    @Test
    void usesGivenClassNamesInLabelOrder() throws IOException {
        LoadedDataset d = IdxLoader.load("x", goodImages(false), goodLabels(true), List.of("zero", "one", "two", "three"),
                Selection.all());
        assertThat(d.labelNames()).containsExactly("zero", "one", "two", "three");
        assertThat(d.label(1)).isEqualTo(1);
        assertThat(d.labelCounts()).containsExactly(2, 2, 1, 0);
    }

    @Test
    void selectsAShard() throws IOException {
        Path images = goodImages(true);
        Path labels = goodLabels(false);
        LoadedDataset first = IdxLoader.load("s", images, labels, null, Selection.first(2));
        assertThat(first.rowCount()).isEqualTo(2);
        assertThat(first.value(1, 0)).isEqualTo((float) (10 / 255.0));

        LoadedDataset range = IdxLoader.load("s", images, labels, null, Selection.range(3, 10));
        assertThat(range.rowCount()).isEqualTo(2);
        assertThat(range.value(0, 1)).isEqualTo((float) (31 / 255.0));
        assertThat(range.label(0)).isEqualTo(1);
        assertThat(range.labelNames()).as("classes come from the whole labels file").containsExactly("0", "1", "2");

        LoadedDataset odd = IdxLoader.load("s", images, labels, null, Selection.everyKth(2, 1));
        assertThat(odd.rowCount()).isEqualTo(2);
        assertThat(odd.value(1, 0)).isEqualTo((float) (30 / 255.0));
        assertThat(odd.statistics().rows()).isEqualTo(2);

        assertThatThrownBy(() -> IdxLoader.load("s", images, labels, null, Selection.range(5, 1)))
                .hasMessage("images.gz: the selection starts at item 5 but the file has 5 images (0 to 4)");
        assertThatThrownBy(() -> Selection.everyKth(3, 3)).hasMessage("The offset of a 1-in-3 selection must be 0 to 2, not 3");
    }

    @Test
    void namesPixelsSoThatSortedNamesAreRowMajorOrder() throws IOException {
        Path images = write("i", images(0x803, 1, 28, 28, 1), false);
        Path labels = write("l", labels(0x801, 1, 7), false);
        List<String> names = IdxLoader.load("x", images, labels, null, Selection.all()).featureNames();
        assertThat(names).hasSize(784).startsWith("pixel_00_00", "pixel_00_01").endsWith("pixel_27_27");
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(null);
        assertThat(sorted).isEqualTo(names);
    }

    @Test
    void refusesFilesOfTheWrongKind() throws IOException {
        assertFails(labels(0x801, COUNT, LABELS), labels(0x801, COUNT, LABELS),
                "images: magic number 0x00000801 is not an IDX image file (expected 0x00000803)");
        assertFails(images(0x803, COUNT, 2, 3, COUNT), images(0x803, COUNT, 2, 3, COUNT),
                "labels: magic number 0x00000803 is not an IDX label file (expected 0x00000801)");
        assertFails(images(0x0D03, COUNT, 2, 3, COUNT), labels(0x801, COUNT, LABELS),
                "images: magic number 0x00000D03 is not an IDX image file (expected 0x00000803)");
    }

    @Test
    void refusesCountsThatDoNotMatch() throws IOException {
        assertFails(images(0x803, 4, 2, 3, 4), labels(0x801, COUNT, LABELS),
                "labels: count 5 in the labels file does not match 4 images in images");
    }

    @Test
    void refusesAbsurdDimensionsBeforeAllocating() throws IOException {
        byte[] labels = labels(0x801, COUNT, LABELS);
        assertFails(images(0x803, COUNT, 0, 3, 0), labels, "images: rows 0 is out of range (1 to 4096)");
        assertFails(images(0x803, COUNT, 2, 4097, 0), labels, "images: columns 4097 is out of range (1 to 4096)");
        assertFails(images(0x803, 10_000_001, 2, 3, 0), labels, "images: count 10000001 is out of range (1 to 10000000)");
        assertFails(images(0x803, 0, 2, 3, 0), labels, "images: count 0 is out of range (1 to 10000000)");
        assertFails(images(0x803, -1, 2, 3, 0), labels, "images: count 4294967295 is out of range (1 to 10000000)");
        assertFails(images(0x803, COUNT, 2, 3, COUNT), labels(0x801, -2), "labels: count 4294967294 is out of range (1 to 10000000)");
    }

    @Test
    void refusesASelectionThatCannotFitBeforeAllocating() throws IOException {
        Path images = write("images", images(0x803, 10_000_000, 4096, 4096, 0), false);
        Path labels = write("labels", labels(0x801, 10_000_000), false);
        assertThatThrownBy(() -> load(images, labels)).isInstanceOf(DatasetFormatException.class)
                .hasMessage("images: 10000000 images of 4096 x 4096 pixels need 640000000 MB as floats, more than one "
                        + "array holds; load a shard (a smaller selection)");
    }

    @Test
    void refusesTruncatedFiles() throws IOException {
        byte[] images = images(0x803, COUNT, 2, 3, COUNT);
        byte[] labels = labels(0x801, COUNT, LABELS);
        assertFails(Arrays.copyOf(images, 10), labels, "images: truncated: the file ends before the header field 'rows'");
        assertFails(images, Arrays.copyOf(labels, 3), "labels: truncated: the file ends before the header field 'magic number'");
        assertFails(images, Arrays.copyOf(labels, 10), "labels: truncated: the header announces 5 labels, the file holds 2");
        assertFails(Arrays.copyOf(images, 16 + 6 * 3 + 2), labels,
                "images: truncated: the data ends at image 3 of the 5 images of 2 x 3 pixels that the header announces");

        // A gzip stream cut short ends the same way.
        byte[] gzip = Files.readAllBytes(goodImages(true));
        Path cut = write("cut.gz", Arrays.copyOf(gzip, gzip.length - 12), false);
        assertThatThrownBy(() -> load(cut, goodLabels(false))).isInstanceOf(DatasetFormatException.class)
                .hasMessageStartingWith("cut.gz: truncated: ");
    }

    @Test
    void refusesCorruptGzipData() throws IOException {
        byte[] gzip = Files.readAllBytes(goodImages(true));
        for (int i = 12; i < gzip.length - 8; i++) {
            gzip[i] = (byte) 0xFF;
        }
        Path corrupt = write("corrupt.gz", gzip, false);
        assertThatThrownBy(() -> load(corrupt, goodLabels(false))).isInstanceOf(DatasetFormatException.class)
                .hasMessageStartingWith("corrupt.gz: corrupt gzip data: ");
    }

    @Test
    void refusesLabelsWithoutAName() throws IOException {
        assertThatThrownBy(() -> IdxLoader.load("x", goodImages(false), goodLabels(false), List.of("a", "b"), Selection.all()))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessage("labels: item 2 has the label 2, but 2 label names were given (0 to 1)");
        assertThatThrownBy(() -> IdxLoader.load("x", goodImages(false), goodLabels(false), List.of("a", "b", "a"), Selection.all()))
                .hasMessage("label names: 'a' is given twice; give each label its own name");
        assertThatThrownBy(() -> IdxLoader.load("x", goodImages(false), goodLabels(false), List.of("a", " "), Selection.all()))
                .hasMessage("label names: the name of label 1 is empty");
    }

    @Test
    void theHeldOutRowsAreTheSameOnEveryLoad() throws IOException {
        Path images = goodImages(true);
        Path labels = goodLabels(true);
        LoadedDataset once = IdxLoader.load("digits", images, labels, null, Selection.all());
        LoadedDataset again = IdxLoader.load("digits", images, labels, null, Selection.all());
        assertThat(once.heldOutRows()).hasSize(1).isEqualTo(again.heldOutRows());
        assertThat(once.trainRows()).isEqualTo(again.trainRows()).doesNotContain(once.heldOutRows());
    }
}
