package org.gridplatform.server.runs;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.gridplatform.api.InvalidRequestException;
import org.gridplatform.server.JsonDepthLimit;
import org.gridplatform.api.Limits;
import org.gridplatform.api.NodeIds;
import org.gridplatform.api.Tags;
import org.gridplatform.api.training.TrainingRunReport;

/**
 * Reads the body of {@code POST /training-runs} into a valid {@link TrainingRunReport}, or refuses it
 * with an {@link InvalidRequestException} that names the field and what to send instead.
 *
 * <p>Read with JSON-P rather than JSON-B so that an unknown field (a misspelt {@code "round"} would
 * otherwise be lost silently) and a value of the wrong JSON type are each refused with their own
 * message. Tags come out in display form ({@code #iris}), without duplicates. Stateless.
 */
public final class TrainingRunReader {

    /** Longest run id. */
    public static final int MAX_RUN_ID_LENGTH = 64;
    /** Most tags in a report (as in a search query). */
    public static final int MAX_TAGS = Limits.MAX_QUERY_TAGS;
    /** Longest backend name. */
    public static final int MAX_BACKEND_LENGTH = 64;
    /** Most node ids in a report. */
    public static final int MAX_NODES = 1000;
    /** Most rounds a run may announce. */
    public static final int MAX_ROUNDS = 10_000;
    /** Most metrics in a report. */
    public static final int MAX_METRICS = 16;
    /** Longest metric name. */
    public static final int MAX_METRIC_NAME_LENGTH = 32;

    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9-]{1," + MAX_RUN_ID_LENGTH + "}");
    private static final Pattern METRIC_NAME = Pattern.compile("[a-z0-9-]{1," + MAX_METRIC_NAME_LENGTH + "}");
    private static final Set<String> FIELDS = Set.of("run-id", "tags", "backend", "nodes", "rounds", "round", "status", "metrics");
    private static final String EXAMPLE = "{\"run-id\": \"iris-1\", \"tags\": [\"#iris\"], \"backend\": \"tribuo-logistic\", "
            + "\"rounds\": 20, \"round\": 3, \"status\": \"running\"}";

    /** A report nests three levels at most; the limit leaves room and keeps the parser's recursion shallow. */
    static final int MAX_DEPTH = 16;

    private TrainingRunReader() {
    }

    /**
     * @param body the request body, may be {@code null} or empty
     * @return the report, with tags in display form and unmodifiable lists and map
     * @throws InvalidRequestException naming what to fix
     */
    public static TrainingRunReport read(String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidRequestException("The request body is required: a JSON object such as " + EXAMPLE);
        }
        // Refused before parsing: Parsson recurses once per level, and a request thread's stack overflowed on 20,000.
        if (JsonDepthLimit.nestsDeeperThan(body, MAX_DEPTH)) {
            throw new InvalidRequestException("The request body nests deeper than " + MAX_DEPTH + " levels; a report is a flat "
                    + "JSON object such as " + EXAMPLE);
        }
        JsonValue value;
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            value = reader.readValue();
        } catch (JsonParsingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNumber() + ", column " + e.getLocation().getColumnNumber();
            throw new InvalidRequestException("The request body is not valid JSON" + where + "; send a JSON object such as " + EXAMPLE);
        } catch (RuntimeException e) {
            // JsonException, IllegalStateException, and Parsson's plain RuntimeException for input nested too deeply.
            throw new InvalidRequestException("The request body is not valid JSON (or nests deeper than 1,000 levels);"
                    + " send a JSON object such as " + EXAMPLE);
        }
        if (!(value instanceof JsonObject object)) {
            throw new InvalidRequestException("The request body must be a JSON object such as " + EXAMPLE + ", not " + kind(value));
        }
        return read(object);
    }

    /**
     * @param object the report as JSON
     * @return the report
     * @throws InvalidRequestException naming what to fix
     */
    public static TrainingRunReport read(JsonObject object) {
        for (String key : object.keySet()) {
            if (!FIELDS.contains(key)) {
                throw new InvalidRequestException("Unknown field " + quote(key) + " in the training run report; its fields are "
                        + "run-id, tags, backend, nodes, rounds, round, status and metrics");
            }
        }
        String runId = string(object, "run-id", "\"iris-1\"");
        if (!RUN_ID.matcher(runId).matches()) {
            throw new InvalidRequestException("The run-id " + quote(runId) + " is not valid: use 1 to " + MAX_RUN_ID_LENGTH
                    + " ASCII letters, digits or '-'");
        }
        List<String> tags = tags(object);
        String backend = string(object, "backend", "\"tribuo-logistic\"");
        if (backend.isBlank() || backend.length() > MAX_BACKEND_LENGTH || backend.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidRequestException("The backend " + quote(backend) + " is not valid: use 1 to " + MAX_BACKEND_LENGTH
                    + " printable characters, such as \"tribuo-logistic\"");
        }
        List<String> nodes = nodes(object);
        int rounds = integer(object, "rounds", 1, MAX_ROUNDS, String.valueOf(MAX_ROUNDS));
        int round = integer(object, "round", 0, rounds, "'rounds' (" + rounds + ")");
        String status = string(object, "status", "\"running\"");
        if (!TrainingRunReport.STATUSES.contains(status)) {
            throw new InvalidRequestException("The status " + quote(status) + " is not valid: use one of "
                    + String.join(", ", TrainingRunReport.STATUSES));
        }
        return new TrainingRunReport(runId, tags, backend, nodes, rounds, round, status, metrics(object));
    }

    private static List<String> tags(JsonObject object) {
        JsonArray array = array(object, "tags", true, "[\"#iris\"]");
        if (array.isEmpty() || array.size() > MAX_TAGS) {
            throw new InvalidRequestException("The field 'tags' must hold 1 to " + MAX_TAGS + " tags, not " + array.size());
        }
        Set<String> tags = new LinkedHashSet<>();
        for (int i = 0; i < array.size(); i++) {
            tags.add(Tags.display(Tags.validate(element(array, i, "tags", "a tag such as \"#iris\""), "tags[" + i + "]")));
        }
        return List.copyOf(tags);
    }

    private static List<String> nodes(JsonObject object) {
        JsonArray array = array(object, "nodes", false, "[\"alice\", \"bob\"]");
        if (array == null) {
            return List.of();
        }
        if (array.size() > MAX_NODES) {
            throw new InvalidRequestException("The field 'nodes' holds " + array.size() + " node ids; send at most " + MAX_NODES);
        }
        List<String> nodes = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            nodes.add(NodeIds.validate(element(array, i, "nodes", "a node id such as \"alice\""), "node id nodes[" + i + "]"));
        }
        return List.copyOf(nodes);
    }

    private static Map<String, Double> metrics(JsonObject object) {
        JsonValue value = object.get("metrics");
        if (value == null || value == JsonValue.NULL) {
            return Map.of();
        }
        if (!(value instanceof JsonObject metrics)) {
            throw new InvalidRequestException("The field 'metrics' must be a JSON object of names to numbers, such as "
                    + "{\"accuracy\": 0.93, \"loss\": 0.2}, not " + kind(value));
        }
        if (metrics.size() > MAX_METRICS) {
            throw new InvalidRequestException("The field 'metrics' holds " + metrics.size() + " metrics; send at most " + MAX_METRICS);
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> metric : metrics.entrySet()) {
            String name = metric.getKey();
            if (!METRIC_NAME.matcher(name).matches()) {
                throw new InvalidRequestException("The metric name " + quote(name) + " is not valid: use 1 to " + MAX_METRIC_NAME_LENGTH
                        + " of a-z, 0-9 and '-', such as \"accuracy\"");
            }
            double number = metric.getValue() instanceof JsonNumber n ? n.doubleValue() : Double.NaN;
            if (!Double.isFinite(number)) {
                throw new InvalidRequestException("The metric " + quote(name) + " must be a finite JSON number, such as 0.93, not "
                        + (metric.getValue() instanceof JsonNumber ? "a number beyond the range of a double" : kind(metric.getValue())));
            }
            out.put(name, number);
        }
        return Collections.unmodifiableMap(out);
    }

    private static String string(JsonObject object, String field, String example) {
        JsonValue value = object.get(field);
        if (value == null || value == JsonValue.NULL) {
            throw new InvalidRequestException("The field '" + field + "' is required: a JSON string such as " + example);
        }
        if (!(value instanceof JsonString string)) {
            throw new InvalidRequestException("The field '" + field + "' must be a JSON string such as " + example + ", not " + kind(value));
        }
        return string.getString();
    }

    private static int integer(JsonObject object, String field, int min, int max, String maxName) {
        JsonValue value = object.get(field);
        String rule = "a whole number from " + min + " to " + maxName;
        if (value == null || value == JsonValue.NULL) {
            throw new InvalidRequestException("The field '" + field + "' is required: " + rule);
        }
        if (!(value instanceof JsonNumber number)) {
            throw new InvalidRequestException("The field '" + field + "' must be " + rule + ", not " + kind(value));
        }
        if (!number.isIntegral()) {
            throw new InvalidRequestException("The field '" + field + "' must be " + rule + ", not " + number);
        }
        if (number.bigIntegerValue().compareTo(BigInteger.valueOf(min)) < 0
                || number.bigIntegerValue().compareTo(BigInteger.valueOf(max)) > 0) {
            String shown = number.toString();
            throw new InvalidRequestException("The field '" + field + "' must be " + rule + ", not "
                    + (shown.length() > 20 ? shown.substring(0, 20) + "..." : shown));
        }
        return number.intValueExact();
    }

    private static JsonArray array(JsonObject object, String field, boolean required, String example) {
        JsonValue value = object.get(field);
        if (value == null || value == JsonValue.NULL) {
            if (required) {
                throw new InvalidRequestException("The field '" + field + "' is required: a JSON array such as " + example);
            }
            return null;
        }
        if (!(value instanceof JsonArray array)) {
            throw new InvalidRequestException("The field '" + field + "' must be a JSON array such as " + example + ", not " + kind(value));
        }
        return array;
    }

    private static String element(JsonArray array, int i, String field, String what) {
        JsonValue value = array.get(i);
        if (!(value instanceof JsonString string)) {
            throw new InvalidRequestException(field + "[" + i + "] must be " + what + ", not " + kind(value));
        }
        return string.getString();
    }

    /** @return how a JSON value is named in a message: "a number", "an array", "null" */
    private static String kind(JsonValue value) {
        return switch (value.getValueType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case TRUE, FALSE -> "a boolean";
            case NULL -> "null";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
        };
    }

    /** Quotes a client's text for a message: shortened, with quotes and control characters escaped. */
    private static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        int shown = Math.min(value.length(), 40);
        for (int i = 0; i < shown; i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (Character.isISOControl(c) || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append(value.length() > shown ? "...\"" : "\"").toString();
    }
}
