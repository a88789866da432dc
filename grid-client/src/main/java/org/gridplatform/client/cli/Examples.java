package org.gridplatform.client.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gridplatform.client.launch.LocalGrid;

/** The example nodes that {@code up} and {@code demo} start, with the datasets shipped in {@code examples/nodes}. */
final class Examples {

    /** The system property naming the example nodes' directory; the {@code ./grid} script sets it. */
    static final String PROPERTY = "grid.examples";

    private static final List<String> NAMES = List.of("alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi",
            "ivan", "judy");
    private static final List<String> DATA = List.of("alice", "bob", "carol");

    private Examples() {
    }

    static Path directory() {
        Path dir = Optional.ofNullable(System.getProperty(PROPERTY)).map(Path::of).orElse(Path.of("examples", "nodes"));
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("The example datasets are not at " + dir.toAbsolutePath()
                    + "; run grid from the repository's root, or set -D" + PROPERTY + "=DIR");
        }
        return dir;
    }

    /**
     * @param count     how many nodes
     * @param ports     their ports, one each
     * @return node specs: alice, bob and carol with their own data, further nodes reusing theirs in turn
     */
    /**
     * Gives each node a data directory of its own under {@code root}, seeded with its example data the
     * first time, so that uploads, deletions and users land there and never in the repository's examples. A node's
     * own files (its dot files, such as {@code .node-key}, {@code .node-secret}, {@code .token-key}, and its
     * {@code users.json}) are not copied: each node makes its own.
     *
     * @param nodes the nodes, with the example directories as data directories
     * @param root  where the nodes' own directories go, such as {@code .grid/data}
     * @return the same nodes with their own data directories
     */
    static List<LocalGrid.NodeSpec> ownCopies(List<LocalGrid.NodeSpec> nodes, Path root) throws java.io.IOException {
        List<LocalGrid.NodeSpec> copies = new ArrayList<>();
        for (LocalGrid.NodeSpec node : nodes) {
            Path own = root.resolve(node.id());
            if (!Files.isDirectory(own)) {
                Files.createDirectories(own);
                try (var files = Files.list(node.dataDir())) {
                    for (Path file : files.filter(Files::isRegularFile)
                            .filter(f -> !f.getFileName().toString().startsWith(".")
                                    && !f.getFileName().toString().equals("users.json")).toList()) {
                        Files.copy(file, own.resolve(file.getFileName()));
                    }
                }
            }
            copies.add(new LocalGrid.NodeSpec(node.id(), node.port(), own, node.config()));
        }
        return copies;
    }

    static List<LocalGrid.NodeSpec> nodes(int count, List<Integer> ports) {
        Path dir = directory();
        List<LocalGrid.NodeSpec> nodes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = i < NAMES.size() ? NAMES.get(i) : "node-" + (i + 1);
            nodes.add(new LocalGrid.NodeSpec(id, ports.get(i), dir.resolve(DATA.get(i % DATA.size())), java.util.Map.of()));
        }
        return nodes;
    }
}
