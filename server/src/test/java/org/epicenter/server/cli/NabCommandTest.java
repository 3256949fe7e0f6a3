package org.epicenter.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code epicenter nab}: NAB's layout in, NAB's result layout out, bad files named with their line. */
class NabCommandTest {
    @TempDir
    Path dir;

    @Test
    void scoresEveryRowInOrderAndTheSpikeScoresHighest() throws Exception {
        var f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        var csv = new StringBuilder("timestamp,value\n");
        var random = new java.util.Random(3);
        for (int i = 0; i < 2000; i++) {
            double v = 50 + 10 * Math.sin(i * 2 * Math.PI / 288) + random.nextGaussian() + (i == 1500 ? 80 : 0);
            csv.append(LocalDateTime.parse("2015-02-01T00:00:00")
                            .plusMinutes(5L * i)
                            .format(f))
                    .append(',')
                    .append(v)
                    .append('\n');
        }
        Files.createDirectories(dir.resolve("data/realTest"));
        Files.writeString(dir.resolve("data/realTest/spike.csv"), csv);

        CommandRun r = CommandRun.of(
                "nab", "--data", dir.toString(), "--out", dir.resolve("results").toString(), "--name", "epi");
        assertThat(r.exit()).as(r.output()).isZero();
        List<String> out = Files.readAllLines(dir.resolve("results/epi/realTest/epi_spike.csv"));
        assertThat(out).hasSize(2001);
        assertThat(out.get(0)).isEqualTo("timestamp,value,anomaly_score");
        int best = 0;
        double bestScore = -1;
        for (int i = 1; i < out.size(); i++) {
            String[] cols = out.get(i).split(",");
            assertThat(cols[0]).isEqualTo(csv.toString().split("\n")[i].split(",")[0]);
            double s = Double.parseDouble(cols[2]);
            assertThat(s).isBetween(0.0, 1.0);
            if (s > bestScore) {
                bestScore = s;
                best = i - 1;
            }
        }
        assertThat(best).isEqualTo(1500);
    }

    @Test
    void badInputIsRefusedWithFileAndLine() throws Exception {
        Files.createDirectories(dir.resolve("cat"));
        Files.writeString(
                dir.resolve("cat/bad.csv"), "timestamp,value\n2015-02-01 00:00:00,1\n2015-02-01 00:05:00,lots\n");
        CommandRun r = CommandRun.of(
                "nab", "--data", dir.toString(), "--out", dir.resolve("r").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.output()).contains("bad.csv:3: value \"lots\" is not a number");

        assertThat(CommandRun.of(
                                "nab",
                                "--data",
                                dir.toString(),
                                "--out",
                                dir.resolve("r").toString(),
                                "--name",
                                "my_detector")
                        .output())
                .contains("--name must be");
        assertThat(CommandRun.of(
                                "nab",
                                "--data",
                                dir.resolve("nowhere").toString(),
                                "--out",
                                dir.resolve("r").toString())
                        .output())
                .contains("not found");
    }
}
