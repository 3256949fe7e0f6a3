package org.epicenter.server.replay;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import org.epicenter.model.Countries;
import org.epicenter.model.Problem;

/**
 * Reads report CSV for offline replay: header {@code timestamp,service,country,problem[,reporter]},
 * one report per line, ISO-8601 UTC timestamps sorted by time, country empty or ISO 3166-1 alpha-2.
 * The first malformed line stops the read with its line number and what is wrong.
 *
 * <p>Millions of lines a second: the bytes are parsed in place, services, countries and problems
 * are looked up without making strings, and the reporter id is handed over as a byte range.
 */
public final class ReportCsv {
    /** Receives each report; {@code reporterFrom < 0} when the file has no reporter column. */
    public interface Sink {
        void report(
                long line,
                long epochMillis,
                String service,
                String country,
                Problem problem,
                byte[] bytes,
                int reporterFrom,
                int reporterTo);
    }

    /** A line that cannot be read. */
    public static final class CsvException extends RuntimeException {
        public CsvException(String source, long line, String message) {
            super(source + ":" + line + ": " + message);
        }
    }

    private static final String HEADER = "timestamp,service,country,problem";
    private static final long EARLIEST = 0;
    private static final long LATEST = Instant.parse("2200-01-01T00:00:00Z").toEpochMilli();
    /** A year of baseline and a little more (the default aggregate retention). */
    private static final long MAX_GAP_MILLIS = 400L * 86_400_000L;

    private static final Problem[] PROBLEMS = Problem.values();
    private static final byte[][] PROBLEM_BYTES = Arrays.stream(PROBLEMS)
            .map(p -> p.wireName().getBytes(StandardCharsets.US_ASCII))
            .toArray(byte[][]::new);

    private final String source;
    private final Sink sink;
    private final Interner services = new Interner();
    private final String[] countries = new String[26 * 26];
    private byte[] buf = new byte[1 << 20];
    private int start;
    private int limit;
    private long number;
    private long previousMillis = Long.MIN_VALUE;
    /** The first 13 bytes (YYYY-MM-DDTHH) of the last fast-parsed timestamp, and that hour in epoch millis. */
    private final byte[] hourText = new byte[13];

    private long hourMillis = Long.MIN_VALUE;

    private ReportCsv(String source, Sink sink) {
        this.source = source;
        this.sink = sink;
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

    public static void read(String source, InputStream in, Sink sink) {
        try {
            new ReportCsv(source, sink).run(in);
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": " + e.getMessage(), e);
        }
    }

    private void run(InputStream in) throws IOException {
        int columns = 0;
        boolean eof = false;
        while (true) {
            int nl = indexOf((byte) '\n', start, limit);
            if (nl < 0 && !eof) {
                eof = !fill(in);
                continue;
            }
            int end = nl < 0 ? limit : nl;
            if (nl < 0 && start == limit) {
                break;
            }
            number++;
            int lineEnd = end > start && buf[end - 1] == '\r' ? end - 1 : end;
            if (number == 1) {
                columns = header(lineEnd);
            } else if (!blank(start, lineEnd)) {
                line(start, lineEnd, columns);
            }
            start = nl < 0 ? limit : nl + 1;
            if (nl < 0) {
                break;
            }
        }
        if (number == 0) {
            throw new CsvException(source, 1, "empty file: expected the header " + HEADER + "[,reporter]");
        }
    }

    /** Moves the unread bytes to the front and reads more; false at the end of the input. */
    private boolean fill(InputStream in) throws IOException {
        int unread = limit - start;
        if (unread == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2); // a line longer than the buffer
        } else if (start > 0) {
            System.arraycopy(buf, start, buf, 0, unread);
        }
        start = 0;
        limit = unread;
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            return false;
        }
        limit += n;
        return true;
    }

    private int header(int end) {
        String header = new String(buf, start, end - start, StandardCharsets.UTF_8).strip();
        if (header.startsWith("\uFEFF")) {
            header = header.substring(1);
        }
        if (header.equals(HEADER + ",reporter")) {
            return 5;
        }
        if (header.equals(HEADER)) {
            return 4;
        }
        throw new CsvException(
                source, 1, "header must be " + HEADER + " or " + HEADER + ",reporter, got \"" + header + "\"");
    }

    private void line(int from, int end, int columns) {
        int c1 = indexOf((byte) ',', from, end);
        int c2 = c1 < 0 ? -1 : indexOf((byte) ',', c1 + 1, end);
        int c3 = c2 < 0 ? -1 : indexOf((byte) ',', c2 + 1, end);
        int c4 = c3 < 0 ? -1 : indexOf((byte) ',', c3 + 1, end);
        int fields = c1 < 0 ? 1 : c2 < 0 ? 2 : c3 < 0 ? 3 : c4 < 0 ? 4 : 5 + count((byte) ',', c4 + 1, end);
        if (fields != columns) {
            throw fail("expected " + columns + " fields, got " + fields);
        }
        long millis = timestamp(from, c1);
        if (millis < EARLIEST || millis >= LATEST) {
            throw fail("timestamp " + text(from, c1) + " is outside the years 1970-2199");
        }
        if (previousMillis != Long.MIN_VALUE && millis - previousMillis > MAX_GAP_MILLIS) {
            throw fail("timestamp " + Instant.ofEpochMilli(millis) + " is " + (millis - previousMillis) / 86_400_000L
                    + " days after the previous line's " + Instant.ofEpochMilli(previousMillis)
                    + "; detection walks every minute"
                    + " between them, so a gap of more than 400 days is refused: split the file at the gap");
        }
        if (millis < previousMillis) {
            throw fail("timestamp " + Instant.ofEpochMilli(millis) + " is before the previous line's "
                    + Instant.ofEpochMilli(previousMillis) + " (the file must be sorted by time)");
        }
        previousMillis = millis;
        String service = services.get(buf, c1 + 1, c2);
        if (service == null) {
            throw fail("service \"" + text(c1 + 1, c2) + "\" is not a lowercase slug");
        }
        String country = country(c2 + 1, c3);
        Problem problem = problem(c3 + 1, columns == 5 ? c4 : end);
        if (columns == 5) {
            if (c4 + 1 == end) {
                throw fail("reporter is empty");
            }
            sink.report(number, millis, service, country, problem, buf, c4 + 1, end);
        } else {
            sink.report(number, millis, service, country, problem, buf, -1, -1);
        }
    }

    /** Epoch millis; {@code 2025-11-18T11:21:07Z} and {@code ...07.123Z} by hand, anything else through {@link Timestamps}. */
    private long timestamp(int from, int to) {
        int n = to - from;
        if ((n == 20 || n == 24)
                && buf[from + 13] == ':'
                && buf[from + 16] == ':'
                && buf[to - 1] == 'Z'
                && (n == 20 || buf[from + 19] == '.')) {
            if (hourMillis == Long.MIN_VALUE || !Arrays.equals(buf, from, from + 13, hourText, 0, 13)) {
                hourMillis = hour(from);
                if (hourMillis != Long.MIN_VALUE) {
                    System.arraycopy(buf, from, hourText, 0, 13);
                }
            }
            int minute = digits(from + 14, 2);
            int second = digits(from + 17, 2);
            int millis = n == 24 ? digits(from + 20, 3) : 0;
            if (hourMillis != Long.MIN_VALUE
                    && minute >= 0
                    && minute <= 59
                    && second >= 0
                    && second <= 59
                    && millis >= 0) {
                return hourMillis + minute * 60_000L + second * 1_000L + millis;
            }
        }
        String text = text(from, to);
        Instant t = Timestamps.parse(text);
        if (t == null) {
            throw fail("timestamp \"" + text + "\" is not ISO-8601 UTC like 2025-11-18T11:21:07Z");
        }
        if (t.isBefore(Instant.EPOCH) || !t.isBefore(Instant.ofEpochMilli(LATEST))) {
            throw fail("timestamp " + text + " is outside the years 1970-2199");
        }
        return t.toEpochMilli();
    }

    /** The hour YYYY-MM-DDTHH at {@code from} in epoch millis, or Long.MIN_VALUE. */
    private long hour(int from) {
        if (buf[from + 4] != '-' || buf[from + 7] != '-' || buf[from + 10] != 'T') {
            return Long.MIN_VALUE;
        }
        int year = digits(from, 4);
        int month = digits(from + 5, 2);
        int day = digits(from + 8, 2);
        int hour = digits(from + 11, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23) {
            return Long.MIN_VALUE;
        }
        try {
            return (LocalDate.of(year, month, day).toEpochDay() * 24 + hour) * 3_600_000L;
        } catch (DateTimeException e) {
            return Long.MIN_VALUE; // 2025-02-30
        }
    }

    private String country(int from, int to) {
        if (from == to) {
            return Countries.UNKNOWN;
        }
        if (to - from == 2) {
            int a = buf[from] - 'A';
            int b = buf[from + 1] - 'A';
            if (a >= 0 && a < 26 && b >= 0 && b < 26) {
                String known = countries[a * 26 + b];
                if (known != null) {
                    return known;
                }
                String code = text(from, to);
                if (!code.equals(Countries.UNKNOWN) && Countries.isIsoCode(code)) {
                    countries[a * 26 + b] = code;
                    return code;
                }
                if (code.equals(Countries.UNKNOWN)) {
                    return Countries.UNKNOWN;
                }
            }
        }
        throw fail("country \"" + text(from, to) + "\" is not empty or an ISO 3166-1 alpha-2 code");
    }

    private Problem problem(int from, int to) {
        for (int i = 0; i < PROBLEMS.length; i++) {
            if (Arrays.equals(buf, from, to, PROBLEM_BYTES[i], 0, PROBLEM_BYTES[i].length)) {
                return PROBLEMS[i];
            }
        }
        throw fail("problem \"" + text(from, to) + "\" is not one of " + Problem.allowedValues());
    }

    private int digits(int from, int len) {
        int v = 0;
        for (int i = from; i < from + len; i++) {
            int d = buf[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    private boolean blank(int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] != ' ' && buf[i] != '\t' && buf[i] != '\r') {
                return false;
            }
        }
        return true;
    }

    private int indexOf(byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private int count(byte b, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (buf[i] == b) {
                n++;
            }
        }
        return n;
    }

    private String text(int from, int to) {
        return new String(buf, from, to - from, StandardCharsets.UTF_8);
    }

    private CsvException fail(String message) {
        return new CsvException(source, number, message);
    }

    /** Service ids seen so far, found by their bytes: a valid slug is checked and made a string once. */
    private static final class Interner {
        private byte[][] keys = new byte[64][];
        private String[] values = new String[64];
        private int size;

        String get(byte[] b, int from, int to) {
            int h = 1;
            for (int i = from; i < to; i++) {
                h = 31 * h + b[i];
            }
            int mask = keys.length - 1;
            int i = (h ^ (h >>> 16)) & mask;
            while (keys[i] != null) {
                if (Arrays.equals(keys[i], 0, keys[i].length, b, from, to)) {
                    return values[i];
                }
                i = (i + 1) & mask;
            }
            String s = new String(b, from, to - from, StandardCharsets.UTF_8);
            if (!isSlug(s)) {
                return null;
            }
            String value = s.intern();
            keys[i] = Arrays.copyOfRange(b, from, to);
            values[i] = value;
            if (++size * 2 > keys.length) {
                grow(); // moves every slot: values[i] is no longer this service (issue 18)
            }
            return value;
        }

        private void grow() {
            byte[][] oldKeys = keys;
            String[] oldValues = values;
            keys = new byte[oldKeys.length * 2][];
            values = new String[oldKeys.length * 2];
            int mask = keys.length - 1;
            for (int j = 0; j < oldKeys.length; j++) {
                if (oldKeys[j] != null) {
                    int h = 1;
                    for (byte x : oldKeys[j]) {
                        h = 31 * h + x;
                    }
                    int i = (h ^ (h >>> 16)) & mask;
                    while (keys[i] != null) {
                        i = (i + 1) & mask;
                    }
                    keys[i] = oldKeys[j];
                    values[i] = oldValues[j];
                }
            }
        }
    }
}
