package org.gridplatform.client;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A parsed Prometheus text exposition (format 0.0.4, what {@code GET /metrics} answers): every sample
 * line {@code name{label="value",...} value [timestamp]} and every {@code # TYPE} line. Label values
 * may hold escaped {@code \"}, {@code \\} and {@code \n}; a line that does not follow the format fails
 * the parse, so that a test sees a malformed exposition rather than a missing number.
 */
final class PrometheusText {

    /** One sample line. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;
    private final Map<String, String> types;

    private PrometheusText(List<Sample> samples, Map<String, String> types) {
        this.samples = samples;
        this.types = types;
    }

    /**
     * Scrapes a server's {@code GET /metrics}.
     *
     * @param server the server's base URL
     * @return the parsed exposition
     */
    static PrometheusText scrape(URI server) {
        HttpResponse<String> response = Http.get(server, "/metrics");
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + server + "/metrics answered " + response.statusCode() + ": " + response.body());
        }
        String type = Http.contentType(response);
        if (!type.startsWith("text/plain")) {
            throw new AssertionError("GET " + server + "/metrics is " + type + ", not text/plain");
        }
        return parse(response.body());
    }

    /**
     * @param text a Prometheus text exposition
     * @return its samples and types
     * @throws IllegalArgumentException naming the line that breaks the format
     */
    static PrometheusText parse(String text) {
        List<Sample> samples = new ArrayList<>();
        Map<String, String> types = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                if (line.startsWith("#")) {
                    String[] parts = line.split("\\s+", 4);
                    if (parts.length >= 4 && parts[1].equals("TYPE")) {
                        types.put(parts[2], parts[3]);
                    }
                    continue;
                }
                samples.add(sample(line));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("Line " + (n + 1) + " is not a Prometheus sample: " + line + " (" + e.getMessage() + ")", e);
            }
        }
        return new PrometheusText(samples, types);
    }

    private static Sample sample(String line) {
        int i = 0;
        while (i < line.length() && isNameChar(line.charAt(i), i == 0)) {
            i++;
        }
        if (i == 0) {
            throw new IllegalArgumentException("no metric name");
        }
        String name = line.substring(0, i);
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (true) {
                i = skipSpaces(line, i);
                if (line.charAt(i) == '}') {
                    i++;
                    break;
                }
                int start = i;
                while (isNameChar(line.charAt(i), i == start)) {
                    i++;
                }
                String label = line.substring(start, i);
                if (label.isEmpty() || line.charAt(i) != '=' || line.charAt(i + 1) != '"') {
                    throw new IllegalArgumentException("a label is not name=\"value\" at column " + (i + 1));
                }
                i += 2;
                StringBuilder value = new StringBuilder();
                while (line.charAt(i) != '"') {
                    char c = line.charAt(i++);
                    if (c == '\\') {
                        char escaped = line.charAt(i++);
                        value.append(switch (escaped) {
                            case 'n' -> '\n';
                            case '\\', '"' -> escaped;
                            default -> throw new IllegalArgumentException("unknown escape \\" + escaped);
                        });
                    } else {
                        value.append(c);
                    }
                }
                i++;
                if (labels.put(label, value.toString()) != null) {
                    throw new IllegalArgumentException("the label " + label + " twice");
                }
                i = skipSpaces(line, i);
                if (line.charAt(i) == ',') {
                    i++;
                } else if (line.charAt(i) != '}') {
                    throw new IllegalArgumentException("expected ',' or '}' at column " + (i + 1));
                }
            }
        }
        String[] rest = line.substring(i).strip().split("\\s+");
        if (rest.length < 1 || rest.length > 2 || rest[0].isEmpty()) {
            throw new IllegalArgumentException("expected a value and an optional timestamp");
        }
        double value = switch (rest[0]) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(rest[0]);
        };
        if (rest.length == 2) {
            Long.parseLong(rest[1]);
        }
        return new Sample(name, Map.copyOf(labels), value);
    }

    private static boolean isNameChar(char c, boolean first) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == ':' || !first && c >= '0' && c <= '9';
    }

    private static int skipSpaces(String line, int i) {
        while (line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /** @return every sample, in the order of the exposition */
    List<Sample> samples() {
        return samples;
    }

    /**
     * @param family a metric family as {@code # TYPE} names it
     * @return its type ({@code counter}, {@code gauge}, {@code summary} ...), if declared
     */
    Optional<String> type(String family) {
        return Optional.ofNullable(types.get(family));
    }

    /**
     * @param name   a sample name, such as {@code grid_search_seconds_count}
     * @param labels label names and values the sample must carry, alternating (others are ignored, such as {@code mp_scope})
     * @return the value of the one sample that matches
     * @throws AssertionError if none or several match
     */
    double value(String name, String... labels) {
        List<Sample> matching = matching(name, labels);
        if (matching.size() != 1) {
            throw new AssertionError(matching.size() + " samples " + name + " with labels " + List.of(labels) + "; the exposition has "
                    + samples.stream().filter(s -> s.name().equals(name)).map(Sample::toString).collect(Collectors.joining(", ", "[", "]")));
        }
        return matching.getFirst().value();
    }

    /** @return whether any sample has this name */
    boolean has(String name) {
        return samples.stream().anyMatch(s -> s.name().equals(name));
    }

    private List<Sample> matching(String name, String... labels) {
        if (labels.length % 2 != 0) {
            throw new IllegalArgumentException("labels come in name, value pairs");
        }
        return samples.stream().filter(s -> s.name().equals(name)).filter(s -> {
            for (int i = 0; i < labels.length; i += 2) {
                if (!labels[i + 1].equals(s.labels().get(labels[i]))) {
                    return false;
                }
            }
            return true;
        }).toList();
    }
}
