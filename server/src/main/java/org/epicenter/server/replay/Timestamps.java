package org.epicenter.server.replay;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * ISO-8601 UTC timestamps for replay files. The common form {@code 2025-11-18T11:21:07Z} (optionally
 * with .fff before the Z) is parsed by hand, which is many times faster than {@link Instant#parse};
 * anything else falls back to it, so every ISO-8601 instant is still accepted.
 */
final class Timestamps {
    private Timestamps() {}

    /** The instant, or null when the text is not an ISO-8601 instant. */
    static Instant parse(String s) {
        int n = s.length();
        if ((n == 20 || n == 24)
                && s.charAt(4) == '-'
                && s.charAt(7) == '-'
                && s.charAt(10) == 'T'
                && s.charAt(13) == ':'
                && s.charAt(16) == ':'
                && s.charAt(n - 1) == 'Z'
                && (n == 20 || s.charAt(19) == '.')) {
            int year = digits(s, 0, 4);
            int month = digits(s, 5, 2);
            int day = digits(s, 8, 2);
            int hour = digits(s, 11, 2);
            int minute = digits(s, 14, 2);
            int second = digits(s, 17, 2);
            int millis = n == 24 ? digits(s, 20, 3) : 0;
            if (year >= 0
                    && month >= 1
                    && month <= 12
                    && day >= 1
                    && day <= 31
                    && hour >= 0
                    && hour <= 23
                    && minute >= 0
                    && minute <= 59
                    && second >= 0
                    && second <= 59
                    && millis >= 0) {
                try {
                    long epochDay = LocalDate.of(year, month, day).toEpochDay();
                    return Instant.ofEpochSecond(
                            epochDay * 86_400 + hour * 3_600L + minute * 60L + second, millis * 1_000_000L);
                } catch (DateTimeException e) {
                    return null; // 2025-02-30
                }
            }
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The value of {@code len} decimal digits at {@code from}, or -1. */
    private static int digits(String s, int from, int len) {
        int v = 0;
        for (int i = from; i < from + len; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
