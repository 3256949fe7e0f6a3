package org.epicenter.server.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The CSV reader against a plain reference parse: every report under its own service, country and problem. */
class ReportCsvTest {
    private static final String[] PROBLEMS = {
        "app",
        "login",
        "website",
        "connection",
        "messaging",
        "calls",
        "payments",
        "streaming",
        "other",
        "transfers",
        "cards",
        "mobile-data",
        "home-internet"
    };

    private static final String[] COUNTRIES = {
        "SA", "EG", "AE", "US", "GB", "DE", "FR", "IN", "BR", "JP", "MA", "DZ", "ZZ"
    };

    /** service|country|problem -> count, as the reader hands them to the detector. */
    private static Map<String, Long> read(String csv) {
        var counts = new HashMap<String, Long>();
        ReportCsv.read(
                "test.csv",
                new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
                (line, millis, service, country, problem, bytes, from, to) ->
                        counts.merge(service + "|" + country + "|" + problem.wireName(), 1L, Long::sum));
        return counts;
    }

    /** The same counts by String.split: slow and obviously right. */
    private static Map<String, Long> reference(String csv) {
        var counts = new HashMap<String, Long>();
        csv.lines().skip(1).forEach(l -> {
            String[] f = l.split(",", -1);
            counts.merge(f[1] + "|" + (f[2].isEmpty() ? "ZZ" : f[2]) + "|" + f[3], 1L, Long::sum);
        });
        return counts;
    }

    @Test
    void aThousandDistinctServicesAreEachCountedUnderTheirOwnName() {
        var b = new StringBuilder("timestamp,service,country,problem\n");
        for (int i = 0; i < 1000; i++) {
            b.append("2025-11-18T11:")
                    .append(String.format("%02d", i / 60 % 60))
                    .append(':')
                    .append(String.format("%02d", i % 60))
                    .append("Z,signal-")
                    .append(i)
                    .append(",SA,app\n");
        }
        // before the fix: the 33rd distinct service got another's name or null ("not a lowercase slug")
        Map<String, Long> counts = read(b.toString());
        assertThat(counts).hasSize(1000).isEqualTo(reference(b.toString()));
        assertThat(counts).containsEntry("signal-32|SA|app", 1L).containsEntry("signal-999|SA|app", 1L);
    }

    @Test
    void randomFilesCountAsThePlainReferenceDoes() {
        for (long seed = 1; seed <= 20; seed++) {
            var random = new Random(seed);
            int services = 1 + random.nextInt(3000);
            var b = new StringBuilder("timestamp,service,country,problem\n");
            long t = Instant.parse("2025-11-18T00:00:00Z").toEpochMilli();
            int rows = 5000 + random.nextInt(20_000);
            for (int i = 0; i < rows; i++) {
                t += random.nextInt(3) * 1000L;
                int s = (int) Math.min(services - 1, Math.abs(random.nextGaussian()) * services / 3);
                String country = random.nextInt(10) == 0 ? "" : COUNTRIES[random.nextInt(COUNTRIES.length)];
                b.append(Instant.ofEpochMilli(t))
                        .append(',')
                        .append(random.nextBoolean() ? "svc-" + s : "s" + s + "x")
                        .append(',')
                        .append(country)
                        .append(',')
                        .append(PROBLEMS[random.nextInt(PROBLEMS.length)])
                        .append('\n');
            }
            assertThat(read(b.toString())).as("seed %d", seed).isEqualTo(reference(b.toString()));
        }
    }

    @Test
    void timesFarAwayOrFarApartAreRefusedWithTheirLine() {
        String header = "timestamp,service,country,problem\n";
        assertThatThrownBy(() -> read(header + "+999999999-12-31T23:59:59Z,x,SA,app\n"))
                .isInstanceOf(ReportCsv.CsvException.class)
                .hasMessageContaining("test.csv:2:")
                .hasMessageContaining("outside the years 1970-2199");
        assertThatThrownBy(() -> read(header + "1969-12-31T23:59:59Z,x,SA,app\n"))
                .isInstanceOf(ReportCsv.CsvException.class)
                .hasMessageContaining("outside the years 1970-2199");
        assertThatThrownBy(() -> read(header + "2025-11-18T00:00:00Z,x,SA,app\n2127-11-18T00:00:00Z,x,SA,app\n"))
                .isInstanceOf(ReportCsv.CsvException.class)
                .hasMessageContaining("test.csv:3:")
                .hasMessageContaining("split the file");
        assertThat(read(header + "2025-11-18T00:00:00Z,x,SA,app\n2026-11-18T00:00:00Z,x,SA,app\n"))
                .hasSize(1);
    }

    @Test
    void hostileTextIsRefusedNotMiscounted() {
        String header = "timestamp,service,country,problem\n";
        for (String bad : List.of(
                "2025-11-18T00:00:00Z,<script>,SA,app",
                "2025-11-18T00:00:00Z,واتساب,SA,app",
                "2025-11-18T00:00:00Z,x,SA,crash",
                "2025-11-18T00:00:00Z,x,S,app",
                "2025-11-18T00:00:00Z,x,SA",
                "nonsense",
                "2025-11-18T00:00:00Z," + "a".repeat(5000) + ",SA,app")) {
            assertThatThrownBy(() -> read(header + bad + "\n"))
                    .as(bad)
                    .isInstanceOf(ReportCsv.CsvException.class)
                    .hasMessageStartingWith("test.csv:2:");
        }
        assertThat(read(header)).isEmpty();
    }
}
