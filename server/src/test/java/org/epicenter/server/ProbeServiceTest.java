package org.epicenter.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.epicenter.catalog.Catalog;
import org.epicenter.catalog.CatalogCodec;
import org.epicenter.catalog.CatalogEntry;
import org.epicenter.probe.ProbeResult;
import org.epicenter.store.memory.InMemoryStorage;
import org.junit.jupiter.api.Test;

/** Which signals support an incident, and what the probe board announces, on a hand-moved clock. */
class ProbeServiceTest {
    private static final Instant T0 = Instant.parse("2026-11-22T03:00:00Z");
    private final Catalog catalog = Catalog.of(List.of(CatalogCodec.readYaml("ops.yaml", """
            entries:
              - id: pay
                kind: service
                name: {en: Pay, ar: دفع}
                category: payments
                probes:
                  - {name: main, kind: http, target: "https://pay.example.com/", interval: 30s}
                  - {name: backup, kind: http, target: "https://pay-backup.example.com/", interval: 30s, backupOf: main}
            """)), List.of());
    private final CatalogEntry pay = catalog.find("pay").orElseThrow();
    private final InMemoryStorage storage = new InMemoryStorage();
    private final TestClock clock = new TestClock(T0);
    private final List<Event> changes = new ArrayList<>();
    private final Metrics metrics = new Metrics();

    private ProbeService service() {
        return new ProbeService(
                catalog,
                storage.probeResults(),
                clock,
                ProbeSettings.off(),
                new LiveDetection.Listener() {
                    @Override
                    public void changed(Event change) {
                        changes.add(change);
                    }

                    @Override
                    public void ticked() {}
                },
                metrics);
    }

    private static ProbeResult result(String probe, int second, boolean ok) {
        return new ProbeResult(
                "pay",
                probe,
                "riyadh",
                T0.plusSeconds(second),
                ok,
                ok ? 30 : -1,
                ok ? null : "status 503, expected < 400");
    }

    @Test
    void probesSupportAnIncidentOnlyWhenAProbeThatWorkedFailedDuringIt() {
        storage.probeResults()
                .appendResults(List.of(
                        result("main", 0, true),
                        result("main", 600, false),
                        result("main", 630, false),
                        result("backup", 0, false),
                        result("backup", 600, false),
                        result("backup", 630, false)));
        clock.advance(java.time.Duration.ofHours(1));
        try (ProbeService probes = service()) {
            assertThat(probes.supports(pay, T0.plusSeconds(590), T0.plusSeconds(900)))
                    .isTrue();
            assertThat(probes.supports(pay, T0.plusSeconds(700), T0.plusSeconds(900)))
                    .as("no failure in the span")
                    .isFalse();
        }
        storage.probeResults().deleteResultsBefore(T0.plusSeconds(1)); // main never worked now: offline, not evidence
        try (ProbeService probes = service()) {
            assertThat(probes.supports(pay, T0.plusSeconds(590), T0.plusSeconds(900)))
                    .isFalse();
        }
    }

    @Test
    void aRestartRebuildsTheBoardAndTicksAnnounceChanges() {
        storage.probeResults().appendResults(List.of(result("main", 0, true), result("backup", 0, true)));
        clock.advance(java.time.Duration.ofSeconds(10));
        try (ProbeService probes = service()) {
            assertThat(probes.statuses().get("pay").status())
                    .as("rebuilt from the store")
                    .isEqualTo("up");
            probes.accept(List.of(
                    result("main", 30, false),
                    result("main", 60, false),
                    result("backup", 30, false),
                    result("backup", 60, false)));
            clock.advance(java.time.Duration.ofSeconds(60));
            probes.tick(clock.instant());
        }
        assertThat(changes)
                .extracting(Event::type)
                .containsExactly("probe.status", "incident.opened", "incident.confirmed");
        assertThat(((ProbeService.ProbeStatus) changes.get(0).data()).status()).isEqualTo("down");
    }

    @Test
    void aRestartReplaysStoredResultsAndFindsTheOutagesAgain() {
        var results = new ArrayList<ProbeResult>();
        for (int second = 0; second < 3_600; second += 30) {
            boolean ok = second < 600 || second >= 1_200; // down from 10:00 to 20:00 after T0
            results.add(result("main", second, ok));
            results.add(new ProbeResult(
                    "pay",
                    "main",
                    "cairo",
                    T0.plusSeconds(second + 5),
                    ok,
                    ok ? 30 : -1,
                    ok ? null : "connect timed out"));
        }
        storage.probeResults().appendResults(results);
        clock.advance(java.time.Duration.ofHours(2));
        try (ProbeService probes = service()) {
            assertThat(probes.outages()).singleElement().satisfies(o -> {
                assertThat(o.start()).isEqualTo(T0.plusSeconds(600));
                assertThat(o.end()).isBetween(T0.plusSeconds(1_200), T0.plusSeconds(1_200 + 180));
                assertThat(o.evidence()).contains("riyadh").contains("cairo");
            });
            assertThat(probes.outageDuring("pay", T0.plusSeconds(700), T0.plusSeconds(800)))
                    .isTrue();
            probes.accept(List.of(result("main", 7_000, true)));
            assertThat(metrics.scrape())
                    .contains("epicenter_probe_results_total{location=\"riyadh\",outcome=\"ok\"} 1.0")
                    .contains("epicenter_probes 2.0");
        }
    }
}
