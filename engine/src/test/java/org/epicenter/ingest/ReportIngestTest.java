package org.epicenter.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.epicenter.catalog.Catalog;
import org.epicenter.model.Countries;
import org.epicenter.model.Problem;
import org.epicenter.model.Report;
import org.epicenter.store.memory.InMemoryStorage;
import org.junit.jupiter.api.Test;

class ReportIngestTest {
    private static final Instant NOON = Instant.parse("2025-11-18T12:00:00Z");
    private final InMemoryStorage storage = new InMemoryStorage();
    private final List<Report> stored = new ArrayList<>();
    private final LiveCounts live = new LiveCounts();
    private final DedupWindow dedup = new DedupWindow(Duration.ofMinutes(30));
    private ReportSink sink = this::keep;
    private final ReportIngest ingest = new ReportIngest(
            Catalog::defaults,
            new ReporterHasher(storage.secrets(), Duration.ofMinutes(30)),
            dedup,
            r -> sink.append(r),
            live);

    private CompletableFuture<Void> keep(Report r) {
        stored.add(r);
        return CompletableFuture.completedFuture(null);
    }

    private static ReportSubmission from(String address, String service, String problem, String country) {
        return new ReportSubmission(service, problem, country, null, address);
    }

    @Test
    void acceptsAReportStampedWithTheServerTime() {
        IngestResult r = ingest.submit(from("203.0.113.7", "whatsapp", "messaging", "SA"), NOON)
                .join();

        assertThat(r.counted()).isTrue();
        assertThat(stored).containsExactly(r.report());
        assertThat(r.report().receivedAt()).isEqualTo(NOON);
        assertThat(r.report().problem()).isEqualTo(Problem.MESSAGING);
        assertThat(r.report().reporter()).hasSize(32).doesNotContain("203.0.113.7");
        assertThat(live.sum("whatsapp", r.report().minute(), r.report().minute() + 1))
                .isEqualTo(1);
    }

    @Test
    void acceptsTheProblemTypesOfBanksAndTelecoms() {
        assertThat(ingest.submit(from("203.0.113.7", "stc", "mobile-data", "SA"), NOON)
                        .join()
                        .report()
                        .problem())
                .isEqualTo(Problem.MOBILE_DATA);
        assertThat(ingest.submit(from("203.0.113.8", "stc", "home-internet", "SA"), NOON)
                        .join()
                        .report()
                        .problem())
                .isEqualTo(Problem.HOME_INTERNET);
        assertThat(ingest.submit(from("203.0.113.9", "lloyds-bank", "transfers", "GB"), NOON)
                        .join()
                        .report()
                        .problem())
                .isEqualTo(Problem.TRANSFERS);
        assertThat(Problem.fromWire("mobile_data"))
                .as("the wire name has a hyphen, not the constant's underscore")
                .isEmpty();
    }

    @Test
    void countsOneReportPerReporterPerServicePerWindow() {
        assertThat(ingest.submit(from("203.0.113.7", "x", "app", null), NOON)
                        .join()
                        .counted())
                .isTrue();
        assertThat(ingest.submit(from("203.0.113.7", "x", "login", null), NOON.plusSeconds(60 * 29))
                        .join()
                        .counted())
                .isFalse();
        assertThat(ingest.submit(from("203.0.113.7", "chatgpt", "app", null), NOON.plusSeconds(60))
                        .join()
                        .counted())
                .isTrue();
        assertThat(ingest.submit(from("203.0.114.8", "x", "app", null), NOON.plusSeconds(60))
                        .join()
                        .counted())
                .isTrue();
        assertThat(ingest.submit(from("203.0.113.7", "x", "app", null), NOON.plusSeconds(60 * 30))
                        .join()
                        .counted())
                .isTrue();
        assertThat(stored).hasSize(5).filteredOn(Report::counted).hasSize(4);
    }

    @Test
    void theDedupWindowHoldsAcrossMidnightWhenTheKeyRotates() {
        Instant beforeMidnight = Instant.parse("2025-11-18T23:50:00Z");
        Report first = ingest.submit(from("198.51.100.1", "x", "app", null), beforeMidnight)
                .join()
                .report();
        Report second = ingest.submit(from("198.51.100.1", "x", "app", null), beforeMidnight.plusSeconds(20 * 60))
                .join()
                .report();
        Report third = ingest.submit(from("198.51.100.1", "x", "app", null), beforeMidnight.plusSeconds(41 * 60))
                .join()
                .report();

        assertThat(second.reporter()).isNotEqualTo(first.reporter());
        assertThat(second.counted()).isFalse();
        assertThat(third.counted()).isTrue();
    }

    @Test
    void countryComesFromTheTrustedHeaderThenTheDeclarationThenUnknown() {
        var proxied = new ReportSubmission("x", "app", "EG", "sa", "192.0.2.1");
        assertThat(ingest.submit(proxied, NOON).join().report().country()).isEqualTo("SA");
        var proxyDoesNotKnow = new ReportSubmission("chatgpt", "app", "EG", "XX", "192.0.2.1");
        assertThat(ingest.submit(proxyDoesNotKnow, NOON).join().report().country())
                .isEqualTo("EG");
        assertThat(ingest.submit(from("192.0.2.1", "claude", "app", null), NOON)
                        .join()
                        .report()
                        .country())
                .isEqualTo(Countries.UNKNOWN);
    }

    @Test
    void rejectsUnknownServicesProblemsAndCountriesNamingTheField() {
        assertThatThrownBy(() -> ingest.submit(from("a", "myspace", "app", null), NOON))
                .isInstanceOfSatisfying(RejectedReport.class, e -> {
                    assertThat(e.reason()).isEqualTo(RejectedReport.Reason.UNKNOWN_SERVICE);
                    assertThat(e.getMessage()).isEqualTo("unknown service \"myspace\"");
                });
        assertThatThrownBy(() -> ingest.submit(from("a", "x", "crash", null), NOON))
                .isInstanceOfSatisfying(
                        RejectedReport.class, e -> assertThat(e.field()).isEqualTo("problem"))
                .hasMessageContaining("one of app, login");
        assertThatThrownBy(() -> ingest.submit(from("a", "x", "app", "sa"), NOON))
                .isInstanceOfSatisfying(
                        RejectedReport.class, e -> assertThat(e.field()).isEqualTo("country"));
        assertThat(stored).isEmpty();
    }

    @Test
    void aReportThatCouldNotBeStoredIsNotCountedAndCanBeRetried() {
        sink = r -> CompletableFuture.failedFuture(new IllegalStateException("disk full"));
        assertThatThrownBy(
                        () -> ingest.submit(from("a", "x", "app", null), NOON).join())
                .hasRootCauseMessage("disk full");
        assertThat(live.sum("x", 0, Long.MAX_VALUE)).isZero();

        sink = this::keep;
        assertThat(ingest.submit(from("a", "x", "app", null), NOON.plusSeconds(1))
                        .join()
                        .counted())
                .isTrue();
    }

    @Test
    void reporterIdsDifferPerDayAndOldKeysCanBeForgotten() {
        var hasher = new ReporterHasher(storage.secrets(), Duration.ofMinutes(30));
        String monday = hasher.ids("4:cb0071", NOON).get(0);
        assertThat(hasher.ids("4:cb0071", NOON.plusSeconds(3600)).get(0)).isEqualTo(monday);
        assertThat(hasher.ids("4:cb0071", NOON.plusSeconds(86_400)).get(0)).isNotEqualTo(monday);
        assertThat(hasher.ids("4:cb0072", NOON).get(0)).isNotEqualTo(monday);
    }

    @Test
    void aNetworkIsOneReporterWhateverAddressOfItSends() {
        // H2 of issue 17: one source rotating what it controls (headers, addresses of its /24 or /64)
        assertThat(ingest.submit(from("203.0.113.7", "qiwa", "login", "SA"), NOON)
                        .join()
                        .counted())
                .isTrue();
        assertThat(ingest.submit(from("203.0.113.200", "qiwa", "login", "SA"), NOON.plusSeconds(2))
                        .join()
                        .counted())
                .isFalse();
        assertThat(ingest.submit(from("2001:db8:1:2::1", "qiwa", "login", "SA"), NOON)
                        .join()
                        .counted())
                .isTrue();
        assertThat(ingest.submit(from("2001:db8:1:ffff::9", "qiwa", "login", "SA"), NOON)
                        .join()
                        .counted())
                .isFalse();
        assertThat(ingest.submit(from("[2001:db8:1:2::2]:443", "qiwa", "login", "SA"), NOON)
                        .join()
                        .counted())
                .isFalse();
        // the neighbouring /24 and /48 are other reporters
        assertThat(ingest.submit(from("203.0.114.7", "qiwa", "login", "SA"), NOON)
                        .join()
                        .counted())
                .isTrue();
        assertThat(ingest.submit(from("2001:db8:2::1", "qiwa", "login", "SA"), NOON)
                        .join()
                        .counted())
                .isTrue();
        // an IPv4-mapped IPv6 address is its IPv4 address
        assertThat(ingest.submit(from("::ffff:203.0.113.9", "qiwa", "login", "SA"), NOON)
                        .join()
                        .counted())
                .isFalse();
    }
}
