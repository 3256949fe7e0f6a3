package org.epicenter.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.epicenter.catalog.Catalog;
import org.epicenter.catalog.CatalogChange;
import org.epicenter.catalog.CatalogEntry;
import org.epicenter.model.MinuteCount;
import org.epicenter.model.Problem;
import org.epicenter.model.Report;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every storage backend keeps (Zipkin's ITStorage idea). A backend's test is a short
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

    protected static Report report(int secondsAfterT0, String service, String country, Problem problem, boolean counted) {
        return new Report(T0.plusSeconds(secondsAfterT0), service, problem, country, "r" + secondsAfterT0 + service, counted);
    }

    @Test
    void appendedCountedReportsAreAggregatedByMinuteCountryAndProblem() {
        storage.reports().append(List.of(
                report(1, "x", "SA", Problem.APP, true),
                report(2, "x", "SA", Problem.APP, true),
                report(3, "x", "EG", Problem.LOGIN, true),
                report(65, "x", "SA", Problem.APP, true),
                report(4, "chatgpt", "SA", Problem.APP, true)));

        assertThat(storage.reports().minuteCounts("x", M0, M0 + 2)).containsExactly(
                new MinuteCount(M0, "x", "EG", Problem.LOGIN, 1),
                new MinuteCount(M0, "x", "SA", Problem.APP, 2),
                new MinuteCount(M0 + 1, "x", "SA", Problem.APP, 1));
        assertThat(storage.reports().minuteCounts("x", M0 + 1, M0 + 2)).hasSize(1);
        assertThat(storage.reports().countsByService(M0, M0 + 1)).containsEntry("x", 3L).containsEntry("chatgpt", 1L);
    }

    @Test
    void allAggregatesStreamInMinuteOrder() {
        storage.reports().append(List.of(
                report(65, "x", "SA", Problem.APP, true),
                report(1, "y", "EG", Problem.LOGIN, true),
                report(2, "x", "SA", Problem.APP, true),
                report(3, "x", "SA", Problem.APP, false),
                report(200, "x", "SA", Problem.APP, true)));
        var seen = new ArrayList<MinuteCount>();
        storage.reports().forEachMinuteCount(M0, M0 + 2, seen::add);

        assertThat(seen).containsExactly(
                new MinuteCount(M0, "x", "SA", Problem.APP, 1),
                new MinuteCount(M0, "y", "EG", Problem.LOGIN, 1),
                new MinuteCount(M0 + 1, "x", "SA", Problem.APP, 1));
    }

    @Test
    void uncountedReportsAreKeptRawButNotAggregated() {
        storage.reports().append(List.of(report(1, "x", "SA", Problem.APP, true), report(2, "x", "SA", Problem.APP, false)));

        assertThat(storage.reports().rawCount()).isEqualTo(2);
        assertThat(storage.reports().countsByService(M0, M0 + 1)).containsEntry("x", 1L);
        assertThat(storage.reports().countedSince(T0)).extracting(Report::receivedAt).containsExactly(T0.plusSeconds(1));
    }

    @Test
    void countedSinceReturnsWholeReportsOldestFirst() {
        Report late = report(100, "x", "ZZ", Problem.OTHER, true);
        Report early = report(10, "x", "SA", Problem.APP, true);
        storage.reports().append(List.of(late));
        storage.reports().append(List.of(early, report(5, "y", "SA", Problem.APP, true)));

        assertThat(storage.reports().countedSince(T0.plusSeconds(10))).containsExactly(early, late);
    }

    @Test
    void retentionDeletesOldRawReportsAndOldAggregatesSeparately() {
        storage.reports().append(List.of(report(0, "x", "SA", Problem.APP, true), report(120, "x", "SA", Problem.APP, true)));

        assertThat(storage.reports().deleteRawBefore(T0.plusSeconds(60))).isEqualTo(1);
        assertThat(storage.reports().rawCount()).isEqualTo(1);
        assertThat(storage.reports().minuteCounts("x", M0, M0 + 3)).hasSize(2);
        assertThat(storage.reports().deleteMinuteCountsBefore(M0 + 1)).isEqualTo(1);
        assertThat(storage.reports().minuteCounts("x", M0, M0 + 3)).extracting(MinuteCount::minute).containsExactly(M0 + 2);
    }

    @Test
    void largeBatchesAreStoredWhole() {
        var batch = new ArrayList<Report>();
        for (int i = 0; i < 5_000; i++) {
            batch.add(report(i % 600, "svc" + (i % 7), "SA", Problem.values()[i % Problem.values().length], true));
        }
        storage.reports().append(batch);

        assertThat(storage.reports().rawCount()).isEqualTo(5_000);
        long aggregated = storage.reports().countsByService(M0, M0 + 10).values().stream().mapToLong(Long::longValue).sum();
        assertThat(aggregated).isEqualTo(5_000);
    }

    @Test
    void catalogChangesKeepTheLastChangePerIdInOrder() {
        CatalogEntry x = Catalog.defaults().find("x").orElseThrow();
        CatalogEntry chatgpt = Catalog.defaults().find("chatgpt").orElseThrow();
        storage.catalogChanges().save(new CatalogChange.Put(x));
        storage.catalogChanges().save(new CatalogChange.Put(chatgpt));
        storage.catalogChanges().save(new CatalogChange.Remove("x"));

        assertThat(storage.catalogChanges().all()).containsExactly(new CatalogChange.Put(chatgpt), new CatalogChange.Remove("x"));
    }

    @Test
    void reporterKeysAreCreatedOncePerDayAndForgotten() {
        LocalDate day = LocalDate.of(2025, 11, 18);
        byte[] first = storage.secrets().reporterKey(day, new byte[] {1, 2, 3});
        byte[] second = storage.secrets().reporterKey(day, new byte[] {9, 9, 9});
        assertThat(first).containsExactly(1, 2, 3);
        assertThat(second).containsExactly(1, 2, 3);

        storage.secrets().forgetReporterKeysBefore(day.plusDays(1));
        assertThat(storage.secrets().reporterKey(day, new byte[] {7})).containsExactly(7);
    }

    @Test
    void settingsAreOverwritten() {
        assertThat(storage.secrets().setting("a")).isEmpty();
        storage.secrets().putSetting("a", "1");
        storage.secrets().putSetting("a", "2");
        assertThat(storage.secrets().setting("a")).contains("2");
    }

    @Test
    void probeResultsAreKeptInTimeOrderAndExpire() {
        var a = new org.epicenter.probe.ProbeResult("pay", "web", "riyadh", T0.plusSeconds(30), true, 41, null);
        var b = new org.epicenter.probe.ProbeResult("pay", "web", "cairo", T0, false, -1, "status 503, expected < 400");
        var c = new org.epicenter.probe.ProbeResult("pay", "dns", "cairo", T0.plusSeconds(60), true, 3, null);
        storage.probeResults().appendResults(List.of(a, b, c));

        assertThat(storage.probeResults().resultsSince(T0)).containsExactly(b, a, c);
        assertThat(storage.probeResults().results("pay", "web", T0, T0.plusSeconds(60))).containsExactly(b, a);
        assertThat(storage.probeResults().deleteResultsBefore(T0.plusSeconds(30))).isEqualTo(1);
        assertThat(storage.probeResults().resultsSince(T0)).containsExactly(a, c);
    }

    static org.epicenter.feed.FeedSnapshot.Incident officialIncident(String id, Instant created, Instant resolved, String title) {
        return new org.epicenter.feed.FeedSnapshot.Incident(id, title, resolved == null ? "investigating" : "resolved",
                org.epicenter.feed.OfficialState.MAJOR_OUTAGE, created, created.plusSeconds(60), resolved, "https://status.example/" + id,
                false, null, null, List.of(new org.epicenter.feed.FeedSnapshot.Update(created, "investigating", "We are looking into it. ✓ عربي")),
                List.of("CDN/Cache"));
    }

    @Test
    void officialIncidentsAreUpdatedInPlaceKeepTheirFirstSightingAndExpireOnceResolved() {
        var open = officialIncident("inc1", T0, null, "Network issues");
        var seen = new org.epicenter.feed.OfficialRecord("cloudflare", "https://s.example/api/v2/summary.json", open, T0.plusSeconds(120));
        var other = new org.epicenter.feed.OfficialRecord("github", "https://g.example/x", officialIncident("inc1", T0.minusSeconds(86_400),
                T0.minusSeconds(80_000), "Old"), T0.minusSeconds(86_000));
        storage.official().saveOfficial(List.of(seen, other));
        var fixed = officialIncident("inc1", T0, T0.plusSeconds(3600), "Network issues resolved");
        storage.official().saveOfficial(List.of(new org.epicenter.feed.OfficialRecord("cloudflare", seen.feed(), fixed, T0.plusSeconds(3700))));

        assertThat(storage.official().officialSince(T0)).as("updated in place; first sighting kept")
                .containsExactly(new org.epicenter.feed.OfficialRecord("cloudflare", seen.feed(), fixed, T0.plusSeconds(120)));
        assertThat(storage.official().officialSince(T0.minusSeconds(100_000))).hasSize(2).first().isEqualTo(other);
        assertThat(storage.official().deleteOfficialBefore(T0)).isEqualTo(1);
        assertThat(storage.official().officialSince(T0.minusSeconds(100_000))).hasSize(1);
    }

    @Test
    void anOpenOfficialIncidentIsListedWhateverItsAge() {
        var old = new org.epicenter.feed.OfficialRecord("aws-us-east-1", "https://a.example/rss", officialIncident("i", T0.minusSeconds(90_000), null, "t"), T0);
        storage.official().saveOfficial(List.of(old));
        assertThat(storage.official().officialSince(T0)).containsExactly(old);
        assertThat(storage.official().deleteOfficialBefore(T0.plusSeconds(1))).isZero();
    }

    static AlertStore.Entry outboxEntry(String key, Instant created) {
        return new AlertStore.Entry(key, "ops", "cause:cloudflare@" + T0, "firing", "pending", 3, "{\"version\":1}", 0, created, null, created, null);
    }

    @Test
    void subscriptionsAndSilencesAreKeptByIdAndReplaced() {
        var hook = new org.epicenter.alert.Subscription("ops", org.epicenter.alert.ChannelKind.WEBHOOK, "https://hooks.example/ops",
                "0123456789abcdef-secret", null, null, List.of("whatsapp"), null, null, List.of("SA"));
        storage.alerts().putSubscription(hook);
        var mail = new org.epicenter.alert.Subscription("mail", org.epicenter.alert.ChannelKind.EMAIL, null, null, "ops@example.com", null,
                null, List.of("cloudflare"), null, null);
        storage.alerts().putSubscription(mail);
        storage.alerts().putSubscription(mail);
        assertThat(storage.alerts().subscriptions()).containsExactly(mail, hook);
        assertThat(storage.alerts().deleteSubscription("mail")).isTrue();
        assertThat(storage.alerts().deleteSubscription("mail")).isFalse();
        var silence = new org.epicenter.alert.Silence("work", List.of("zoom"), List.of(), T0, T0.plusSeconds(3600), "planned ✓");
        storage.alerts().putSilence(silence);
        assertThat(storage.alerts().silences()).containsExactly(silence);
        assertThat(storage.alerts().deleteSilence("work")).isTrue();
        assertThat(storage.alerts().silences()).isEmpty();
    }

    @Test
    void theOutboxQueuesAKeyOnceAndRecordsAttempts() {
        var a = outboxEntry("ops|g|firing", T0);
        var b = outboxEntry("ops|g|resolved", T0.plusSeconds(60));
        storage.alerts().enqueue(List.of(a, b));
        storage.alerts().enqueue(List.of(new AlertStore.Entry("ops|g|firing", "ops", "g", "firing", "pending", 9, "{}", 0, T0, null, T0, null)));
        assertThat(storage.alerts().due(T0.plusSeconds(30), 10)).containsExactly(a);
        assertThat(storage.alerts().entry(a.key())).contains(a);
        assertThat(storage.alerts().entry("nope")).isEmpty();
        assertThat(storage.alerts().due(T0.plusSeconds(60), 10)).containsExactly(a, b);
        storage.alerts().attempted(a.key(), "pending", 1, T0.plusSeconds(120), "HTTP 500", null);
        assertThat(storage.alerts().due(T0.plusSeconds(60), 10)).containsExactly(b);
        storage.alerts().attempted(b.key(), "sent", 1, T0.plusSeconds(60), null, T0.plusSeconds(61));
        assertThat(storage.alerts().due(T0.plusSeconds(200), 10)).extracting(AlertStore.Entry::key).containsExactly(a.key());
        assertThat(storage.alerts().entriesSince(T0)).extracting(AlertStore.Entry::state).containsExactly("pending", "sent");
        assertThat(storage.alerts().entriesSince(T0).get(0).lastError()).isEqualTo("HTTP 500");
        assertThat(storage.alerts().entriesSince(T0).get(1).sent()).isEqualTo(T0.plusSeconds(61));
        assertThat(storage.alerts().deleteEntriesBefore(T0.plusSeconds(3600))).as("the sent one; a pending one is kept").isEqualTo(1);
        assertThat(storage.alerts().entriesSince(T0)).extracting(AlertStore.Entry::key).containsExactly(a.key());
    }

    @Test
    void everythingSurvivesARestart() throws Exception {
        storage.reports().append(List.of(report(1, "x", "SA", Problem.APP, true), report(2, "x", "SA", Problem.APP, false)));
        storage.catalogChanges().save(new CatalogChange.Remove("x"));
        storage.secrets().putSetting("token", "h");
        var probed = new org.epicenter.probe.ProbeResult("pay", "web", "riyadh", T0, true, 41, null);
        storage.probeResults().appendResults(List.of(probed));
        var official = new org.epicenter.feed.OfficialRecord("cloudflare", "https://s.example/f", officialIncident("i9", T0, null, "Down"), T0);
        storage.official().saveOfficial(List.of(official));
        storage.alerts().enqueue(List.of(outboxEntry("k", T0)));
        var watching = notice("n1", "whatsapp", "Sara@Mail.example", T0).confirmedAt(T0.plusSeconds(60));
        storage.notices().add(watching);
        storage.notices().update(watching);
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
        assertThat(storage.secrets().reporterKey(LocalDate.of(2025, 1, 1), new byte[] {0})).isEqualTo(key);
    }

    protected static NoticeStore.Notice notice(String id, String service, String email, Instant at) {
        return new NoticeStore.Notice(id, service, email, email.toLowerCase(java.util.Locale.ROOT), "ar", "unconfirmed", at, at.minusSeconds(600),
                null, "confirm", 0, at, null, null);
    }

    @Test
    void aNoticeIsKeptOncePerAddressAndServiceUntilItIsFinished() {
        NoticeStore notices = storage.notices();
        var first = notice("n1", "whatsapp", "Sara@Mail.example", T0);
        assertThat(notices.add(first)).isEqualTo(first);
        // the same address in other letters, same service: the open notice answers, nothing is added
        assertThat(notices.add(notice("n2", "whatsapp", "sara@mail.EXAMPLE", T0.plusSeconds(5)))).isEqualTo(first);
        assertThat(notices.notice("n2")).isEmpty();
        var other = notice("n3", "instagram", "sara@mail.example", T0.plusSeconds(6));
        assertThat(notices.add(other)).isEqualTo(other);
        assertThat(notices.countByAddressSince("sara@mail.example", T0)).isEqualTo(2);
        assertThat(notices.countByAddressSince("sara@mail.example", T0.plusSeconds(6))).isEqualTo(1);
        assertThat(notices.countSince(T0)).isEqualTo(2);

        assertThat(notices.mailDue(T0, 10)).extracting(NoticeStore.Notice::id).containsExactly("n1");
        assertThat(notices.mailDue(T0.plusSeconds(60), 10)).extracting(NoticeStore.Notice::id).containsExactly("n1", "n3");
        var sent = first.with("unconfirmed", null, 1, T0.plusSeconds(1), null, T0.plusSeconds(1));
        notices.update(sent);
        assertThat(notices.mailDue(T0.plusSeconds(60), 10)).extracting(NoticeStore.Notice::id).containsExactly("n3");
        var watching = sent.confirmedAt(T0.plusSeconds(90));
        notices.update(watching);
        assertThat(notices.notice("n1")).contains(watching);
        assertThat(notices.inState("watching", 10)).containsExactly(watching);

        // once told, the same address may ask again for the same service
        notices.update(watching.with("told", null, 1, T0.plusSeconds(100), null, T0.plusSeconds(100)));
        var again = notice("n4", "whatsapp", "sara@mail.example", T0.plusSeconds(200));
        assertThat(notices.add(again)).isEqualTo(again);

        assertThat(notices.deleteBefore(T0.plusSeconds(6))).isEqualTo(1);
        assertThat(notices.notice("n1")).isEmpty();
        assertThat(notices.notice("n3")).isPresent();
    }

    @Test
    void noticesKeepHostileTextAsGiven() {
        String email = "\"o'brien; DROP TABLE notices\"@xn--mgbh0fb.example";
        var n = notice("n1", "whatsapp", email, T0);
        storage.notices().add(n);
        assertThat(storage.notices().notice("n1")).contains(n);
        assertThat(storage.notices().countByAddressSince(email.toLowerCase(java.util.Locale.ROOT), T0)).isEqualTo(1);
    }
}
