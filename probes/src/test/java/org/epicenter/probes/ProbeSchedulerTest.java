package org.epicenter.probes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The scheduler on the real clock, with bounds loose enough for a busy machine (no timing asserted). */
class ProbeSchedulerTest {
    @Test
    void everyProbeRunsWithinItsFirstInterval() throws Exception {
        var ran = ConcurrentHashMap.<String>newKeySet();
        var all = new CountDownLatch(200);
        try (var s = new ProbeScheduler(Clock.systemUTC(), 1_000, slip -> {})) {
            for (int i = 0; i < 200; i++) {
                String id = "probe-" + i;
                s.add(id, Duration.ofSeconds(1), () -> {
                    if (ran.add(id)) {
                        all.countDown();
                    }
                });
            }
            s.start();
            assertThat(all.await(10, TimeUnit.SECONDS))
                    .as("all 200 ran; %d did", ran.size())
                    .isTrue();
        }
    }

    @Test
    void hangingTargetsAreSkippedNotQueued() throws Exception {
        var release = new CountDownLatch(1);
        var running = new AtomicInteger();
        try (var s = new ProbeScheduler(Clock.systemUTC(), 5, slip -> {})) {
            for (int i = 0; i < 20; i++) {
                s.add("hang-" + i, Duration.ofSeconds(1), () -> {
                    running.incrementAndGet();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            s.start();
            for (int i = 0; i < 100 && s.skipped() == 0; i++) {
                Thread.sleep(100);
            }
            assertThat(running.get()).isEqualTo(5);
            assertThat(s.skipped()).isPositive();
            release.countDown();
        }
    }
}
