package org.gridplatform.node;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The data directory's layout on disk, and the moves that keep it consistent across crashes.
 *
 * <ul>
 * <li>{@code <id>.meta.json} beside {@code <id>.csv} (or beside IDX files): a dataset an operator
 *     put there.</li>
 * <li>{@code <id>/<id>.meta.json} with its files: an uploaded dataset. An upload is written and
 *     checked in {@code .staging-<random>/}, then the whole directory is renamed to {@code <id>}
 *     with one atomic {@code rename(2)}: at any instant, and so after any crash, the dataset is either
 *     complete under its id or not there.</li>
 * <li>{@code .staging-*} and {@code .trash-*}: work in progress. A delete first renames the dataset
 *     into {@code .trash-<random>/} (atomic: the dataset is gone), then deletes that. Both kinds are
 *     deleted at start, so an upload or delete cut short by a crash leaves nothing behind.</li>
 * </ul>
 *
 * <p>Not thread-safe for one id: the catalog serialises writes.
 */
final class DatasetFiles {

    private static final Logger LOG = Logger.getLogger(DatasetFiles.class.getName());
    static final String STAGING = ".staging-";
    static final String TRASH = ".trash-";

    private final Path root;

    DatasetFiles(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    /** Deletes the staging and trash directories that a crash left. @return their names */
    List<String> deleteLeftovers() throws IOException {
        List<String> deleted = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root,
                p -> p.getFileName().toString().startsWith(STAGING) || p.getFileName().toString().startsWith(TRASH))) {
            for (Path entry : entries) {
                deleteTree(entry);
                deleted.add(entry.getFileName().toString());
            }
        }
        deleted.forEach(d -> LOG.info(() -> "Deleted " + d + " in " + root + ", left by an upload or delete that did not finish"));
        return deleted;
    }

    /** @return a new, empty staging directory inside the data directory (same file system as the datasets) */
    Path newStaging() throws IOException {
        return Files.createDirectory(root.resolve(STAGING + UUID.randomUUID()));
    }

    /**
     * Copies a stream into a new file and forces it to disk.
     *
     * @return the bytes written
     */
    static long write(InputStream in, Path file) throws IOException {
        long written;
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            written = in.transferTo(out);
        }
        force(file);
        return written;
    }

    /**
     * Publishes a complete staging directory as {@code <root>/<id>} in one atomic rename.
     *
     * @return the dataset's directory
     * @throws IOException if {@code <root>/<id>} exists or the file system cannot rename atomically
     */
    Path publish(Path staging, String id) throws IOException {
        Path target = root.resolve(id);
        if (Files.exists(target)) {
            // rename(2) would replace an empty directory: never take a place that is in use.
            throw new java.nio.file.FileAlreadyExistsException(target.toString());
        }
        force(staging);
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        force(root);
        return target;
    }

    /**
     * Removes files or directories: first renames the first one (the one whose presence makes the
     * dataset exist) into a trash directory, then the others, then deletes the trash.
     */
    void discard(List<Path> paths) throws IOException {
        Path trash = Files.createDirectory(root.resolve(TRASH + UUID.randomUUID()));
        for (Path path : paths) {
            if (Files.exists(path)) {
                Files.move(path, trash.resolve(path.getFileName()), StandardCopyOption.ATOMIC_MOVE);
            }
        }
        force(root);
        deleteTree(trash);
    }

    static void deleteTree(Path top) throws IOException {
        if (!Files.exists(top)) {
            return;
        }
        Files.walkFileTree(top, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Forces a file's or directory's content (a directory: its entries) to disk; best effort for directories. */
    private static void force(Path path) {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems cannot open a directory for reading; the rename stays atomic, only less durable.
        }
    }
}
