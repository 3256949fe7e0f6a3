package org.epicenter.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.epicenter.store.StorageContract.*;

import java.util.ArrayList;
import java.util.List;
import org.epicenter.model.MinuteCount;
import org.epicenter.model.Problem;
import org.epicenter.model.Report;
import org.junit.jupiter.api.Test;

/**
 * The ReportStore contract (reports and minute counts). A backend passes it by nesting a subclass in its
 * {@link StorageContract}; every backend's test class inherits the nesting.
 */
public abstract class ReportStoreContract {
    /** The store under test, opened fresh for each test by the enclosing contract. */
    protected abstract Storage storage();

    @Test
    void appendedCountedReportsAreAggregatedByMinuteCountryAndProblem() {
        storage()
                .reports()
                .append(List.of(
                        report(1, "x", "SA", Problem.APP, true),
                        report(2, "x", "SA", Problem.APP, true),
                        report(3, "x", "EG", Problem.LOGIN, true),
                        report(65, "x", "SA", Problem.APP, true),
                        report(4, "chatgpt", "SA", Problem.APP, true)));

        assertThat(storage().reports().minuteCounts("x", M0, M0 + 2))
                .containsExactly(
                        new MinuteCount(M0, "x", "EG", Problem.LOGIN, 1),
                        new MinuteCount(M0, "x", "SA", Problem.APP, 2),
                        new MinuteCount(M0 + 1, "x", "SA", Problem.APP, 1));
        assertThat(storage().reports().minuteCounts("x", M0 + 1, M0 + 2)).hasSize(1);
        assertThat(storage().reports().countsByService(M0, M0 + 1))
                .containsEntry("x", 3L)
                .containsEntry("chatgpt", 1L);
    }

    @Test
    void allAggregatesStreamInMinuteOrder() {
        storage()
                .reports()
                .append(List.of(
                        report(65, "x", "SA", Problem.APP, true),
                        report(1, "y", "EG", Problem.LOGIN, true),
                        report(2, "x", "SA", Problem.APP, true),
                        report(3, "x", "SA", Problem.APP, false),
                        report(200, "x", "SA", Problem.APP, true)));
        var seen = new ArrayList<MinuteCount>();
        storage().reports().forEachMinuteCount(M0, M0 + 2, seen::add);

        assertThat(seen)
                .containsExactly(
                        new MinuteCount(M0, "x", "SA", Problem.APP, 1),
                        new MinuteCount(M0, "y", "EG", Problem.LOGIN, 1),
                        new MinuteCount(M0 + 1, "x", "SA", Problem.APP, 1));
    }

    @Test
    void uncountedReportsAreKeptRawButNotAggregated() {
        storage()
                .reports()
                .append(List.of(report(1, "x", "SA", Problem.APP, true), report(2, "x", "SA", Problem.APP, false)));

        assertThat(storage().reports().rawCount()).isEqualTo(2);
        assertThat(storage().reports().countsByService(M0, M0 + 1)).containsEntry("x", 1L);
        assertThat(storage().reports().countedSince(T0))
                .extracting(Report::receivedAt)
                .containsExactly(T0.plusSeconds(1));
    }

    @Test
    void countedSinceReturnsWholeReportsOldestFirst() {
        Report late = report(100, "x", "ZZ", Problem.OTHER, true);
        Report early = report(10, "x", "SA", Problem.APP, true);
        storage().reports().append(List.of(late));
        storage().reports().append(List.of(early, report(5, "y", "SA", Problem.APP, true)));

        assertThat(storage().reports().countedSince(T0.plusSeconds(10))).containsExactly(early, late);
    }

    @Test
    void retentionDeletesOldRawReportsAndOldAggregatesSeparately() {
        storage()
                .reports()
                .append(List.of(report(0, "x", "SA", Problem.APP, true), report(120, "x", "SA", Problem.APP, true)));

        assertThat(storage().reports().deleteRawBefore(T0.plusSeconds(60))).isEqualTo(1);
        assertThat(storage().reports().rawCount()).isEqualTo(1);
        assertThat(storage().reports().minuteCounts("x", M0, M0 + 3)).hasSize(2);
        assertThat(storage().reports().deleteMinuteCountsBefore(M0 + 1)).isEqualTo(1);
        assertThat(storage().reports().minuteCounts("x", M0, M0 + 3))
                .extracting(MinuteCount::minute)
                .containsExactly(M0 + 2);
    }

    @Test
    void largeBatchesAreStoredWhole() {
        var batch = new ArrayList<Report>();
        for (int i = 0; i < 5_000; i++) {
            batch.add(report(i % 600, "svc" + (i % 7), "SA", Problem.values()[i % Problem.values().length], true));
        }
        storage().reports().append(batch);

        assertThat(storage().reports().rawCount()).isEqualTo(5_000);
        long aggregated = storage().reports().countsByService(M0, M0 + 10).values().stream()
                .mapToLong(Long::longValue)
                .sum();
        assertThat(aggregated).isEqualTo(5_000);
    }

    @Test
    void aBatchFromTheLogMovesItsCheckpointInTheSameTransaction() {
        var reports = storage().reports();
        assertThat(reports.checkpoints()).isEmpty();
        reports.appendFromLog(
                List.of(report(1, "x", "SA", Problem.APP, true), report(2, "x", "SA", Problem.APP, false)),
                "reports-3",
                0,
                2,
                null);
        reports.appendFromLog(List.of(), "reports-3", 2, 2, T0.plusSeconds(5)); // caught up, nothing new
        reports.appendFromLog(List.of(report(3, "y", "EG", Problem.LOGIN, true)), "reports-0", 0, 41, null);

        assertThat(reports.checkpoints())
                .containsOnlyKeys("reports-0", "reports-3")
                .containsEntry("reports-3", new ReportStore.Checkpoint("reports-3", 2, T0.plusSeconds(5)))
                .containsEntry("reports-0", new ReportStore.Checkpoint("reports-0", 41, null));
        assertThat(reports.rawCount()).isEqualTo(3);
        assertThat(reports.countsByService(M0, M0 + 1)).containsEntry("x", 1L).containsEntry("y", 1L);
    }

    /** A reader that lost its partition (a node thought dead, still running) stores nothing. */
    @Test
    void aReaderBehindTheCheckpointStoresNothing() {
        var reports = storage().reports();
        reports.appendFromLog(List.of(report(1, "x", "SA", Problem.APP, true)), "reports-1", 0, 10, T0);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> reports.appendFromLog(
                        List.of(report(2, "x", "SA", Problem.APP, true)), "reports-1", 0, 12, T0.plusSeconds(9)))
                .isInstanceOf(ReportStore.StaleCheckpoint.class)
                .hasMessageContaining("reports-1");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> reports.appendFromLog(List.of(), "reports-2", 5, 6, null))
                .isInstanceOf(ReportStore.StaleCheckpoint.class);

        assertThat(reports.rawCount()).isEqualTo(1);
        assertThat(reports.checkpoints().get("reports-1")).isEqualTo(new ReportStore.Checkpoint("reports-1", 10, T0));
    }
}
