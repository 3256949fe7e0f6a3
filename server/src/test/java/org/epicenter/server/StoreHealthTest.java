package org.epicenter.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.epicenter.model.Problem;
import org.epicenter.model.Report;
import org.epicenter.store.GroupCommitter;
import org.epicenter.store.ReportStore;
import org.epicenter.store.memory.InMemoryStorage;
import org.junit.jupiter.api.Test;

/**
 * A store that refuses writes (a full disk: a fault a unit test cannot provoke, so the store is
 * wrapped to throw SQLite's own message) makes the server not ready until a write succeeds again,
 * and is logged once, not once per report.
 */
class StoreHealthTest {
    @Test
    void aFullDiskIsNotReadyLoggedOnceAndRecovers() {
        var full = new AtomicBoolean(true);
        ReportStore real = new InMemoryStorage().reports();
        ReportStore store = FullDisk.failing(ReportStore.class, real, "append", full::get);
        var health = new StoreHealth(
                new Metrics(), Clock.fixed(Instant.parse("2025-11-18T11:20:00Z"), java.time.ZoneOffset.UTC));
        try (var committer = new GroupCommitter(store, 16, health, Runnable::run)) {
            var failed = new ArrayList<CompletableFuture<Void>>();
            for (int i = 0; i < 1000; i++) {
                failed.add(committer.append(report(i)));
            }
            for (var f : failed) {
                assertThat(f)
                        .failsWithin(java.time.Duration.ofSeconds(10))
                        .withThrowableOfType(java.util.concurrent.ExecutionException.class);
            }
            StoreHealth.State s = health.state();
            assertThat(s.ready()).isFalse();
            assertThat(s.reason()).isEqualTo("the disk is full");
            assertThat(s.refusedSince()).isEqualTo(1000);
            assertThat(health.linesLogged())
                    .as("one line for a thousand refused reports")
                    .isEqualTo(1);

            full.set(false);
            committer.append(report(1001)).join();
            assertThat(health.state().ready()).isTrue();
            assertThat(real.rawCount()).isEqualTo(1);
        }
    }

    private static Report report(int i) {
        return new Report(Instant.parse("2025-11-18T11:20:00Z"), "x", Problem.APP, "SA", "r" + i, true);
    }
}
