package org.epicenter.server;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.epicenter.catalog.Catalog;
import org.epicenter.detect.DetectedIncident;
import org.epicenter.feed.FeedSnapshot;
import org.epicenter.feed.OfficialRecord;
import org.epicenter.report.PostIncidentReport;
import org.epicenter.server.admin.CatalogAdmin;

/**
 * Post-incident reports of incidents and causes: the timeline (first signal, detection, official
 * acknowledgement, peak, mitigation, resolution), what was affected and where, the report counts
 * and the evidence.
 */
public final class Reports {
    private final CatalogAdmin catalog;
    private final IncidentBook book;
    private final FeedService feeds;

    public Reports(CatalogAdmin catalog, IncidentBook book, FeedService feeds) {
        this.catalog = catalog;
        this.book = book;
        this.feeds = feeds;
    }

    private String name(String id) {
        return catalog.current().find(id).map(e -> e.name().en()).orElse(id);
    }

    private static long total(DetectedIncident i) {
        return i.problems().values().stream().mapToLong(Long::longValue).sum();
    }

    /** The report of the incident of {@code service} that started at {@code start}. */
    public Optional<PostIncidentReport> incident(String service, Instant start) {
        return book.all().stream()
                .filter(v -> v.incident().service().equals(service)
                        && v.incident().start().equals(start))
                .findFirst()
                .map(v -> {
                    DetectedIncident i = v.incident();
                    var t = new PostIncidentReport.Timeline();
                    t.add(i.start(), "first signal", i.evidence());
                    t.add(i.confirmed(), "detected by Epicenter", "signals: " + String.join(", ", v.signals()));
                    official(i, t);
                    if (i.peakPerMinute() > 0) {
                        t.add(
                                i.peakTime(),
                                "peak",
                                String.format(
                                        Locale.ROOT,
                                        "%d reports/min, %.1f× the typical %.1f",
                                        i.peakPerMinute(),
                                        i.peakPerMinute() / Math.max(i.baselinePerMinute(), 0.5),
                                        i.baselinePerMinute()));
                    }
                    t.add(i.end(), "resolved", null);
                    var evidence = new ArrayList<String>();
                    evidence.add(i.evidence());
                    if (v.epicenter() != null) {
                        evidence.add("likely epicenter: " + name(v.epicenter().provider()) + " (confidence "
                                + v.epicenter().confidence() + ")");
                    }
                    if (v.duringMaintenance()) {
                        evidence.add("during announced maintenance");
                    }
                    return new PostIncidentReport(
                            "incident",
                            service,
                            name(service),
                            i.start(),
                            i.end(),
                            t.events(),
                            List.of(service),
                            i.countries(),
                            total(i),
                            i.problems(),
                            v.signals(),
                            evidence);
                });
    }

    /** Official acknowledgement and mitigation (the page's first "identified" or "monitoring" update). */
    private void official(DetectedIncident i, PostIncidentReport.Timeline t) {
        Optional<OfficialRecord> r = feeds.acknowledgingRecord(i);
        if (r.isEmpty()) {
            return;
        }
        FeedSnapshot.Incident o = r.get().incident();
        t.add(o.created(), "officially acknowledged", o.title());
        o.updates().stream()
                .filter(u -> u.state() != null
                        && (u.state().equals("identified") || u.state().equals("monitoring")))
                .map(FeedSnapshot.Update::at)
                .min(Instant::compareTo)
                .ifPresent(at -> t.add(
                        at,
                        "mitigation",
                        "the status page: "
                                + o.updates().stream()
                                        .filter(u -> u.at().equals(at))
                                        .findFirst()
                                        .map(u -> u.state() + (u.body() == null ? "" : ": " + u.body()))
                                        .orElse("")));
    }

    /** The report of the cause of {@code provider} that started at {@code start}. */
    public Optional<PostIncidentReport> cause(String provider, Instant start) {
        Catalog c = catalog.current();
        return book.causes().stream()
                .filter(v -> v.cause().provider().equals(provider)
                        && v.cause().start().equals(start))
                .findFirst()
                .map(v -> {
                    var cause = v.cause();
                    var t = new PostIncidentReport.Timeline();
                    var problems = new TreeMap<String, Long>();
                    var signals = new java.util.LinkedHashSet<String>();
                    Instant detected = null;
                    for (IncidentBook.View d : book.all()) {
                        if (d.epicenter() == null || !d.epicenter().provider().equals(provider)) {
                            continue;
                        }
                        DetectedIncident i = d.incident();
                        if (i.start().isBefore(cause.start())
                                || cause.end() != null && i.start().isAfter(cause.end())) {
                            continue;
                        }
                        t.add(
                                i.start(),
                                i.service().equals(provider)
                                        ? "the provider's own trouble"
                                        : name(i.service()) + " failed",
                                i.evidence());
                        if (i.confirmed() != null
                                && (detected == null || i.confirmed().isBefore(detected))) {
                            detected = i.confirmed();
                        }
                        i.problems().forEach((k, n) -> problems.merge(k, n, Long::sum));
                        signals.addAll(d.signals());
                        if (i.service().equals(provider)) {
                            official(i, t);
                        }
                    }
                    t.add(detected, "detected by Epicenter", "first confirmed incident among them");
                    t.add(cause.end(), "resolved", null);
                    var services = new ArrayList<String>(cause.dependents());
                    if (cause.ownTrouble()) {
                        services.add(0, provider);
                    }
                    List<String> evidence = List.of(
                            cause.explanation(),
                            "confidence " + cause.confidence()
                                    + String.format(
                                            Locale.ROOT, "; by chance p ≈ %.0e", Math.max(cause.chance(), 1e-15)));
                    return new PostIncidentReport(
                            "cause",
                            provider,
                            c.find(provider).map(e -> e.name().en()).orElse(provider),
                            cause.start(),
                            cause.end(),
                            t.events(),
                            services,
                            cause.countries(),
                            cause.reports(),
                            Map.copyOf(problems),
                            List.copyOf(signals),
                            evidence);
                });
    }
}
