package org.epicenter.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The replay dedup applies exactly the live rule of {@link DedupWindow}. */
class DedupTableTest {
    @Test
    void agreesWithTheLiveWindowOnAHundredThousandRandomReports() {
        var live = new DedupWindow(Duration.ofMinutes(30));
        var replay = new DedupTable(Duration.ofMinutes(30));
        var random = new Random(7);
        long t = Instant.parse("2025-11-18T00:00:00Z").toEpochMilli();
        int counted = 0;
        int repeats = 0;
        for (int i = 0; i < 100_000; i++) {
            t += random.nextInt(2_000);
            String service = "s" + random.nextInt(5);
            String reporter = "r" + random.nextInt(3_000);
            boolean expected = live.claim(service, List.of(reporter), Instant.ofEpochMilli(t));
            byte[] framed = ("xx," + reporter + ",yy").getBytes(StandardCharsets.UTF_8);
            boolean actual = replay.claim(service, framed, 3, 3 + reporter.length(), t);
            assertThat(actual).as("report %d: %s by %s", i, service, reporter).isEqualTo(expected);
            if (expected) {
                counted++;
            } else {
                repeats++;
            }
            if (i % 5_000 == 0) {
                live.prune(Instant.ofEpochMilli(t));
            }
        }
        assertThat(counted).isGreaterThan(10_000);
        assertThat(repeats).isGreaterThan(10_000); // both outcomes were exercised
    }

    @Test
    void aReporterCountsAgainAfterTheWindowAndPerServiceSeparately() {
        var d = new DedupTable(Duration.ofMinutes(30));
        assertThat(d.claim("whatsapp", "u1", 0)).isTrue();
        assertThat(d.claim("whatsapp", "u1", 29 * 60_000)).isFalse();
        assertThat(d.claim("instagram", "u1", 29 * 60_000)).isTrue();
        assertThat(d.claim("whatsapp", "u1", 30 * 60_000)).isTrue();
        assertThat(d.claim("whatsapp", "u12", 30 * 60_000)).isTrue();
    }
}
