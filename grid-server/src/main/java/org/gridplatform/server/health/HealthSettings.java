package org.gridplatform.server.health;

import java.time.Duration;
import java.util.function.Function;
import org.gridplatform.api.Durations;

/**
 * How a gateway (or a DHT node) keeps its view of the nodes true. Keys under {@code grid.health.}:
 *
 * <table>
 *   <caption>Health checking keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code interval}</td><td>{@code 10s}</td><td>time between the end of one sweep and the start of the next</td></tr>
 *   <tr><td>{@code timeout}</td><td>{@code 500ms}</td><td>how long one node gets to answer its ping</td></tr>
 *   <tr><td>{@code suspect-after}</td><td>1</td><td>missed pings in a row that make a node SUSPECT</td></tr>
 *   <tr><td>{@code down-after}</td><td>2</td><td>missed pings in a row that make it DOWN (left out of searches)</td></tr>
 *   <tr><td>{@code grace}</td><td>{@code 5m}</td><td>how long a node may stay DOWN without re-joining before it is removed</td></tr>
 *   <tr><td>{@code catalog-interval}</td><td>{@code 60s}</td><td>how often the datasets of an UP node are re-read for the dashboard</td></tr>
 * </table>
 *
 * @param interval        between sweeps
 * @param timeout         per ping
 * @param suspectAfter    missed pings for SUSPECT, at least 1
 * @param downAfter       missed pings for DOWN, at least {@code suspectAfter}
 * @param grace           DOWN time before removal
 * @param catalogInterval between reads of a node's dataset list
 */
public record HealthSettings(Duration interval, Duration timeout, int suspectAfter, int downAfter, Duration grace,
                             Duration catalogInterval) {

    /** The prefix of the keys. */
    public static final String PREFIX = "grid.health.";

    /** The defaults. */
    public static final HealthSettings DEFAULTS = new HealthSettings(Duration.ofSeconds(10), Duration.ofMillis(500), 1, 2,
            Duration.ofMinutes(5), Duration.ofSeconds(60));

    /** Checks the ranges. */
    public HealthSettings {
        if (interval.compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalArgumentException(PREFIX + "interval is " + interval.toMillis() + "ms" + ": use 100ms or more, such as 10s");
        }
        if (timeout.compareTo(Duration.ofMillis(10)) < 0 || timeout.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException(PREFIX + "timeout is " + timeout.toMillis() + "ms" + ": use 10ms to 1m, such as 500ms");
        }
        if (suspectAfter < 1 || suspectAfter > 100) {
            throw new IllegalArgumentException(PREFIX + "suspect-after is " + suspectAfter + ": use 1 to 100");
        }
        if (downAfter < suspectAfter || downAfter > 100) {
            throw new IllegalArgumentException(PREFIX + "down-after is " + downAfter + ": use " + suspectAfter
                    + " (suspect-after) to 100");
        }
        if (grace.isNegative()) {
            throw new IllegalArgumentException(PREFIX + "grace must not be negative; use 0 to remove DOWN nodes at once");
        }
        if (catalogInterval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException(PREFIX + "catalog-interval is " + catalogInterval.toMillis() + "ms"
                    + ": use 1s or more, such as 60s");
        }
    }

    /**
     * @param value the configured value of a key (relative to {@link #PREFIX}), or {@code null} if not set
     * @return the settings, defaults where a key is not set
     * @throws IllegalArgumentException naming the key and the fix
     */
    public static HealthSettings read(Function<String, String> value) {
        return new HealthSettings(
                duration(value, "interval", DEFAULTS.interval),
                duration(value, "timeout", DEFAULTS.timeout),
                integer(value, "suspect-after", DEFAULTS.suspectAfter),
                integer(value, "down-after", DEFAULTS.downAfter),
                duration(value, "grace", DEFAULTS.grace),
                duration(value, "catalog-interval", DEFAULTS.catalogInterval));
    }

    private static Duration duration(Function<String, String> value, String key, Duration fallback) {
        String text = value.apply(key);
        return text == null ? fallback : Durations.parse(text, PREFIX + key);
    }

    private static int integer(Function<String, String> value, String key, int fallback) {
        String text = value.apply(key);
        if (text == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PREFIX + key + " is \"" + text + "\": use a whole number, such as " + fallback, e);
        }
    }
}
