package org.epicenter.server.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.epicenter.alert.AlertPlanner;
import org.epicenter.alert.Subscription;
import org.epicenter.catalog.Catalog;
import org.epicenter.server.Metrics;
import org.epicenter.store.AlertStore;
import org.epicenter.store.memory.InMemoryStorage;
import org.junit.jupiter.api.Test;

/**
 * A notification the receiver took while the store refuses writes (a full disk, which a unit test
 * cannot provoke: the store is wrapped to throw) is not sent again on every dispatch, as it was in
 * bench/fault-run.sh (one alert answered 11 times); it is recorded once the store takes writes.
 */
class DeliveredUnrecordedTest {
    @Test
    void aDeliveredAlertIsNotSentAgainWhileItsRecordCannotBeWritten() throws Exception {
        Instant t0 = Instant.parse("2025-11-18T11:30:00Z");
        var full = new AtomicBoolean(true);
        AlertStore real = new InMemoryStorage().alerts();
        AlertStore store = org.epicenter.server.FullDisk.failing(AlertStore.class, real, "attempted", full::get);
        real.putSubscription(new Subscription(
                "ops", "webhook", "https://hooks.example/ops", null, null, null, null, null, null, null));
        real.enqueue(List.of(new AlertStore.Entry(
                "ops|cause:cloudflare@" + t0 + "|firing",
                "ops",
                "cause:cloudflare@" + t0,
                "firing",
                "pending",
                3,
                "{\"version\":1,\"kind\":\"firing\"}",
                0,
                t0,
                null,
                t0,
                null)));
        var sends = new AtomicInteger();
        Channel counting = (to, key, payload, body) -> {
            sends.incrementAndGet();
            return Channel.Outcome.OK;
        };
        try (var alerts = new AlertService(
                store,
                null,
                Catalog::defaults,
                Clock.fixed(t0.plusSeconds(5), ZoneOffset.UTC),
                AlertPlanner.Settings.defaults(),
                Map.of("webhook", counting),
                "http://localhost",
                new Metrics())) {
            for (int i = 0; i < 10; i++) {
                alerts.dispatchDue();
                Thread.sleep(50); // each send runs on its own virtual thread
            }
            assertThat(sends.get())
                    .as("sent once though its record failed ten times")
                    .isEqualTo(1);
            full.set(false);
            alerts.dispatchDue();
            assertThat(real.entry("ops|cause:cloudflare@" + t0 + "|firing"))
                    .get()
                    .satisfies(e -> assertThat(e.state()).isEqualTo("sent"));
            alerts.dispatchDue();
            Thread.sleep(100);
            assertThat(sends.get()).isEqualTo(1);
        }
    }
}
