package org.epicenter.server;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.epicenter.catalog.Catalog;
import org.epicenter.correlate.Correlator;
import org.epicenter.detect.DetectedIncident;
import org.epicenter.server.admin.CatalogAdmin;

/**
 * Every incident Epicenter knows, fused from its signals, and their common causes.
 *
 * <p>Incidents come from reports (with {@code probes} and {@code official} as supporting signals),
 * from the probes alone, and from official status pages alone. An official outage also confirms a
 * rising suspicion. Every {@link #tick} correlates them ({@link Correlator}) and announces causes
 * that open, grow or end ({@code cause.opened}, {@code cause.updated}, {@code cause.resolved}).
 */
public final class IncidentBook {
    /**
     * An incident with the signals that support it.
     *
     * @param official          the first official post about it and its lag; null if none
     * @param duringMaintenance it overlaps a maintenance window the status page announced
     * @param epicenter         its likely common cause; null when none is known
     */
    public record View(
            @com.fasterxml.jackson.annotation.JsonUnwrapped DetectedIncident incident,
            List<String> signals,
            FeedService.Official official,
            boolean duringMaintenance,

            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS)
            Correlator.Attribution epicenter) {}

    /** A cause as the API shows it: the correlator's, with whether it is still going on and the provider's names. */
    public record CauseView(
            @com.fasterxml.jackson.annotation.JsonUnwrapped Correlator.Cause cause,
            boolean open,
            org.epicenter.catalog.LocalizedName name) {
        public String key() {
            return cause.provider() + "@" + cause.start();
        }
    }

    private final CatalogAdmin catalog;
    private final LiveDetection detection;
    private final ProbeService probes;
    private final FeedService feeds;
    private final SocialService social;
    private final LiveDetection.Listener events;
    private volatile Correlator.Result correlation = new Correlator.Result(List.of(), Map.of(), List.of());
    private Map<String, Correlator.Cause> knownCauses = Map.of();
    private boolean primed;

    public IncidentBook(
            CatalogAdmin catalog,
            LiveDetection detection,
            ProbeService probes,
            FeedService feeds,
            SocialService social,
            LiveDetection.Listener events) {
        this.catalog = catalog;
        this.detection = detection;
        this.probes = probes;
        this.feeds = feeds;
        this.social = social;
        this.events = events;
    }

    /** The incidents themselves, every signal fused, without views (what the correlator reads). */
    public List<DetectedIncident> incidents() {
        return fused().stream().map(org.epicenter.fuse.Fusion.Fused::incident).toList();
    }

    /** Each incident with the signal that found it ({@link org.epicenter.fuse.Fusion}). */
    private List<org.epicenter.fuse.Fusion.Fused> fused() {
        return org.epicenter.fuse.Fusion.fuse(
                detection.incidents(), detection.suspicions(), probes.outages(), feeds.outages());
    }

    /**
     * Incidents from reports, each with its signals; outages the probes found while the crowd was
     * quiet, with signals ["probes"]; rising reports that an official outage confirms; and official
     * outages nothing else found, with signals ["official"]. Each with its epicenter, if known.
     */
    public List<View> all() {
        Correlator.Result result = correlation;
        var out = new ArrayList<View>();
        fused().forEach(f -> {
            DetectedIncident i = f.incident();
            var signals = new ArrayList<String>();
            Optional<FeedService.Official> ack = Optional.empty();
            if (f.foundBy() == org.epicenter.fuse.Signal.OFFICIAL) {
                signals.add("official");
            } else {
                if (f.foundBy() == org.epicenter.fuse.Signal.REPORTS) {
                    signals.add("reports");
                    var entry = catalog.current().find(i.service());
                    if (probes.outageDuring(i.service(), i.start(), i.end())
                            || entry.isPresent() && probes.supports(entry.get(), i.start(), i.end())) {
                        signals.add("probes");
                    }
                } else {
                    signals.add("probes");
                }
                ack = feeds.acknowledgement(i);
                ack.ifPresent(a -> signals.add("official"));
            }
            if (social != null
                    && social.people(
                                    i.service(),
                                    i.start().minus(SocialService.WINDOW),
                                    i.end() == null ? Instant.MAX : i.end())
                            >= SocialService.CORROBORATE) {
                signals.add("social"); // people posting that it is down, from the incident's start on
            }
            boolean maintenance = !feeds.maintenance(i.service(), i.start(), i.end() == null ? Instant.MAX : i.end())
                    .isEmpty();
            out.add(new View(i, List.copyOf(signals), ack.orElse(null), maintenance, result.of(i)));
        });
        return out;
    }

    /** Causes of the last tick, newest first. */
    public List<CauseView> causes() {
        Catalog c = catalog.current();
        return correlation.causes().stream()
                .sorted(Comparator.comparing(Correlator.Cause::start).reversed())
                .map(x -> new CauseView(
                        x,
                        x.end() == null,
                        c.find(x.provider()).map(e -> e.name()).orElse(null)))
                .toList();
    }

    /** Services that keep failing together without a known shared upstream: edges for an operator to consider, never added. */
    public List<Correlator.CandidateEdge> candidateEdges() {
        return correlation.candidateEdges();
    }

    /** Services Epicenter watches: reported at least once, or checked by probes that have a verdict. */
    private Set<String> monitored() {
        var out = new HashSet<>(detection.services());
        out.addAll(probes.statuses().keySet());
        return out;
    }

    /** Correlates the incidents of the last {@link LiveDetection#HISTORY} and announces what changed among causes. */
    public void tick(Instant now) {
        var result = new Correlator(catalog.current())
                .correlate(incidents(), monitored(), now.minus(LiveDetection.HISTORY), now);
        correlation = result;
        var changes = new ArrayList<Event>();
        List<CauseView> views = causes();
        var current = new LinkedHashMap<String, Correlator.Cause>();
        views.forEach(v -> current.put(v.key(), v.cause()));
        synchronized (this) {
            var matched = new HashSet<String>();
            for (CauseView view : views) {
                Correlator.Cause now_ = view.cause();
                // the same cause: same provider, overlapping in time (its start may move as back-dated incidents join)
                String knownKey = knownCauses.entrySet().stream()
                        .filter(k -> !matched.contains(k.getKey()))
                        .filter(k -> k.getValue().provider().equals(now_.provider())
                                && k.getValue().start().isBefore(end(now_))
                                && now_.start().isBefore(end(k.getValue())))
                        .map(Map.Entry::getKey)
                        .findFirst()
                        .orElse(null);
                Correlator.Cause before = knownKey == null ? null : knownCauses.get(knownKey);
                if (knownKey != null) {
                    matched.add(knownKey);
                }
                if (!primed) {
                    continue; // causes rebuilt at start-up are not news
                }
                if (before == null) {
                    changes.add(new Event.CauseOpened(view));
                    if (now_.end() != null) {
                        changes.add(new Event.CauseResolved(view));
                    }
                } else if (before.end() == null && now_.end() != null) {
                    changes.add(new Event.CauseResolved(view));
                } else if (!before.dependents().equals(now_.dependents())
                        || before.end() != null && now_.end() == null) {
                    // grown, shrunk, or reopened (an outage that flaps resolves, then comes back as the same cause)
                    changes.add(new Event.CauseUpdated(view));
                }
            }
            knownCauses = current;
            primed = true;
        }
        changes.forEach(events::changed);
    }

    private static Instant end(Correlator.Cause c) {
        return c.end() == null ? Instant.MAX : c.end();
    }
}
