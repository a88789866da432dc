package org.gridplatform.node.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.gridplatform.spi.training.Task;
import org.gridplatform.api.FeatureStatistics;
import org.gridplatform.api.DatasetStatistics;

/**
 * Reads an image classification dataset in MNIST's IDX format: an images file and a labels file,
 * each gzip-compressed or not (told by the gzip magic bytes {@code 1f 8b}, not by the name).
 *
 * <pre>
 * images: int32 magic 0x00000803, int32 count, int32 rows, int32 columns, then count x rows x columns unsigned bytes
 * labels: int32 magic 0x00000801, int32 count, then count unsigned bytes
 * </pre>
 * (big-endian, row-major). Pixel {@code (r, c)} becomes the feature {@code pixel_<r>_<c>}, 0-based and
 * zero-padded to the digits of the largest index ({@code pixel_00_00 .. pixel_27_27} for 28 x 28),
 * so that sorting the names, as Tribuo's feature maps do, gives back row-major pixel order. Values
 * are scaled to [0, 1] ({@code byte / 255}). The task is classification and the target is called
 * {@code "label"}; a label byte {@code k} names the class {@code labelNames.get(k)}, or {@code "k"}
 * when no names are given (then the classes are "0" up to the largest label in the file).
 *
 * <p>Every header field is checked before anything is allocated from it: at most
 * {@value #MAX_ITEMS} items, 1 to {@value #MAX_SIDE} rows and columns, equal counts in both files, and
 * a selection that fits the heap. A {@link Selection} lets a node hold a shard (the first N items,
 * a range, or every k-th item) instead of the whole file. Errors name the file and the header field
 * or item, for example {@code train-images-idx3-ubyte.gz: magic number 0x00000801 is not an IDX
 * image file (expected 0x00000803)}.
 *
 * <p>Stateless and thread-safe.
 */
public final class IdxLoader {

    /** The magic number of an IDX file of unsigned bytes in 3 dimensions: images. */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** The magic number of an IDX file of unsigned bytes in 1 dimension: labels. */
    public static final int LABELS_MAGIC = 0x00000801;
    /** The most items (images, labels) a file may announce. */
    public static final int MAX_ITEMS = 10_000_000;
    /** The most rows, or columns, of an image. */
    public static final int MAX_SIDE = 4096;
    /** The name of the target of an IDX dataset. */
    public static final String TARGET = "label";

    /** The class names of Fashion-MNIST (Xiao, Rasul and Vollgraf, 2017), in label order 0 .. 9. */
    public static final List<String> FASHION_MNIST_LABELS = List.of("T-shirt/top", "Trouser", "Pullover", "Dress",
            "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private static final int MAX_VALUES = Integer.MAX_VALUE - 8;
    private static final int MAX_LABELS = 256;

    private IdxLoader() {
    }

    /**
     * Which items of the files to load: {@code count} items starting at {@code first}, taking every
     * {@code step}-th one, and fewer if the files end first.
     *
     * @param first the index of the first item, from 0
     * @param count the most items to take; at least 1
     * @param step  1 for consecutive items, k for every k-th item
     */
    public record Selection(int first, int count, int step) {

        /** Checks the ranges. */
        public Selection {
            if (first < 0 || count < 1 || step < 1) {
                throw new IllegalArgumentException("A selection needs first >= 0, count >= 1 and step >= 1, not "
                        + first + ", " + count + ", " + step);
            }
        }

        /** @return every item */
        public static Selection all() {
            return new Selection(0, Integer.MAX_VALUE, 1);
        }

        /**
         * @param count the number of items
         * @return the first {@code count} items
         */
        public static Selection first(int count) {
            return new Selection(0, count, 1);
        }

        /**
         * @param first the first item
         * @param count the number of items
         * @return {@code count} consecutive items from {@code first}
         */
        public static Selection range(int first, int count) {
            return new Selection(first, count, 1);
        }

        /**
         * A shard that keeps the file's class mix: node {@code offset} of {@code k} nodes takes
         * items {@code offset, offset + k, offset + 2k, ...}.
         *
         * @param k      the step
         * @param offset the first item, {@code 0 .. k-1}
         * @return every k-th item from {@code offset}
         */
        public static Selection everyKth(int k, int offset) {
            if (offset < 0 || offset >= k) {
                throw new IllegalArgumentException("The offset of a 1-in-" + k + " selection must be 0 to " + (k - 1)
                        + ", not " + offset);
            }
            return new Selection(offset, Integer.MAX_VALUE, k);
        }

        /** @return how many items this selects from a file of {@code items} items */
        int size(int items) {
            return first >= items ? 0 : (int) Math.min(count, (items - 1L - first) / step + 1);
        }
    }

    /**
     * @param id         the dataset's id; it seeds the fixed split
     * @param images     the images file
     * @param labels     the labels file
     * @param labelNames the class names in label order (for example {@link #FASHION_MNIST_LABELS}),
     *                   or {@code null} to name classes by their number
     * @param selection  which items to load
     * @return the dataset
     * @throws DatasetFormatException naming the file and the header field or item of the first problem, or
     *                                saying that the selection cannot fit this node's heap
     * @throws IOException            if a file cannot be read
     */
    public static LoadedDataset load(String id, Path images, Path labels, List<String> labelNames, Selection selection)
            throws IOException {
        checkLabelNames(labelNames);
        String imagesName = images.getFileName().toString();
        String labelsName = labels.getFileName().toString();
        try (DataInputStream imageIn = open(images); DataInputStream labelIn = open(labels)) {
            int magic = header(imageIn, imagesName, "magic number");
            if (magic != IMAGES_MAGIC) {
                throw new DatasetFormatException(imagesName + ": magic number " + hex(magic)
                        + " is not an IDX image file (expected " + hex(IMAGES_MAGIC) + ")");
            }
            int count = bounded(imageIn, imagesName, "count", 1, MAX_ITEMS);
            int height = bounded(imageIn, imagesName, "rows", 1, MAX_SIDE);
            int width = bounded(imageIn, imagesName, "columns", 1, MAX_SIDE);

            magic = header(labelIn, labelsName, "magic number");
            if (magic != LABELS_MAGIC) {
                throw new DatasetFormatException(labelsName + ": magic number " + hex(magic)
                        + " is not an IDX label file (expected " + hex(LABELS_MAGIC) + ")");
            }
            int labelCount = bounded(labelIn, labelsName, "count", 1, MAX_ITEMS);
            if (labelCount != count) {
                throw new DatasetFormatException(labelsName + ": count " + labelCount + " in the labels file does not match "
                        + count + " images in " + imagesName);
            }

            int selected = selection.size(count);
            if (selected == 0) {
                throw new DatasetFormatException(imagesName + ": the selection starts at item " + selection.first()
                        + " but the file has " + count + " images (0 to " + (count - 1) + ")");
            }
            int pixels = height * width;
            checkFits(imagesName, selected, height, width);

            byte[] labelBytes = readLabels(labelIn, labelsName, count);
            List<String> names = labelNames != null ? List.copyOf(labelNames) : numberNames(labelBytes);
            int[] labelColumn = new int[selected];
            for (int i = 0; i < count; i++) {
                int label = labelBytes[i] & 0xFF;
                if (label >= names.size()) {
                    throw new DatasetFormatException(labelsName + ": item " + i + " has the label " + label + ", but "
                            + names.size() + " label names were given (0 to " + (names.size() - 1) + ")");
                }
            }
            for (int s = 0; s < selected; s++) {
                labelColumn[s] = labelBytes[selection.first() + s * selection.step()] & 0xFF;
            }

            float[] matrix = new float[selected * pixels];
            FeatureStatistics.Accumulator[] statistics = new FeatureStatistics.Accumulator[pixels];
            for (int p = 0; p < pixels; p++) {
                statistics[p] = new FeatureStatistics.Accumulator();
            }
            double[] scaled = new double[256];
            float[] scaledFloat = new float[256];
            for (int b = 0; b < 256; b++) {
                scaled[b] = b / 255.0;
                scaledFloat[b] = (float) scaled[b];
            }
            byte[] image = new byte[pixels];
            int item = 0;
            for (int s = 0; s < selected; s++) {
                int wanted = selection.first() + s * selection.step();
                try {
                    imageIn.skipNBytes((long) (wanted - item) * pixels);
                    item = wanted;
                    imageIn.readFully(image);
                } catch (EOFException e) {
                    throw new DatasetFormatException(imagesName + ": truncated: the data ends at image " + wanted
                            + " of the " + count + " images of " + height + " x " + width + " pixels that the header announces", e);
                }
                item++;
                int start = s * pixels;
                for (int p = 0; p < pixels; p++) {
                    int value = image[p] & 0xFF;
                    matrix[start + p] = scaledFloat[value];
                    statistics[p].add(scaled[value]);
                }
            }

            List<String> featureNames = pixelNames(height, width);
            List<FeatureStatistics> featureStatistics = new ArrayList<>(pixels);
            for (int p = 0; p < pixels; p++) {
                featureStatistics.add(statistics[p].toStatistics(featureNames.get(p)));
            }
            return new LoadedDataset(id, Task.CLASSIFICATION, TARGET, featureNames, names, selected, matrix, labelColumn,
                    null, new DatasetStatistics(selected, featureStatistics, null));
        }
    }

    private static void checkLabelNames(List<String> labelNames) throws DatasetFormatException {
        if (labelNames == null) {
            return;
        }
        if (labelNames.isEmpty() || labelNames.size() > MAX_LABELS) {
            throw new DatasetFormatException("label names: give 1 to " + MAX_LABELS + " names, one per label byte, not "
                    + labelNames.size());
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < labelNames.size(); i++) {
            String name = labelNames.get(i);
            if (name == null || name.isBlank()) {
                throw new DatasetFormatException("label names: the name of label " + i + " is empty");
            }
            if (!seen.add(name)) {
                throw new DatasetFormatException("label names: '" + name + "' is given twice; give each label its own name");
            }
        }
    }

    private static byte[] readLabels(DataInputStream in, String file, int count) throws IOException {
        byte[] labels = in.readNBytes(count);
        if (labels.length < count) {
            throw new DatasetFormatException(file + ": truncated: the header announces " + count
                    + " labels, the file holds " + labels.length);
        }
        return labels;
    }

    private static List<String> numberNames(byte[] labels) {
        int max = 0;
        for (byte label : labels) {
            max = Math.max(max, label & 0xFF);
        }
        List<String> names = new ArrayList<>(max + 1);
        for (int k = 0; k <= max; k++) {
            names.add(Integer.toString(k));
        }
        return names;
    }

    private static List<String> pixelNames(int height, int width) {
        String format = "pixel_%0" + Integer.toString(height - 1).length() + "d_%0"
                + Integer.toString(width - 1).length() + "d";
        List<String> names = new ArrayList<>(height * width);
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                names.add(String.format(format, r, c));
            }
        }
        return names;
    }

    /**
     * Refuses a selection whose values cannot be one array, or cannot fit the heap at all: the header
     * fields are each in range, but their product may still be absurd for this node.
     */
    private static void checkFits(String file, int selected, int height, int width) throws DatasetFormatException {
        long values = (long) selected * height * width;
        long bytes = 4 * values;
        long heap = Runtime.getRuntime().maxMemory();
        if (values > MAX_VALUES || bytes > heap) {
            throw new DatasetFormatException(file + ": " + selected + " images of " + height + " x " + width + " pixels need "
                    + (bytes >> 20) + " MB as floats, more than " + (values > MAX_VALUES ? "one array holds"
                    : "this node's heap of " + (heap >> 20) + " MB") + "; load a shard (a smaller selection)");
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        String name = file.getFileName().toString();
        BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            in.mark(2);
            int b1 = in.read();
            int b2 = in.read();
            in.reset();
            if (b1 != 0x1f || b2 != 0x8b) {
                return new DataInputStream(in);
            }
            return new DataInputStream(new BufferedInputStream(new NamedGzipStream(in, name), 1 << 16));
        } catch (ZipException e) {
            in.close();
            throw new DatasetFormatException(name + ": corrupt gzip data: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** Says which file's compressed data is corrupt; a truncated stream still ends with an EOFException. */
    private static final class NamedGzipStream extends GZIPInputStream {

        private final String name;

        NamedGzipStream(InputStream in, String name) throws IOException {
            super(in, 1 << 16);
            this.name = name;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                return super.read(buffer, offset, length);
            } catch (ZipException e) {
                throw new DatasetFormatException(name + ": corrupt gzip data: " + e.getMessage(), e);
            }
        }
    }

    private static int header(DataInputStream in, String file, String field) throws IOException {
        try {
            return in.readInt();
        } catch (EOFException e) {
            throw new DatasetFormatException(file + ": truncated: the file ends before the header field '" + field + "'", e);
        }
    }

    private static int bounded(DataInputStream in, String file, String field, int min, int max) throws IOException {
        int value = header(in, file, field);
        if (value < min || value > max) {
            // Read as signed: a count above 2^31 shows as negative, which the unsigned form explains.
            throw new DatasetFormatException(file + ": " + field + " " + Integer.toUnsignedString(value)
                    + " is out of range (" + min + " to " + max + ")");
        }
        return value;
    }

    private static String hex(int value) {
        return String.format("0x%08X", value);
    }
}
