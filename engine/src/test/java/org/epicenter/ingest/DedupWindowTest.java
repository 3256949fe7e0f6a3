package org.epicenter.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.epicenter.model.Countries;
import org.epicenter.model.Problem;
import org.epicenter.model.Report;
import org.junit.jupiter.api.Test;

/** The live dedup window: its rule, release, restart, pruning, and many threads at once. */
class DedupWindowTest {
    private static final Instant T = Instant.parse("2026-11-30T12:00:00Z");

    @Test
    void aReleasedClaimCountsAgainAndOnlyTheReleasedOne() {
        var w = new DedupWindow(Duration.ofMinutes(30));
        assertThat(w.claim("x", List.of("r1"), T)).isTrue();
        w.release("x", "r1", T.plusSeconds(1)); // not the claim's time: nothing to undo
        assertThat(w.claim("x", List.of("r1"), T.plusSeconds(2))).isFalse();
        w.release("x", "r1", T);
        assertThat(w.claim("x", List.of("r1"), T.plusSeconds(3))).isTrue();
        assertThat(w.claim("x", List.of("r1"), T.plusSeconds(4))).isFalse();
    }

    @Test
    void anAliasBlocksButIsNeverRecorded() {
        var w = new DedupWindow(Duration.ofMinutes(30));
        assertThat(w.claim("x", List.of("yesterday"), T)).isTrue();
        assertThat(w.claim("x", List.of("today", "yesterday"), T.plusSeconds(60)))
                .isFalse();
        assertThat(w.claim("x", List.of("today"), T.plusSeconds(61))).isTrue();
    }

    @Test
    void rememberedReportsHoldAfterARestartAndTheLaterTimeWins() {
        var w = new DedupWindow(Duration.ofMinutes(30));
        w.remember(report("r1", T.plusSeconds(600), true));
        w.remember(report("r1", T, true));
        w.remember(report("r2", T, false)); // not counted: not remembered
        assertThat(w.claim("x", List.of("r1"), T.plus(Duration.ofMinutes(35)))).isFalse();
        assertThat(w.claim("x", List.of("r1"), T.plus(Duration.ofMinutes(40)))).isTrue();
        assertThat(w.claim("x", List.of("r2"), T.plusSeconds(1))).isTrue();
    }

    @Test
    void pruningDropsExpiredKeysAfterASurge() {
        var w = new DedupWindow(Duration.ofMinutes(30));
        for (int i = 0; i < 200_000; i++) {
            assertThat(w.claim("whatsapp", List.of("r" + i), T.plusMillis(i))).isTrue();
        }
        assertThat(w.size()).isEqualTo(200_000);
        w.claim("whatsapp", List.of("late"), T.plus(Duration.ofMinutes(34)));
        w.prune(T.plus(Duration.ofMinutes(34)));
        assertThat(w.size()).isEqualTo(1);
        assertThat(w.claim("whatsapp", List.of("r5"), T.plus(Duration.ofMinutes(34))))
                .isTrue();
    }

    @Test
    void manyThreadsClaimingTheSameReportersCountEachOnce() throws InterruptedException {
        var w = new DedupWindow(Duration.ofMinutes(30));
        var counted = new ConcurrentHashMap<String, AtomicInteger>();
        var start = new CountDownLatch(1);
        Thread[] threads = new Thread[4];
        for (int k = 0; k < threads.length; k++) {
            threads[k] = Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 20_000; i++) {
                    String r = "r" + i;
                    if (w.claim("x", List.of(r), T.plusMillis(i))) {
                        counted.computeIfAbsent(r, x -> new AtomicInteger()).incrementAndGet();
                    }
                }
            });
        }
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertThat(counted).hasSize(20_000);
        assertThat(counted.values()).allMatch(n -> n.get() == 1);
    }

    private static Report report(String reporter, Instant at, boolean counted) {
        return new Report(at, "x", Problem.APP, Countries.UNKNOWN, reporter, counted);
    }
}
