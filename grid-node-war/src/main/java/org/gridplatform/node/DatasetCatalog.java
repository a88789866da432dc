package org.gridplatform.node;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.gridplatform.api.GridException;
import org.gridplatform.api.ProblemType;
import org.gridplatform.api.TagQuery;

/**
 * The datasets this node holds, read from the data directory at start: every {@code <id>.csv}
 * with its {@code <id>.meta.json} beside it. A file that cannot be read is logged with the reason
 * and left out; it never stops the node.
 *
 * <p>Thread-safe. The map is keyed by dataset id so that datasets added later (uploads, other
 * formats) join the same catalog.
 */
@ApplicationScoped
public class DatasetCatalog {

    private static final Logger LOG = Logger.getLogger(DatasetCatalog.class.getName());
    private static final Pattern VALID_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final Map<String, Dataset> datasets = new ConcurrentHashMap<>();
    private final List<String> problems = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Inject
    NodeSettings settings;

    @PostConstruct
    void load() {
        load(settings.dataDir());
    }

    void load(Path dir) {
        if (!Files.isDirectory(dir)) {
            problems.add("The data directory " + dir + " does not exist; set grid.node.data-dir to a directory of datasets");
            LOG.warning(problems.getLast());
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.csv"); Jsonb jsonb = JsonbBuilder.create()) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                String id = name.substring(0, name.length() - ".csv".length());
                try {
                    if (!VALID_ID.matcher(id).matches()) {
                        throw new IOException(name + ": the file name must be 1 to 64 letters, digits, '-', '_' or '.' before .csv");
                    }
                    Dataset dataset = CsvDatasetReader.read(id, file, metadata(jsonb, dir.resolve(id + DatasetMetadata.SUFFIX)));
                    datasets.put(id, dataset);
                    LOG.info(() -> "Dataset " + id + ": " + dataset.info().rows() + " rows, tags " + dataset.info().tags());
                } catch (IOException | JsonbException e) {
                    problems.add(e.getMessage());
                    LOG.warning("Skipped dataset " + name + ": " + e.getMessage());
                }
            }
        } catch (Exception e) {
            problems.add("Could not list " + dir + ": " + e.getMessage());
            LOG.warning(problems.getLast());
        }
    }

    private static DatasetMetadata metadata(Jsonb jsonb, Path file) throws IOException {
        if (!Files.exists(file)) {
            LOG.warning(() -> "No " + file.getFileName() + ": the dataset has no tags, so no search finds it");
            return new DatasetMetadata(null, List.of(), null, null);
        }
        try (Reader in = Files.newBufferedReader(file)) {
            DatasetMetadata metadata = jsonb.fromJson(in, DatasetMetadata.class);
            if (metadata == null) {
                throw new IOException(file.getFileName() + " is empty; write a JSON object with name, tags, description, target");
            }
            return metadata;
        } catch (JsonbException e) {
            throw new IOException(file.getFileName() + " is not a JSON object with name, tags, description and target");
        }
    }

    /** @return every dataset, ordered by id */
    public List<Dataset> all() {
        return datasets.values().stream().sorted(Comparator.comparing(d -> d.info().id())).toList();
    }

    /**
     * @param id a dataset id
     * @return the dataset
     * @throws GridException with {@link ProblemType#NOT_FOUND} if there is none
     */
    public Dataset get(String id) {
        return Optional.ofNullable(id).map(datasets::get).orElseThrow(() -> new GridException(ProblemType.NOT_FOUND,
                "No dataset has the id \"" + (id != null && VALID_ID.matcher(id).matches() ? id : "?")
                        + "\"; GET /datasets lists them"));
    }

    /** @return the union of the datasets' tags in display form, sorted */
    public List<String> tags() {
        TreeSet<String> tags = new TreeSet<>();
        datasets.values().forEach(d -> tags.addAll(d.info().tags()));
        return new ArrayList<>(tags);
    }

    /** @return the union of the datasets' tags in normal form */
    public java.util.Set<String> normalTags() {
        java.util.Set<String> tags = new TreeSet<>();
        datasets.values().forEach(d -> tags.addAll(d.normalTags()));
        return tags;
    }

    /** @return each dataset's tags in display form, ordered by dataset id: what the node announces when it joins */
    public List<List<String>> tagSets() {
        return all().stream().map(d -> d.info().tags()).toList();
    }

    /**
     * @param query a validated query
     * @return whether one dataset carries every tag of the query
     */
    public boolean holds(TagQuery query) {
        return datasets.values().stream().anyMatch(d -> d.normalTags().containsAll(query.tags()));
    }

    /** @return why files of the data directory were left out, for the health check */
    public List<String> problems() {
        return List.copyOf(problems);
    }
}
