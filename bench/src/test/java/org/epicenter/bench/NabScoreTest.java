package org.epicenter.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NAB's scoring on a 1,000-row file with one window (rows 500-599) and a probation of 150 rows. */
class NabScoreTest {
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final LocalDateTime T0 = LocalDateTime.parse("2014-04-01T00:00:00");
    private static final List<List<String>> WINDOW = List.of(List.of(
            T0.plusMinutes(5 * 500).format(TS) + ".000000",
            T0.plusMinutes(5 * 599).format(TS) + ".000000"));

    @TempDir
    Path dir;

    private double standard(int... detections) throws Exception {
        var csv = new StringBuilder("timestamp,value,anomaly_score\n");
        for (int i = 0; i < 1000; i++) {
            int row = i;
            boolean hit = java.util.Arrays.stream(detections).anyMatch(d -> d == row);
            csv.append(T0.plusMinutes(5L * i).format(TS))
                    .append(",1,")
                    .append(hit ? "1.0" : "0.0")
                    .append('\n');
        }
        Path file = dir.resolve("f" + System.nanoTime() + ".csv");
        Files.writeString(file, csv);
        var scored = NabScore.score("cat/f.csv", file, WINDOW);
        return NabScore.best(List.of(scored), NabScore.PROFILES.get(0))[0];
    }

    @Test
    void aDetectionAtTheLeftEdgeIsPerfectAndNoneIsNull() throws Exception {
        assertThat(standard(500)).isCloseTo(100, within(1e-9));
        assertThat(standard()).isCloseTo(0, within(1e-9));
    }

    @Test
    void laterDetectionsEarnLessAndOnlyTheFirstInAWindowCounts() throws Exception {
        double middle = 2 / (1 + Math.exp(-2.5)) - 1; // position -0.5: 0.848
        double perfect = 2 / (1 + Math.exp(-5.0)) - 1;
        assertThat(standard(550)).isCloseTo(100 * (middle + 1) / (perfect + 1), within(1e-6));
        assertThat(standard(550, 560, 598)).isCloseTo(standard(550), within(1e-9));
    }

    @Test
    void falsePositivesCostAndProbationIsIgnored() throws Exception {
        // row 950 is (950 - 599) / 99 = 3.5 window widths after the window: the full -0.11
        double withFalse = 100 * (NabScore.sigmoid(-1) - 0.11 + 1) / (NabScore.sigmoid(-1) + 1);
        assertThat(standard(500, 950)).isCloseTo(withFalse, within(1e-6));
        assertThat(standard(100, 500)).as("row 100 is in the probation").isCloseTo(100, within(1e-9));
        // the sweep may also choose to detect nothing rather than only false positives
        assertThat(standard(300)).isCloseTo(0, within(1e-9));
    }

    @Test
    void aScoreThatIsNotANumberIsRefusedWithItsLine() throws Exception {
        // a NaN score never equals itself, and the threshold sweep would never move past it
        Path file = dir.resolve("nan.csv");
        Files.writeString(
                file,
                "timestamp,value,anomaly_score\n" + T0.format(TS) + ",1,0.5\n"
                        + T0.plusMinutes(5).format(TS) + ",1,NaN\n");
        assertThatThrownBy(() -> NabScore.score("cat/f.csv", file, WINDOW))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("line 3")
                .hasMessageContaining("NaN");
    }
}
