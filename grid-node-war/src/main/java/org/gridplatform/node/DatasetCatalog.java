package org.gridplatform.node;

import com.opencsv.CSVReader;
import com.opencsv.exceptions.CsvException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.gridplatform.api.ColumnInfo;
import org.gridplatform.api.GridException;
import org.gridplatform.api.InvalidRequestException;
import org.gridplatform.api.ProblemType;
import org.gridplatform.api.TagQuery;
import org.gridplatform.node.data.CsvLoader;
import org.gridplatform.node.data.DatasetFormatException;
import org.gridplatform.node.data.IdxLoader;
import org.gridplatform.node.data.LoadedDataset;
import org.gridplatform.spi.training.Task;
import org.gridplatform.api.DatasetDescription;

/**
 * The datasets this node holds: read from the data directory at start (see {@link DatasetFiles}
 * for the layout), added by uploads and removed by deletes. Every dataset is loaded into memory
 * once ({@link LoadedDataset}, single-precision values: a 6,000-image Fashion-MNIST shard takes
 * 19 MB) because training reads it again at every round and loading is what validates it; the
 * description shown by the API is computed at the same time. A file that cannot be read is logged
 * with the reason and left out; it never stops the node.
 *
 * <p>Thread-safe: reads see a concurrent map; uploads and deletes are serialised.
 */
@ApplicationScoped
public class DatasetCatalog implements TrainingDatasets {

    private static final Logger LOG = Logger.getLogger(DatasetCatalog.class.getName());
    static final Pattern VALID_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Set<String> METADATA_FIELDS = Set.of("name", "tags", "description", "target", "task", "format",
            "images", "labels", "label-names", "public");
    private static final String METADATA_SHAPE = "a JSON object with name, tags, description, target and optionally "
            + "task, format, images, labels, label-names, public";

    private final Map<String, Dataset> datasets = new ConcurrentHashMap<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final Object writes = new Object();
    private final Jsonb jsonb = JsonbBuilder.create(new JsonbConfig().withFormatting(true));
    private volatile DatasetFiles files;

    @Inject
    NodeSettings settings;

    @PostConstruct
    void load() {
        load(settings.dataDir());
    }

    void load(Path dir) {
        files = new DatasetFiles(dir);
        if (!Files.isDirectory(dir)) {
            problem("The data directory " + dir + " does not exist; set grid.node.data-dir to a directory of datasets");
            return;
        }
        try {
            files.deleteLeftovers();
        } catch (IOException e) {
            problem("Could not delete unfinished uploads in " + dir + ": " + e);
        }
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(dir)) {
            listing.forEach(entries::add);
        } catch (IOException e) {
            problem("Could not list " + dir + ": " + e.getMessage());
            return;
        }
        entries.sort(Comparator.comparing(p -> p.getFileName().toString()));
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            if (name.startsWith(".")) {
                continue;
            }
            if (Files.isDirectory(entry)) {
                loadAtStart(name, entry, true);
            } else if (name.endsWith(DatasetMetadata.SUFFIX)) {
                loadAtStart(name.substring(0, name.length() - DatasetMetadata.SUFFIX.length()), dir, false);
            } else if (name.endsWith(".csv")) {
                String id = name.substring(0, name.length() - ".csv".length());
                if (!Files.exists(dir.resolve(id + DatasetMetadata.SUFFIX))) {
                    problem(name + ": there is no " + id + DatasetMetadata.SUFFIX + " beside it; write one that names the "
                            + "target column, for example {\"name\": \"...\", \"tags\": [\"#...\"], \"target\": \"...\"}");
                }
            }
        }
    }

    private void loadAtStart(String id, Path home, boolean uploaded) {
        String where = uploaded ? id + "/" : "";
        try {
            if (!VALID_ID.matcher(id).matches()) {
                throw new IOException(where + id + DatasetMetadata.SUFFIX + ": the dataset id '" + id
                        + "' must be 1 to 64 letters, digits, '-', '_' or '.'");
            }
            if (datasets.containsKey(id)) {
                throw new IOException(where + id + DatasetMetadata.SUFFIX + ": the dataset " + id
                        + " is defined twice (as files in the data directory and as a directory); remove one");
            }
            Path metaFile = home.resolve(id + DatasetMetadata.SUFFIX);
            if (!Files.exists(metaFile)) {
                throw new IOException(where + ": the directory has no " + id + DatasetMetadata.SUFFIX);
            }
            DatasetMetadata metadata = parseMetadata(Files.readString(metaFile, StandardCharsets.UTF_8), id + DatasetMetadata.SUFFIX);
            Dataset dataset = read(id, home, metadata, uploaded);
            datasets.put(id, dataset);
            LOG.info(() -> "Dataset " + id + ": " + dataset.data() + ", tags " + dataset.description().tags() + ", "
                    + dataset.data().memoryBytes() / 1024 + " KiB in memory");
        } catch (IOException | IllegalArgumentException e) {
            problem(e.getMessage());
        } catch (OutOfMemoryError e) {
            problem(where + id + ": the dataset does not fit in this node's heap; give the node more memory (-Xmx) or split the dataset");
        }
    }

    /**
     * Parses metadata JSON, refusing unknown fields (a misspelt "tag" would otherwise be lost silently).
     *
     * @param source how to name the metadata in messages
     * @throws IllegalArgumentException naming the problem
     */
    DatasetMetadata parseMetadata(String json, String source) {
        JsonObject object;
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            object = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new IllegalArgumentException(source + " is not " + METADATA_SHAPE);
        }
        for (String key : object.keySet()) {
            if (!METADATA_FIELDS.contains(key)) {
                throw new IllegalArgumentException(source + ": unknown field \"" + (key.length() > 40 ? key.substring(0, 40) + "..." : key)
                        + "\"; the fields are " + new TreeSet<>(METADATA_FIELDS));
            }
        }
        try {
            return jsonb.fromJson(json, DatasetMetadata.class);
        } catch (JsonbException e) {
            throw new IllegalArgumentException(source + " is not " + METADATA_SHAPE + ": a field has the wrong type");
        }
    }

    /** Loads and describes one dataset whose metadata is at {@code home/<id>.meta.json}. */
    private Dataset read(String id, Path home, DatasetMetadata metadata, boolean uploaded) throws IOException {
        Set<String> normal;
        try {
            normal = metadata.validate();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(id + DatasetMetadata.SUFFIX + ": " + e.getMessage(), e);
        }
        String format = metadata.formatOrDefault();
        LoadedDataset data;
        List<ColumnInfo> columns = new ArrayList<>();
        if (DatasetMetadata.IDX.equals(format)) {
            data = IdxLoader.load(id, existing(home, metadata.images(), id), existing(home, metadata.labels(), id),
                    metadata.labelNames(), IdxLoader.Selection.all());
            data.featureNames().forEach(f -> columns.add(new ColumnInfo(f, ColumnInfo.NUMERIC)));
            columns.add(new ColumnInfo(data.targetName(), targetType(data)));
        } else {
            Path csv = existing(home, id + ".csv", id);
            data = CsvLoader.load(id, csv, metadata.target(), metadata.taskOrNull());
            for (String column : header(csv)) {
                columns.add(new ColumnInfo(column, column.equals(data.targetName()) ? targetType(data) : ColumnInfo.NUMERIC));
            }
        }
        DatasetDescription description = new DatasetDescription(id, metadata.name() == null ? id : metadata.name(),
                metadata.displayTags(normal), metadata.description() == null ? "" : metadata.description(),
                data.targetName(), data.rowCount(), List.copyOf(columns), Dataset.taskName(data.task()), format,
                data.featureNames(), data.task() == Task.CLASSIFICATION ? data.labelNames() : null, data.statistics());
        return new Dataset(description, Set.copyOf(normal), data, home, uploaded, metadata.anyoneMayRead());
    }

    private static Path existing(Path home, String file, String id) throws IOException {
        Path path = home.resolve(file);
        if (!Files.isRegularFile(path)) {
            throw new IOException(id + DatasetMetadata.SUFFIX + ": the data file " + file + " is missing");
        }
        return path;
    }

    /** A target column is numeric when every value is a number, as in the file. */
    private static String targetType(LoadedDataset data) {
        if (data.task() == Task.REGRESSION) {
            return ColumnInfo.NUMERIC;
        }
        for (String label : data.labelNames()) {
            try {
                if (!Double.isFinite(Double.parseDouble(label))) {
                    return ColumnInfo.TEXT;
                }
            } catch (NumberFormatException e) {
                return ColumnInfo.TEXT;
            }
        }
        return ColumnInfo.NUMERIC;
    }

    /** @return the header's column names in file order (the loader has already checked the file) */
    private static List<String> header(Path csv) throws IOException {
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8); CSVReader reader = new CSVReader(in)) {
            String[] cells = reader.readNext();
            return Arrays.stream(cells).map(c -> c.replace("\uFEFF", "").trim()).toList();
        } catch (CsvException e) {
            throw new DatasetFormatException(csv.getFileName() + ": line 1: " + e.getMessage(), e);
        }
    }

    /**
     * Adds an uploaded dataset: writes its files into a staging directory, loads them (which checks
     * them), then publishes the directory under the dataset's id in one atomic rename.
     *
     * @param metadataJson the {@code metadata} part
     * @param parts        the file parts by name: {@code file} for CSV, {@code images} and {@code labels} for IDX
     * @return the new dataset
     * @throws GridException {@code 400} for bad metadata or files (the detail names the line and column
     *                       or the header field), {@code 409} for a name already in use
     */
    public Dataset add(String metadataJson, Map<String, InputStream> parts) throws IOException {
        DatasetMetadata metadata;
        Set<String> expected;
        try {
            metadata = parseMetadata(metadataJson, "The metadata part");
            String format = metadata.formatOrDefault();
            expected = DatasetMetadata.IDX.equals(format) ? Set.of("images", "labels") : Set.of("file");
            if (metadata.name() == null) {
                throw new IllegalArgumentException("The metadata has no \"name\"; the dataset's id is made from it");
            }
            if (DatasetMetadata.IDX.equals(format)) {
                // An upload's IDX files come as parts; the node names them, whatever the metadata says.
                metadata = metadata.withFiles(DatasetMetadata.IDX, "images.idx", "labels.idx");
            }
            metadata.validate();
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage());
        }
        for (String part : expected) {
            if (!parts.containsKey(part)) {
                throw new InvalidRequestException("The upload has no part named '" + part + "'; send "
                        + (expected.size() == 1 ? "the CSV file as 'file'" : "the IDX files as 'images' and 'labels'")
                        + " beside 'metadata'");
            }
        }
        String id = idFor(metadata.name());
        checkFree(id, metadata.name());
        Path staging = files.newStaging();
        try {
            DatasetMetadata stored;
            if (expected.size() == 1) {
                DatasetFiles.write(parts.get("file"), staging.resolve(id + ".csv"));
                stored = metadata.withFiles(DatasetMetadata.CSV, null, null);
            } else {
                DatasetFiles.write(parts.get("images"), staging.resolve("images.idx"));
                DatasetFiles.write(parts.get("labels"), staging.resolve("labels.idx"));
                stored = metadata.withFiles(DatasetMetadata.IDX, "images.idx", "labels.idx");
            }
            Dataset dataset;
            try {
                dataset = read(id, staging, stored, true);
            } catch (DatasetFormatException | IllegalArgumentException e) {
                throw new InvalidRequestException("The dataset cannot be read: " + e.getMessage());
            } catch (OutOfMemoryError e) {
                throw new GridException(ProblemType.PAYLOAD_TOO_LARGE, "The dataset does not fit in this node's memory; "
                        + "split it into smaller datasets");
            }
            try (var out = Files.newBufferedWriter(staging.resolve(id + DatasetMetadata.SUFFIX), StandardCharsets.UTF_8)) {
                jsonb.toJson(stored, out);
            }
            synchronized (writes) {
                checkFree(id, metadata.name());
                Path home;
                try {
                    home = files.publish(staging, id);
                } catch (FileAlreadyExistsException e) {
                    throw conflict("The data directory already has an entry named " + id
                            + "; choose another name or remove it");
                }
                Dataset published = new Dataset(dataset.description(), dataset.normalTags(), dataset.data(), home, true,
                        dataset.open());
                datasets.put(id, published);
                LOG.info(() -> "Dataset " + id + " uploaded: " + published.data() + ", tags " + published.description().tags());
                return published;
            }
        } finally {
            DatasetFiles.deleteTree(staging);
        }
    }

    /**
     * Deletes a dataset's files: atomically invisible first, then deleted.
     *
     * @throws GridException {@code 404} if there is no such dataset
     */
    public void remove(String id) throws IOException {
        synchronized (writes) {
            Dataset dataset = get(id);
            List<Path> paths = dataset.uploaded() ? List.of(dataset.home())
                    // The metadata file first: without it the dataset does not exist. IDX files may be
                    // shared by several datasets an operator wrote: they stay.
                    : DatasetMetadata.IDX.equals(dataset.description().format())
                    ? List.of(dataset.home().resolve(id + DatasetMetadata.SUFFIX))
                    : List.of(dataset.home().resolve(id + DatasetMetadata.SUFFIX), dataset.home().resolve(id + ".csv"));
            files.discard(paths);
            datasets.remove(id);
            LOG.info(() -> "Dataset " + id + " deleted");
        }
    }

    /**
     * @return the id made from a dataset's name: lower case, accents dropped, every run of other
     *         characters than letters, digits, '.', '_' and '-' made one '-', at most 64 characters
     */
    static String idFor(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        String id = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^[-.]+|[-.]+$", "");
        if (id.length() > 64) {
            id = id.substring(0, 64).replaceAll("[-.]+$", "");
        }
        if (!VALID_ID.matcher(id).matches()) {
            throw new InvalidRequestException("The name \"" + (name.length() > 40 ? name.substring(0, 40) + "..." : name)
                    + "\" gives no dataset id; use a name with letters or digits");
        }
        return id;
    }

    private void checkFree(String id, String name) {
        Dataset same = datasets.get(id);
        if (same != null) {
            throw conflict("A dataset with the id " + id + " exists (named \"" + same.description().name()
                    + "\"); choose another name, or DELETE /datasets/" + id + " first");
        }
        for (Dataset other : datasets.values()) {
            if (other.description().name().equalsIgnoreCase(name.strip())) {
                throw conflict("The dataset " + other.id() + " has this name already; choose another name");
            }
        }
    }

    private static GridException conflict(String detail) {
        return new GridException(ProblemType.CONFLICT, detail);
    }

    private void problem(String problem) {
        problems.add(problem);
        LOG.warning("Skipped: " + problem);
    }

    /** @return every dataset, ordered by id */
    public List<Dataset> all() {
        return datasets.values().stream().sorted(Comparator.comparing(Dataset::id)).toList();
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

    @Override
    public LoadedDataset loaded(String id) {
        return get(id).data();
    }

    @Override
    public List<String> matching(TagQuery query) {
        return all().stream().filter(d -> d.normalTags().containsAll(query.tags())).map(Dataset::id).toList();
    }

    /** @return the union of the datasets' tags in display form, sorted */
    public List<String> tags() {
        TreeSet<String> tags = new TreeSet<>();
        datasets.values().forEach(d -> tags.addAll(d.description().tags()));
        return new ArrayList<>(tags);
    }

    /** @return the union of the datasets' tags in normal form */
    public Set<String> normalTags() {
        Set<String> tags = new TreeSet<>();
        datasets.values().forEach(d -> tags.addAll(d.normalTags()));
        return tags;
    }

    /** @return each dataset's tags in display form, ordered by dataset id: what the node announces when it joins */
    public List<List<String>> tagSets() {
        return all().stream().map(d -> d.description().tags()).toList();
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
