package org.gridplatform.api;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads durations as people write them in configuration and on command lines: {@code 500ms},
 * {@code 2s}, {@code 5m}, {@code 1h}, or ISO-8601 such as {@code PT30S}.
 *
 * <p>Written here because MicroProfile Config 3.1 has no standard converter for
 * {@link Duration}, and the clients and plugins need the same rule without a server.
 */
public final class Durations {

    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h)");

    private Durations() {
    }

    /**
     * @param text the duration, never {@code null}
     * @param key  the configuration key or option it came from, for the error message
     * @return the duration, zero or positive
     * @throws IllegalArgumentException naming the key and the accepted forms if the text is not a duration
     */
    public static Duration parse(String text, String key) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        Matcher m = SHORT.matcher(value);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        }
        try {
            Duration d = Duration.parse(text.strip());
            if (!d.isNegative()) {
                return d;
            }
        } catch (DateTimeParseException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("Invalid duration for " + key + ": " + Quoting.quote(text)
                + "; use a number with ms, s, m or h (such as 2s or 500ms), or ISO-8601 such as PT30S");
    }
}
