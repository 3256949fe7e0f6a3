package org.epicenter.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.epicenter.catalog.CatalogChange;
import org.epicenter.model.Problem;
import org.epicenter.model.Report;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contract every storage backend keeps (Zipkin's ITStorage idea): one contract per facet
 * ({@link ReportStoreContract}, {@link AlertStoreContract}...), nested here, so a backend's test
 * inherits them all and may override one with {@code @Disabled("why")} for what it does not support. A backend's test is a short
 * subclass that says how to open a fresh store and, for durable ones, how to reopen it.
 */
public abstract class StorageContract {
    protected static final Instant T0 = Instant.parse("2025-11-18T11:20:00Z");
    protected static final long M0 = T0.getEpochSecond() / 60;

    protected Storage storage;

    /** A new, empty store. */
    protected abstract Storage open() throws Exception;

    /** The same store after a restart, or null when the backend is not durable. */
    protected abstract Storage reopen() throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        storage = open();
    }

    @AfterEach
    void closeStore() {
        if (storage != null) {
            storage.close();
        }
    }

    protected static Report report(
            int secondsAfterT0, String service, String country, Problem problem, boolean counted) {
        return new Report(
                T0.plusSeconds(secondsAfterT0), service, problem, country, "r" + secondsAfterT0 + service, counted);
    }

    static org.epicenter.feed.FeedSnapshot.Incident officialIncident(
            String id, Instant created, Instant resolved, String title) {
        return new org.epicenter.feed.FeedSnapshot.Incident(
                id,
                title,
                resolved == null ? "investigating" : "resolved",
                org.epicenter.feed.OfficialState.MAJOR_OUTAGE,
                created,
                created.plusSeconds(60),
                resolved,
                "https://status.example/" + id,
                false,
                null,
                null,
                List.of(new org.epicenter.feed.FeedSnapshot.Update(
                        created, "investigating", "We are looking into it. ✓ عربي")),
                List.of("CDN/Cache"));
    }

    static AlertStore.Entry outboxEntry(String key, Instant created) {
        return new AlertStore.Entry(
                key,
                "ops",
                "cause:cloudflare@" + T0,
                "firing",
                "pending",
                3,
                "{\"version\":1}",
                0,
                created,
                null,
                created,
                null);
    }

    @Test
    void everythingSurvivesARestart() throws Exception {
        storage.reports()
                .append(List.of(report(1, "x", "SA", Problem.APP, true), report(2, "x", "SA", Problem.APP, false)));
        storage.catalogChanges().save(new CatalogChange.Remove("x"));
        storage.secrets().putSetting("token", "h");
        var probed = new org.epicenter.probe.ProbeResult("pay", "web", "riyadh", T0, true, 41, null);
        storage.probeResults().appendResults(List.of(probed));
        var official = new org.epicenter.feed.OfficialRecord(
                "cloudflare", "https://s.example/f", officialIncident("i9", T0, null, "Down"), T0);
        storage.official().saveOfficial(List.of(official));
        storage.alerts().enqueue(List.of(outboxEntry("k", T0)));
        var watching = notice("n1", "whatsapp", "Sara@Mail.example", T0).confirmedAt(T0.plusSeconds(60));
        storage.notices().add(watching);
        storage.notices().update(watching, "watching");
        byte[] key = storage.secrets().reporterKey(LocalDate.of(2025, 1, 1), new byte[] {4, 2});
        storage.close();
        storage = reopen();
        if (storage == null) {
            return; // not a durable backend
        }

        assertThat(storage.reports().rawCount()).isEqualTo(2);
        assertThat(storage.reports().countsByService(M0, M0 + 1)).containsEntry("x", 1L);
        assertThat(storage.catalogChanges().all()).containsExactly(new CatalogChange.Remove("x"));
        assertThat(storage.secrets().setting("token")).contains("h");
        assertThat(storage.probeResults().resultsSince(T0)).containsExactly(probed);
        assertThat(storage.official().officialSince(T0)).containsExactly(official);
        assertThat(storage.alerts().due(T0, 10)).containsExactly(outboxEntry("k", T0));
        assertThat(storage.notices().notice("n1")).contains(watching);
        assertThat(storage.secrets().reporterKey(LocalDate.of(2025, 1, 1), new byte[] {0}))
                .isEqualTo(key);
    }

    protected static NoticeStore.Notice notice(String id, String service, String email, Instant at) {
        return new NoticeStore.Notice(
                id,
                service,
                email,
                email.toLowerCase(java.util.Locale.ROOT),
                "ar",
                "unconfirmed",
                at,
                at.minusSeconds(600),
                null,
                "confirm",
                0,
                at,
                null,
                null);
    }

    @Nested
    class ReportFacet extends ReportStoreContract {
        @Override
        protected Storage storage() {
            return storage;
        }
    }

    @Nested
    class CatalogChangeFacet extends CatalogChangeStoreContract {
        @Override
        protected Storage storage() {
            return storage;
        }
    }

    @Nested
    class SecretFacet extends SecretStoreContract {
        @Override
        protected Storage storage() {
            return storage;
        }
    }

    @Nested
    class ProbeResultFacet extends ProbeResultStoreContract {
        @Override
        protected Storage storage() {
            return storage;
        }
    }

    @Nested
    class OfficialFacet extends OfficialStoreContract {
        @Override
        protected Storage storage() {
            return storage;
        }
    }

    @Nested
    class AlertFacet extends AlertStoreContract {
        @Override
        protected Storage storage() {
            return storage;
        }
    }

    @Nested
    class NoticeFacet extends NoticeStoreContract {
        @Override
        protected Storage storage() {
            return storage;
        }
    }

    @Nested
    class SocialFacet extends SocialStoreContract {
        @Override
        protected Storage storage() {
            return storage;
        }
    }
}
