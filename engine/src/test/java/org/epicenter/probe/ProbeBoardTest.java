package org.epicenter.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.epicenter.catalog.Catalog;
import org.epicenter.catalog.CatalogCodec;
import org.epicenter.probe.Verdicts.State;
import org.junit.jupiter.api.Test;

class ProbeBoardTest {
    private static final Instant T0 = Instant.parse("2026-11-22T03:00:00Z");

    private static Catalog catalog(String probes) {
        return Catalog.of(
                List.of(CatalogCodec.readYaml(
                        "ops.yaml", """
                entries:
                  - id: pay
                    kind: service
                    name: {en: Pay, ar: دفع}
                    category: payments
                    probes:
                %s
                """.formatted(probes.indent(6).stripTrailing()))),
                List.of());
    }

    private static final String PAIR = """
            - {name: main, kind: http, target: "https://pay.example.com/", interval: 30s}
            - {name: backup, kind: http, target: "https://pay-backup.example.com/", interval: 30s, backupOf: main}
            """;

    private static void feed(ProbeBoard b, String probe, String location, int fromSecond, boolean... oks) {
        for (int i = 0; i < oks.length; i++) {
            b.record(new ProbeResult(
                    "pay",
                    probe,
                    location,
                    T0.plusSeconds(fromSecond + 30L * i),
                    oks[i],
                    oks[i] ? 40 + i : -1,
                    oks[i] ? null : "status 503, expected < 400"));
        }
    }

    @Test
    void aBackupThatStopsWorkingWhileThePrimaryWorksIsAFinding() {
        var board = new ProbeBoard();
        board.sync(catalog(PAIR));
        feed(board, "main", "riyadh", 0, true, true, true, true, true);
        feed(board, "backup", "riyadh", 0, true, true, true, true, true);
        assertThat(board.backupFindings(T0.plusSeconds(150))).isEmpty();

        feed(board, "backup", "riyadh", 150, false, false, false);
        var findings = board.backupFindings(T0.plusSeconds(240));
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.backup()).isEqualTo("backup");
            assertThat(f.primary()).isEqualTo("main");
            assertThat(f.state()).isEqualTo(State.DOWN);
            assertThat(f.since()).isEqualTo(T0.plusSeconds(240));
            assertThat(f.detail())
                    .contains("stopped working while the primary main works")
                    .contains("riyadh: status 503");
        });
        assertThat(board.state("pay")).as("the service itself is fine").contains(State.UP);
        assertThat(board.backupFindings(T0.plusSeconds(300)).get(0).since())
                .as("since stays put")
                .isEqualTo(T0.plusSeconds(240));
    }

    @Test
    void aBackupThatNeverWorkedWhereThePrimaryWorksIsAFindingToo() {
        var board = new ProbeBoard();
        board.sync(catalog(PAIR));
        feed(board, "main", "riyadh", 0, true, true, true);
        feed(board, "backup", "riyadh", 0, false, false, false);

        assertThat(board.backupFindings(T0.plusSeconds(90)))
                .singleElement()
                .satisfies(f -> assertThat(f.detail()).startsWith("the backup has never worked"));
    }

    @Test
    void whenEverythingFailsOfflineNothingIsRaised() {
        var board = new ProbeBoard();
        board.sync(catalog(PAIR));
        feed(board, "main", "server", 0, false, false, false, false, false);
        feed(board, "backup", "server", 0, false, false, false, false, false);

        assertThat(board.backupFindings(T0.plusSeconds(150))).isEmpty();
        assertThat(board.state("pay")).isEmpty();
        assertThat(board.of("pay").get(0).overall()).isEqualTo(State.UNVERIFIED);
    }

    @Test
    void signalsPerLocationAndQuietLocationsStopVoting() {
        var board = new ProbeBoard();
        board.sync(catalog(PAIR));
        feed(board, "main", "riyadh", 0, true, true, false, false, false);
        feed(board, "main", "cairo", 0, true, true, true, true, true);
        feed(board, "main", "frankfurt", 0, true, false, false, false, false);

        var view = board.of("pay").get(0);
        assertThat(view.overall()).isEqualTo(State.DOWN);
        assertThat(view.downAt()).containsExactly("riyadh", "frankfurt");
        assertThat(view.locations().get("riyadh").errorRatio()).isEqualTo(0.6);
        assertThat(view.locations().get("cairo").medianLatencyMs()).isEqualTo(42);

        // riyadh and frankfurt stop reporting; cairo goes on
        feed(board, "main", "cairo", 150, true, true, true, true, true, true, true, true);
        board.expire(T0.plusSeconds(150 + 30 * 7));
        assertThat(board.of("pay").get(0).locations()).containsOnlyKeys("cairo");
        assertThat(board.state("pay")).contains(State.UP);
    }

    @Test
    void aChangedProbeStartsOverAndARemovedOneIsForgotten() {
        var board = new ProbeBoard();
        board.sync(catalog(PAIR));
        feed(board, "main", "riyadh", 0, true);
        board.sync(catalog(PAIR.replace("interval: 30s, backupOf", "interval: 60s, backupOf")));
        assertThat(board.of("pay").get(0).locations()).as("main did not change").containsKey("riyadh");

        board.sync(catalog("- {name: main, kind: http, target: \"https://pay.example.com/v2\"}"));
        assertThat(board.of("pay"))
                .singleElement()
                .satisfies(v -> assertThat(v.locations()).isEmpty());
        assertThat(board.record(new ProbeResult("pay", "backup", "riyadh", T0, true, 1, null)))
                .isFalse();
    }

    @Test
    void aLocationThatAnswersMuchSlowerThanInTheLastHourIsSlow() {
        var board = new ProbeBoard();
        board.sync(catalog(PAIR));
        for (int minute = 0; minute < 40; minute++) {
            board.record(new ProbeResult(
                    "pay", "main", "riyadh", T0.plusSeconds(60L * minute), true, 80 + minute % 7, null));
            board.record(new ProbeResult("pay", "main", "cairo", T0.plusSeconds(60L * minute + 1), true, 90, null));
        }
        assertThat(board.of("pay").get(0).slowAt()).isEmpty();
        assertThat(board.of("pay").get(0).locations().get("riyadh").typicalLatencyMs())
                .isBetween(80L, 86L);

        for (int minute = 40; minute < 45; minute++) {
            board.record(new ProbeResult("pay", "main", "riyadh", T0.plusSeconds(60L * minute), true, 1_900, null));
            board.record(new ProbeResult("pay", "main", "cairo", T0.plusSeconds(60L * minute + 1), true, 95, null));
        }
        var view = board.of("pay").get(0);
        assertThat(view.slowAt()).containsExactly("riyadh");
        assertThat(view.overall()).as("slow is a signal, not a failure").isEqualTo(State.UP);
    }
}
