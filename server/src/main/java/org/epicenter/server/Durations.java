package org.epicenter.server;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses human durations for settings: {@code 90s}, {@code 30m}, {@code 12h}, {@code 400d}, or ISO-8601 {@code PT30M}. */
public final class Durations {
    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})(s|m|h|d)");

    private Durations() {}

    public static Duration parse(String text) {
        String t = text.strip();
        Matcher m = SHORT.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(t);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "\"" + text + "\" is not a duration (use 90s, 30m, 12h, 400d or ISO-8601 like PT30M)");
        }
    }
}
