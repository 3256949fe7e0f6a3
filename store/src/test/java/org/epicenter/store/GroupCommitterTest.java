package org.epicenter.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.epicenter.model.Problem;
import org.epicenter.model.Report;
import org.epicenter.store.memory.InMemoryStorage;
import org.epicenter.store.sqlite.SqliteStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupCommitterTest {
    @TempDir
    Path dir;

    private static Report report(int i) {
        return new Report(
                Instant.parse("2025-10-20T06:48:00Z").plusMillis(i), "venmo", Problem.PAYMENTS, "US", "r" + i, true);
    }

    @Test
    void concurrentCallersShareBatchesAndEveryAcknowledgedReportIsStored() throws Exception {
        var batchSizes = new ConcurrentLinkedQueue<Integer>();
        try (SqliteStorage sqlite = SqliteStorage.open(dir);
                var committer = new GroupCommitter(
                        sqlite.reports(), 512, (size, nanos) -> batchSizes.add(size), Runnable::run);
                var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            var acknowledged = new AtomicInteger();
            List<Future<?>> calls = java.util.stream.IntStream.range(0, 2_000)
                    .<Future<?>>mapToObj(i -> pool.submit(() -> {
                        committer.append(report(i)).join();
                        acknowledged.incrementAndGet();
                    }))
                    .toList();
            for (Future<?> f : calls) {
                f.get();
            }

            assertThat(acknowledged.get()).isEqualTo(2_000);
            assertThat(sqlite.reports().rawCount()).isEqualTo(2_000);
            assertThat(batchSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(2_000);
            assertThat(batchSizes.stream().mapToInt(Integer::intValue).max().orElse(0))
                    .as("2,000 concurrent writers must have been grouped")
                    .isGreaterThan(1);
        }
    }

    @Test
    void aFailedBatchFailsEveryCallerInItAndTheCommitterCarriesOn() {
        var failOnce = new AtomicInteger(1);
        var memory = new InMemoryStorage();
        ReportStore flaky = new ForwardingReportStore(memory.reports()) {
            @Override
            public void append(List<Report> batch) {
                if (failOnce.getAndDecrement() > 0) {
                    throw new IllegalStateException("disk I/O error");
                }
                super.append(batch);
            }
        };
        try (var committer = new GroupCommitter(flaky, 16, (s, n) -> {}, Runnable::run)) {
            assertThatThrownBy(() -> committer.append(report(1)).join()).hasMessageContaining("disk I/O error");
            committer.append(report(2)).join();
        }
        assertThat(memory.reports().rawCount()).isEqualTo(1);
    }

    @Test
    void closeWritesWhatIsQueuedAndRefusesNewReports() {
        var memory = new InMemoryStorage();
        var committer = new GroupCommitter(memory.reports(), 16, (s, n) -> {}, Runnable::run);
        committer.append(report(1)).join();
        committer.close();

        assertThat(memory.reports().rawCount()).isEqualTo(1);
        assertThatThrownBy(() -> committer.append(report(2))).hasMessageContaining("shutting down");
    }
}
