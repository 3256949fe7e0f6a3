package org.epicenter.correlate;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.epicenter.catalog.Catalog;
import org.epicenter.detect.DetectedIncident;
import org.epicenter.detect.Poisson;

/**
 * Finds the epicenter: the common upstream cause of incidents that start close together.
 *
 * <p>Incidents whose onsets chain within {@link #WINDOW} of each other form a cluster. Every provider
 * that a clustered service depends on, directly or through others, is a candidate. A candidate is
 * scored on three things:
 * <ul>
 * <li>how many of its monitored dependents were hit, against how many would be by chance. Each
 * service's own base rate of incidents is used (a Poisson tail: {@link #MAX_TAIL}).</li>
 * <li>what share of its monitored dependents were hit ({@link #MIN_COVERAGE}).</li>
 * <li>how tightly their onsets align, and whether the provider shows trouble of its own (reports,
 * probes or its status page: any incident of the provider itself).</li>
 * </ul>
 * Causes are taken best first, and each incident joins at most one cause. Coincidences stay apart.
 * Two failures with no shared upstream have no candidate. A shared upstream with no trouble of its
 * own and few of its dependents hit falls below the thresholds. Unknown causes stay separate.
 *
 * <p>Pairs of services that keep failing together without a known shared upstream are proposed
 * as candidate edges for an operator to confirm; no edge is ever added to the catalog here.
 */
public final class Correlator {
    /** Onsets further apart than this (from the previous onset in the cluster) start a new cluster. */
    public static final Duration WINDOW = Duration.ofMinutes(30);
    /** Without trouble of its own, a provider needs at least two dependents hit, this unlikely by chance... */
    public static final double MAX_TAIL = 1e-3;
    /** ...and at least this share of its monitored dependents. */
    public static final double MIN_COVERAGE = 0.25;
    /** Base rates start from one incident per this span, so a service with no history is not "never fails". */
    public static final Duration PRIOR_SPAN = Duration.ofDays(30);
    /** Co-occurrences without a shared upstream before a candidate edge is proposed. */
    public static final int EDGE_AFTER = 3;

    private static final DateTimeFormatter HHMM =
            DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    /**
     * An incident's attributed cause.
     *
     * @param via null when the catalog says the service depends on the provider; otherwise why it is
     *            attributed anyway, in words (a dependency the catalog does not list)
     */
    public record Attribution(String provider, double confidence, String via) {
        public Attribution(String provider, double confidence) {
            this(provider, confidence, null);
        }
    }

    /** How much an attribution through a dependency missing from the catalog is believed, against one through a listed edge. */
    public static final double UNLISTED_FACTOR = 0.5;
    /** An unlisted dependent must fail this close to the cause's own dependents' onsets. */
    public static final Duration UNLISTED_ALIGNMENT = Duration.ofMinutes(5);

    /**
     * A common cause and its blast radius.
     *
     * @param dependents          attributed services, by onset
     * @param dependentsMonitored dependents of the provider that Epicenter watches (the denominator of coverage)
     * @param countries           countries of the attributed incidents, most often named first
     * @param reports             reports counted during the attributed incidents (the provider's own included)
     * @param ownTrouble          the provider had an incident of its own (reports, probes or its status page)
     * @param chance              how likely this many dependents fail together by chance (Poisson tail)
     */
    public record Cause(
            String provider,
            double confidence,
            Instant start,
            Instant end,
            List<String> dependents,
            int dependentsMonitored,
            List<String> countries,
            long reports,
            boolean ownTrouble,
            double chance,
            String explanation) {}

    /** "a and b failed together {@code times} times", with no shared upstream in the catalog. */
    public record CandidateEdge(String a, String b, int times, Instant last) {}

    /** Causes, each incident's attribution (absent: no known cause), and proposed edges. */
    public record Result(
            List<Cause> causes, Map<DetectedIncident, Attribution> attributions, List<CandidateEdge> candidateEdges) {
        public Attribution of(DetectedIncident incident) {
            return attributions.get(incident);
        }
    }

    private final DependencyGraph catalog;

    public Correlator(Catalog catalog) {
        this(DependencyGraph.of(catalog));
    }

    public Correlator(DependencyGraph graph) {
        this.catalog = graph;
    }

    /**
     * @param incidents every incident (reports, probes, official pages); only confirmed ones count
     * @param monitored services Epicenter watches besides those with incidents (their dependents count in coverage)
     * @param from      start of the span the incidents come from (for base rates)
     * @param to        end of that span
     */
    public Result correlate(List<DetectedIncident> incidents, Set<String> monitored, Instant from, Instant to) {
        List<DetectedIncident> confirmed = incidents.stream()
                .filter(i -> i.confirmed() != null)
                .sorted(Comparator.comparing(DetectedIncident::start).thenComparing(DetectedIncident::service))
                .toList();
        var watched = new HashSet<>(monitored);
        confirmed.forEach(i -> watched.add(i.service()));
        var rates = baseRates(confirmed, from, to);
        var causes = new ArrayList<Cause>();
        var attributions = new LinkedHashMap<DetectedIncident, Attribution>();
        var together = new TreeMap<String, int[]>();
        var lastTogether = new HashMap<String, Instant>();
        var found = new ArrayList<Candidate>();
        for (List<DetectedIncident> cluster : clusters(confirmed)) {
            var open = new ArrayList<>(cluster);
            while (true) {
                Candidate best = null;
                for (String provider : ancestors(open)) {
                    Candidate c = score(provider, open, confirmed, watched, rates);
                    if (c != null && (best == null || c.better(best))) {
                        best = c;
                    }
                }
                if (best == null) {
                    break;
                }
                var attribution = new Attribution(best.provider, best.confidence);
                best.hit.forEach(i -> attributions.put(i, attribution));
                best.own.forEach(i -> attributions.put(i, attribution));
                found.add(best);
                open.removeAll(best.hit);
                open.removeAll(best.own);
            }
            joinOngoing(open, found, attributions);
            joinUnlisted(open, found, attributions, confirmed);
            countTogether(open, together, lastTogether);
        }
        found.forEach(c -> causes.add(c.toCause(catalog)));
        var edges = new ArrayList<CandidateEdge>();
        together.forEach((pair, n) -> {
            if (n[0] >= EDGE_AFTER) {
                String[] ab = pair.split(" ");
                edges.add(new CandidateEdge(ab[0], ab[1], n[0], lastTogether.get(pair)));
            }
        });
        causes.sort(Comparator.comparing(Cause::start));
        return new Result(List.copyOf(causes), Map.copyOf(attributions), List.copyOf(edges));
    }

    /**
     * A dependent that fails while its provider's cause is still going on joins that cause, however
     * late: AWS us-east-1's victims on 2025-10-20 failed over hours, in waves, and a victim an hour
     * after the last one starts a cluster of its own, which alone proves nothing. "Still going on" is
     * from the cause's first onset to {@link #WINDOW} after its last incident ended (or while one is
     * open). Only a dependent in the catalog joins: a coincidence of unrelated services never does.
     */
    private void joinOngoing(
            List<DetectedIncident> open, List<Candidate> found, Map<DetectedIncident, Attribution> attributions) {
        for (var it = open.iterator(); it.hasNext(); ) {
            DetectedIncident i = it.next();
            Set<String> up = upstream(i.service());
            for (int k = found.size() - 1; k >= 0; k--) {
                Candidate c = found.get(k);
                if (up.contains(c.provider) && c.ongoingAt(i.start())) {
                    c.hit.add(i);
                    attributions.put(i, new Attribution(c.provider, c.confidence));
                    it.remove();
                    break;
                }
            }
        }
    }

    /**
     * A dependency missing from the catalog (issue 18): a service that fails within
     * {@link #UNLISTED_ALIGNMENT} of the onsets of at least three of a cause's listed dependents,
     * while nothing its catalog entry names is in trouble, is attributed to that cause, at
     * {@link #UNLISTED_FACTOR} of its confidence and with the reason in words. Two unrelated failures
     * never merge this way: a single other service is no cause, and a service whose own provider is
     * failing is that provider's.
     */
    private void joinUnlisted(
            List<DetectedIncident> open,
            List<Candidate> found,
            Map<DetectedIncident, Attribution> attributions,
            List<DetectedIncident> confirmed) {
        for (var it = open.iterator(); it.hasNext(); ) {
            DetectedIncident i = it.next();
            Set<String> up = upstream(i.service());
            boolean ownProviderFailing = confirmed.stream().anyMatch(o -> up.contains(o.service()) && o.overlaps(i));
            if (ownProviderFailing) {
                continue;
            }
            for (int k = found.size() - 1; k >= 0; k--) {
                Candidate c = found.get(k);
                if (up.contains(c.provider)) {
                    continue; // a listed edge: joinOngoing's business
                }
                long aligned = c.hit.stream()
                        .filter(h ->
                                Duration.between(h.start(), i.start()).abs().compareTo(UNLISTED_ALIGNMENT) <= 0)
                        .map(DetectedIncident::service)
                        .distinct()
                        .count();
                if (aligned >= 3) {
                    String name = catalog.name(c.provider);
                    String via = String.format(
                            Locale.ROOT,
                            "%s failed within %d minutes of %d services that depend on %s; the catalog does not list"
                                    + " %s as a dependency of %s (a candidate edge for an operator to confirm)",
                            catalog.name(i.service()),
                            UNLISTED_ALIGNMENT.toMinutes(),
                            aligned,
                            name,
                            name,
                            catalog.name(i.service()));
                    attributions.put(i, new Attribution(c.provider, c.confidence * UNLISTED_FACTOR, via));
                    it.remove();
                    break;
                }
            }
        }
    }

    /** Incidents per minute for each service, from this span plus a prior of one per {@link #PRIOR_SPAN}. */
    private static Map<String, Double> baseRates(List<DetectedIncident> confirmed, Instant from, Instant to) {
        double minutes = Math.max(0, Duration.between(from, to).toMinutes()) + PRIOR_SPAN.toMinutes();
        var counts = new HashMap<String, Integer>();
        confirmed.forEach(i -> counts.merge(i.service(), 1, Integer::sum));
        var rates = new HashMap<String, Double>();
        counts.forEach((s, n) -> rates.put(s, (n + 1) / minutes));
        rates.put("", 1 / minutes); // any service without incidents
        return rates;
    }

    private static List<List<DetectedIncident>> clusters(List<DetectedIncident> sorted) {
        var out = new ArrayList<List<DetectedIncident>>();
        List<DetectedIncident> current = null;
        Instant last = null;
        for (DetectedIncident i : sorted) {
            if (current == null || Duration.between(last, i.start()).compareTo(WINDOW) > 0) {
                current = new ArrayList<>();
                out.add(current);
            }
            current.add(i);
            last = i.start();
        }
        return out;
    }

    /** Every provider (or service) the cluster's services depend on, directly or transitively. */
    private Set<String> ancestors(List<DetectedIncident> cluster) {
        var out = new LinkedHashSet<String>();
        for (DetectedIncident i : cluster) {
            out.addAll(upstream(i.service()));
        }
        return out;
    }

    private Set<String> upstream(String service) {
        var seen = new LinkedHashSet<String>();
        var queue = new ArrayList<String>(List.of(service));
        while (!queue.isEmpty()) {
            String s = queue.remove(queue.size() - 1);
            for (String d : catalog.dependsOn(s)) {
                if (seen.add(d)) {
                    queue.add(d);
                }
            }
        }
        return seen;
    }

    private static final class Candidate {
        String provider;
        List<DetectedIncident> hit;
        List<DetectedIncident> own;
        int monitored;
        double tail;
        double coverage;
        double confidence;

        boolean better(Candidate o) {
            if (confidence != o.confidence) {
                return confidence > o.confidence;
            }
            if (hit.size() != o.hit.size()) {
                return hit.size() > o.hit.size();
            }
            return monitored < o.monitored; // the more specific provider
        }

        /** Whether this cause is going on at {@code t}: after its first onset, and no later than a window after its last end. */
        boolean ongoingAt(Instant t) {
            var all = new ArrayList<>(hit);
            all.addAll(own);
            Instant start = all.stream()
                    .map(DetectedIncident::start)
                    .min(Comparator.naturalOrder())
                    .orElseThrow();
            if (t.isBefore(start)) {
                return false;
            }
            if (all.stream().anyMatch(i -> i.end() == null)) {
                return true;
            }
            Instant end = all.stream()
                    .map(DetectedIncident::end)
                    .max(Comparator.naturalOrder())
                    .orElseThrow();
            return !t.isAfter(end.plus(WINDOW));
        }

        Cause toCause(DependencyGraph catalog) {
            var all = new ArrayList<>(hit);
            all.addAll(own);
            Instant start = all.stream()
                    .map(DetectedIncident::start)
                    .min(Comparator.naturalOrder())
                    .orElseThrow();
            Instant end = all.stream().anyMatch(i -> i.end() == null)
                    ? null
                    : all.stream()
                            .map(DetectedIncident::end)
                            .max(Comparator.naturalOrder())
                            .orElseThrow();
            var countries = new LinkedHashMap<String, Integer>();
            all.forEach(i -> i.countries().forEach(c -> countries.merge(c, 1, Integer::sum)));
            List<String> byCount = countries.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .map(Map.Entry::getKey)
                    .toList();
            long reports = all.stream()
                    .mapToLong(i -> i.problems().values().stream()
                            .mapToLong(Long::longValue)
                            .sum())
                    .sum();
            List<String> dependents =
                    hit.stream().map(DetectedIncident::service).distinct().toList();
            return new Cause(
                    provider,
                    confidence,
                    start,
                    end,
                    dependents,
                    monitored,
                    byCount,
                    reports,
                    !own.isEmpty(),
                    tail,
                    explain(catalog, dependents));
        }

        private String explain(DependencyGraph catalog, List<String> dependents) {
            String name = catalog.name(provider);
            Instant first = hit.stream()
                    .map(DetectedIncident::start)
                    .min(Comparator.naturalOrder())
                    .orElseThrow();
            Instant last = hit.stream()
                    .map(DetectedIncident::start)
                    .max(Comparator.naturalOrder())
                    .orElseThrow();
            var s = new StringBuilder();
            s.append(dependents.size())
                    .append(" of ")
                    .append(monitored)
                    .append(" monitored services that depend on ")
                    .append(name)
                    .append(
                            first.equals(last)
                                    ? " failed at " + HHMM.format(first)
                                    : " failed between " + HHMM.format(first) + " and " + HHMM.format(last))
                    .append(" UTC");
            if (dependents.size() >= 2) {
                s.append(String.format(Locale.ROOT, " (by chance: p ≈ %.0e)", Math.max(tail, 1e-15)));
            }
            if (own.isEmpty()) {
                s.append("; ").append(name).append(" shows no trouble of its own");
            } else {
                DetectedIncident o = own.get(0);
                s.append("; ").append(name).append(" itself: ");
                if (o.peakPerMinute() > 0 && o.baselinePerMinute() > 0) {
                    s.append(String.format(
                            Locale.ROOT, "reports %.0f× baseline", o.peakPerMinute() / o.baselinePerMinute()));
                } else {
                    s.append(o.evidence());
                }
                s.append(" from ").append(HHMM.format(o.start()));
            }
            return s.toString();
        }
    }

    private Candidate score(
            String provider,
            List<DetectedIncident> cluster,
            List<DetectedIncident> all,
            Set<String> watched,
            Map<String, Double> rates) {
        var dependents = new LinkedHashSet<String>();
        for (String d : catalog.allDependents(provider)) {
            if (watched.contains(d) && !d.equals(provider)) {
                dependents.add(d);
            }
        }
        var hit = new ArrayList<DetectedIncident>();
        var hitServices = new LinkedHashSet<String>();
        for (DetectedIncident i : cluster) {
            if (dependents.contains(i.service())) {
                hit.add(i);
                hitServices.add(i.service());
            }
        }
        int k = hitServices.size();
        if (k == 0) {
            return null;
        }
        Instant first = hit.stream()
                .map(DetectedIncident::start)
                .min(Comparator.naturalOrder())
                .orElseThrow();
        Instant last = hit.stream()
                .map(DetectedIncident::start)
                .max(Comparator.naturalOrder())
                .orElseThrow();
        // the provider's own trouble: any of its incidents overlapping the cluster's onsets (± the window)
        Instant lo = first.minus(WINDOW);
        Instant hi = last.plus(WINDOW);
        var own = new ArrayList<DetectedIncident>();
        for (DetectedIncident i : all) {
            if (i.service().equals(provider)
                    && i.start().isBefore(hi)
                    && (i.end() == null || i.end().isAfter(lo))
                    && cluster.contains(i)) {
                own.add(i);
            }
        }
        boolean trouble = !own.isEmpty()
                || all.stream()
                        .anyMatch(i -> i.service().equals(provider)
                                && i.start().isBefore(hi)
                                && (i.end() == null || i.end().isAfter(lo)));
        double spanMinutes = Duration.between(first, last).toMinutes() + WINDOW.toMinutes();
        double lambda = 0;
        for (String d : dependents) {
            lambda += rates.getOrDefault(d, rates.get("")) * spanMinutes;
        }
        double tail = Poisson.upperTail(k, lambda);
        double coverage = (double) k / dependents.size();
        boolean qualifies = k >= 2 && tail <= MAX_TAIL && coverage >= MIN_COVERAGE || trouble;
        if (!qualifies) {
            return null;
        }
        double chance = Math.min(1, -Math.log10(Math.max(tail, 1e-12)) / 6);
        double alignment = 1 - Math.min(1, Duration.between(first, last).toMinutes() / (2.0 * WINDOW.toMinutes()));
        double s = 0.45 * chance + 0.35 * coverage + 0.20 * alignment;
        if (trouble) {
            s += (1 - s) * 0.5;
        }
        var c = new Candidate();
        c.provider = provider;
        c.hit = hit;
        c.own = own;
        c.monitored = dependents.size();
        c.tail = tail;
        c.coverage = coverage;
        c.confidence = Math.min(0.99, Math.round(s * 100) / 100.0);
        return c;
    }

    /** Counts pairs of services with unexplained incidents in one cluster and no shared upstream. */
    private void countTogether(
            List<DetectedIncident> unexplained, Map<String, int[]> together, Map<String, Instant> last) {
        List<String> services = unexplained.stream()
                .map(DetectedIncident::service)
                .distinct()
                .sorted()
                .toList();
        for (int a = 0; a < services.size(); a++) {
            for (int b = a + 1; b < services.size(); b++) {
                String x = services.get(a);
                String y = services.get(b);
                Set<String> ux = upstream(x);
                Set<String> uy = upstream(y);
                if (ux.contains(y) || uy.contains(x) || ux.stream().anyMatch(uy::contains)) {
                    continue; // the catalog already links them
                }
                String key = x + " " + y;
                together.computeIfAbsent(key, k -> new int[1])[0]++;
                Instant at = unexplained.stream()
                        .filter(i -> i.service().equals(x) || i.service().equals(y))
                        .map(DetectedIncident::start)
                        .max(Comparator.naturalOrder())
                        .orElseThrow();
                last.merge(key, at, (p, q) -> p.isAfter(q) ? p : q);
            }
        }
    }
}
