package org.epicenter.server.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.function.Consumer;
import org.epicenter.model.Countries;
import org.epicenter.model.Problem;

/**
 * Reads report CSV for offline replay: header {@code timestamp,service,country,problem[,reporter]},
 * one report per line, ISO-8601 UTC timestamps sorted by time, country empty or ISO 3166-1 alpha-2.
 * The first malformed line stops the read with its line number and what is wrong.
 */
public final class ReportCsv {
    /** One parsed line; reporter is null when the file has no reporter column. */
    public record Line(long number, Instant timestamp, String service, String country, Problem problem, String reporter) {
    }

    /** A line that cannot be read. */
    public static final class CsvException extends RuntimeException {
        public CsvException(String source, long line, String message) {
            super(source + ":" + line + ": " + message);
        }
    }

    private static final String HEADER = "timestamp,service,country,problem";

    private ReportCsv() {
    }

    /** Same rule as the catalog's ids (a-z, 0-9, single inner dashes, at most 64), without a regex per line. */
    static boolean isSlug(String s) {
        int n = s.length();
        if (n == 0 || n > 64 || s.charAt(0) == '-' || s.charAt(n - 1) == '-') {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && s.charAt(i - 1) != '-');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    public static void read(String source, BufferedReader in, Consumer<Line> sink) {
        try {
            String header = in.readLine();
            if (header == null) {
                throw new CsvException(source, 1, "empty file: expected the header " + HEADER + "[,reporter]");
            }
            header = header.strip();
            if (header.startsWith("\uFEFF")) {
                header = header.substring(1);
            }
            boolean withReporter = header.equals(HEADER + ",reporter");
            if (!withReporter && !header.equals(HEADER)) {
                throw new CsvException(source, 1, "header must be " + HEADER + " or " + HEADER + ",reporter, got \"" + header + "\"");
            }
            int columns = withReporter ? 5 : 4;
            Instant previous = Instant.MIN;
            long number = 1;
            for (String raw = in.readLine(); raw != null; raw = in.readLine()) {
                number++;
                if (raw.isBlank()) {
                    continue;
                }
                String[] f = raw.split(",", -1);
                if (f.length != columns) {
                    throw new CsvException(source, number, "expected " + columns + " fields, got " + f.length);
                }
                Instant t = Timestamps.parse(f[0]);
                if (t == null) {
                    throw new CsvException(source, number, "timestamp \"" + f[0] + "\" is not ISO-8601 UTC like 2025-11-18T11:21:07Z");
                }
                if (t.isBefore(previous)) {
                    throw new CsvException(source, number, "timestamp " + t + " is before the previous line's " + previous
                            + " (the file must be sorted by time)");
                }
                previous = t;
                if (!isSlug(f[1])) {
                    throw new CsvException(source, number, "service \"" + f[1] + "\" is not a lowercase slug");
                }
                String country = f[2].isEmpty() ? Countries.UNKNOWN : f[2];
                if (!country.equals(Countries.UNKNOWN) && !Countries.isIsoCode(country)) {
                    throw new CsvException(source, number, "country \"" + f[2] + "\" is not empty or an ISO 3166-1 alpha-2 code");
                }
                long at = number;
                Problem problem = Problem.fromWire(f[3]).orElseThrow(() -> new CsvException(source, at,
                        "problem \"" + f[3] + "\" is not one of " + Problem.allowedValues()));
                String reporter = withReporter ? f[4] : null;
                if (withReporter && reporter.isEmpty()) {
                    throw new CsvException(source, number, "reporter is empty");
                }
                sink.accept(new Line(number, t, f[1], country, problem, reporter));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": " + e.getMessage(), e);
        }
    }
}
