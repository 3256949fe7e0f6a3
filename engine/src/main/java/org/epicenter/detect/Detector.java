package org.epicenter.detect;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.epicenter.model.Countries;
import org.epicenter.model.Problem;
import org.epicenter.model.Report;

/**
 * Crowd-report detection for many services, in event time: counted reports go in ({@link #add}),
 * minutes close as time advances ({@link #advanceTo}), and incidents come out. The same code serves
 * live (advanced by a clock tick) and offline replay (advanced by the reports themselves and the
 * end of the input), so both give the same incidents.
 *
 * <p>Per service: a {@link BaselineModel} learns the expected rate from minutes outside incidents,
 * {@link EvidenceRules} judge each closed minute, an {@link IncidentTracker} keeps the lifecycle.
 * A service starts detecting after {@link #WARM_UP_MINUTES} of history, so a new series does not
 * mistake its normal traffic for an outage against the prior.
 */
public final class Detector {
    public static final int WARM_UP_MINUTES = 360;
    /**
     * Minutes summed for the second look at the evidence: a small service at a quiet hour cannot
     * show an outage in one minute (four reports against 0.7 expected), but five minutes can.
     */
    static final int WINDOW = 5;
    /**
     * Longer looks for quiet series, in minutes: a niche service with a report an hour, or one
     * country at night, jumps 10-150x and still shows only a report or two a minute. A quarter of an
     * hour, or an hour, of them is unmistakable (issue 18).
     */
    static final int[] LONG_WINDOWS = {5, 10, 15, 60};
    /** The window that sustains a confirmed incident: the longer ones would push its end back. */
    static final int SUSTAIN = 15;
    /** The longest window: the minutes each warm series keeps. */
    private static final int LONG = LONG_WINDOWS[LONG_WINDOWS.length - 1];
    /** How much smaller a long window's Poisson tail must be than a minute's strong tail. */
    static final double LONG_TAIL_FACTOR = 100;
    /**
     * Minutes a closed minute waits before the baseline learns it. A quiet outage (a report in ten
     * minutes jumping to one or two a minute) needs a quarter hour to become unmistakable; learned at
     * once, its first minutes taught a young hour's seasonal factor so fast that the expectation
     * doubled before the evidence was in, and the outage hid behind it (issue 18). When an incident
     * is confirmed, the waiting minutes from its start on are never learned; the minutes of a
     * suspicion that faded are (they were ordinary after all, and a model that never learns the
     * minutes that look odd raises the same false suspicion every day). An hour of the day the
     * model has not yet seen for a whole hour is learned at once: its factor is still a guess that
     * each minute corrects (held back, the first day's rising hours raised 28 false incidents in 10
     * seeds).
     */
    static final int LEARN_LAG = 15;
    /** A series expected to have fewer reports than this in a minute is quiet. */
    private static final double QUIET = 1.0;

    private static final double PRIOR = 0.5;
    private static final Problem[] PROBLEMS = Problem.values();

    private final EvidenceRules evidence;
    private final IncidentRules incidentRules;
    /** Each service's global series; a global series holds its per-country series. */
    private final Map<String, Series> series = new LinkedHashMap<>();
    /** Every series, global and per country, in creation order: the minute closes walk this. */
    private final List<Series> all = new ArrayList<>();

    private final List<Found> closed = new ArrayList<>();

    /** A series' last confirmed incident as listed, with the tallies and peak it takes back if it reopens. */
    private record Held(Found found, Map<String, long[]> countries, long[] problems, Evidence peak) {}

    /** An incident and whether it came from a per-country series. */
    private record Found(DetectedIncident incident, boolean fromCountrySeries) {}

    private long openMinute = Long.MIN_VALUE;

    private final class Series {
        final String service;
        /** Null for the service's global series, else the ISO code of this per-country series. */
        final String country;
        /** The per-country series of a global series, created on the country's first report. */
        Map<String, Series> byCountry;

        final BaselineModel baseline;
        /** The service's global series, for a per-country series; null for a global one. */
        final Series parent;

        final IncidentTracker tracker = new IncidentTracker(incidentRules);
        final long firstMinute;
        long count;
        /** Reports by country and by problem (ordinal) since the series was last quiet; created on first use. */
        Map<String, long[]> countries;

        long[] problems;
        Evidence peak;
        final long[] windowCounts = new long[WINDOW];
        final double[] windowExpected = new double[WINDOW];
        /** The last {@value #LONG} minutes' counts and expectations, for the long windows; null until the series is warm. */
        int[] longCounts;

        float[] longExpected;
        /** Minutes recorded in the long ring since the series warmed or its last incident ended (at most {@value #LONG}). */
        int longFilled;
        /**
         * The last confirmed incident, its tallies and its peak, kept for {@link IncidentRules#reopenWithin}
         * minutes after it ends in case it reopens; null otherwise.
         */
        Held held;
        /** The last closed minutes' counts not yet learned, by minute modulo {@value #LEARN_LAG}; -1 for a minute never to learn. */
        final int[] unlearned = new int[LEARN_LAG];
        /** How many minutes are waiting, at most {@value #LEARN_LAG}. */
        int waiting;

        Series(String service, String country, long firstMinute, Series parent) {
            this.service = service;
            this.country = country;
            this.firstMinute = firstMinute;
            this.parent = parent;
            // Cold start. A new service starts from a small prior and waits for WARM_UP_MINUTES of its
            // own history. A country first seen on a service that is already warm starts from zero
            // and detects at once: the service's history says this country has been silent, so its
            // first reports are judged against almost nothing (and still need the counts evidence
            // asks for: a handful of reports is never an outage).
            this.baseline = new BaselineModel(parent != null && parent.warm(firstMinute) ? 0 : PRIOR);
            all.add(this);
        }

        boolean warm(long minute) {
            return minute - firstMinute >= WARM_UP_MINUTES || (parent != null && parent.warm(minute));
        }

        /**
         * Queues a closed minute ({@code count} -1: not to be learned) and learns the one that has
         * waited {@value #LEARN_LAG} minutes. Every minute of the series comes, one after another.
         */
        void learnLater(long minute, long count) {
            int slot = (int) Math.floorMod(minute, (long) LEARN_LAG);
            if (waiting == LEARN_LAG) {
                if (unlearned[slot] >= 0) {
                    baseline.learn(minute - LEARN_LAG, unlearned[slot]);
                }
            } else {
                waiting++;
            }
            unlearned[slot] = (int) Math.min(Integer.MAX_VALUE, count);
        }

        /** Waiting minutes from {@code start} on (the start of an incident just confirmed) are never learned. */
        void neverLearnFrom(long start, long now) {
            for (long m = Math.max(start, now - waiting + 1); m <= now; m++) {
                unlearned[(int) Math.floorMod(m, (long) LEARN_LAG)] = -1;
            }
        }

        void add(String reportCountry, Problem problem, long n) {
            count += n;
            // Tallied for the incident; outside one they are dropped when the minute closes quietly.
            if (problems == null) {
                problems = new long[PROBLEMS.length];
            }
            problems[problem.ordinal()] += n;
            if (country != null) {
                return; // a per-country series has one country: its problem counts say it all
            }
            if (countries == null) {
                countries = new HashMap<>(4);
            }
            long[] c = countries.get(reportCountry);
            if (c == null) {
                countries.put(reportCountry, c = new long[1]);
            }
            c[0] += n;
        }
    }

    public Detector(EvidenceRules evidence, IncidentRules incidentRules) {
        this.evidence = evidence;
        this.incidentRules = incidentRules;
    }

    public static Detector defaults() {
        return new Detector(EvidenceRules.defaults(), IncidentRules.defaults());
    }

    /** Adds one counted report; reports must come in non-decreasing minute order. */
    public void add(Report r) {
        if (r.counted()) {
            addCount(r.minute(), r.service(), r.country(), r.problem(), 1);
        }
    }

    /**
     * Adds {@code n} counted reports of one minute, service, country and problem: how the live
     * server feeds the stored per-minute aggregates. Minutes must not go backwards.
     */
    public void addCount(long minute, String service, String country, Problem problem, long n) {
        if (minute < openMinute) {
            throw new IllegalArgumentException("minute " + Instant.ofEpochSecond(minute * 60) + " is older than minute "
                    + Instant.ofEpochSecond(openMinute * 60) + ", which is already open or closed");
        }
        advanceTo(minute);
        Series s = series.computeIfAbsent(service, id -> new Series(id, null, minute, null));
        s.add(country, problem, n);
        if (!country.equals(Countries.UNKNOWN)) {
            // A regional outage can hide in a big service's global count: each country is a series too.
            if (s.byCountry == null) {
                s.byCountry = new HashMap<>(4);
            }
            Series c = s.byCountry.get(country);
            if (c == null) {
                s.byCountry.put(country, c = new Series(service, country, minute, s));
            }
            c.add(country, problem, n);
        }
    }

    /** The learned expectation of a service for a minute, or empty when the service has not been seen. */
    public java.util.OptionalDouble expected(String service, long minute) {
        Series s = series.get(service);
        return s == null ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of(s.baseline.expected(minute));
    }

    /** Every service with a series (reported at least once). */
    public java.util.Set<String> services() {
        return java.util.Set.copyOf(series.keySet());
    }

    /** The first minute any series saw, or {@link Long#MIN_VALUE} before any report. */
    public long firstMinute() {
        return series.values().stream().mapToLong(x -> x.firstMinute).min().orElse(Long.MIN_VALUE);
    }

    /** The minute being filled now (everything before it is closed). */
    public long currentMinute() {
        return openMinute;
    }

    /** Closes every minute before {@code minute}: each known service observes its count (zero if none). */
    public void advanceTo(long minute) {
        if (openMinute == Long.MIN_VALUE) {
            openMinute = minute;
            return;
        }
        while (openMinute < minute) {
            close(openMinute);
            openMinute++;
        }
    }

    /** Closes the open minute too (end of input) and returns every confirmed incident. */
    public List<DetectedIncident> finish() {
        if (openMinute != Long.MIN_VALUE) {
            advanceTo(openMinute + 1);
        }
        return incidents();
    }

    /**
     * Every confirmed incident so far, by start; open ones have a null end. Changes nothing. An
     * incident of a per-country series is reported (scope regional, that one country) only when the
     * service's global series has no incident overlapping it: otherwise the global one tells it all.
     */
    public List<DetectedIncident> incidents() {
        var found = new ArrayList<>(closed);
        for (Series s : all) {
            IncidentTracker.Incident open = s.tracker.current();
            if (open != null && open.confirmed() != null) {
                found.add(new Found(describe(s, open), s.country != null));
            }
        }
        var global = new HashMap<String, List<DetectedIncident>>();
        for (Found f : found) {
            if (!f.fromCountrySeries()) {
                global.computeIfAbsent(f.incident().service(), k -> new ArrayList<>())
                        .add(f.incident());
            }
        }
        var result = new ArrayList<DetectedIncident>();
        for (Found f : found) {
            if (!f.fromCountrySeries()
                    || global.getOrDefault(f.incident().service(), List.of()).stream()
                            .noneMatch(g -> g.overlaps(f.incident()))) {
                result.add(f.incident());
            }
        }
        result.sort(Comparator.comparing(DetectedIncident::start)
                .thenComparing(DetectedIncident::service)
                .thenComparing(i -> i.countries().isEmpty() ? "" : i.countries().get(0)));
        return result;
    }

    /** Open suspicions (not yet confirmed) of the services' global series, with a null {@code confirmed}. */
    public List<DetectedIncident> suspected() {
        var all = new ArrayList<DetectedIncident>();
        for (Series s : series.values()) {
            IncidentTracker.Incident open = s.tracker.current();
            if (open != null && open.confirmed() == null) {
                all.add(describe(s, open));
            }
        }
        return all;
    }

    private void close(long minute) {
        for (Series s : all) {
            long count = s.count;
            s.count = 0;
            boolean warm = s.warm(minute);
            double expected = s.baseline.expected(minute);
            Evidence e = judge(s, minute, count, expected);
            IncidentTracker.Change change = warm ? s.tracker.observe(minute, e) : IncidentTracker.Change.NONE;
            if (change == IncidentTracker.Change.RESOLVED) {
                // the long windows start afresh after an incident: its reports are not evidence of the
                // next one. A suspicion that faded (DROPPED) keeps them: a quiet outage often opens and
                // drops a suspicion or two before its quarter hour is unmistakable.
                s.longFilled = 0;
            }
            if (change == IncidentTracker.Change.REOPENED) {
                reopen(s);
            } else if (s.held != null && !s.tracker.mayReopen()) {
                s.held = null;
            }
            if (s.tracker.inIncident()) {
                s.learnLater(minute, -1);
                if (change == IncidentTracker.Change.CONFIRMED || change == IncidentTracker.Change.REOPENED) {
                    s.neverLearnFrom(s.tracker.current().start(), minute);
                }
                if (s.peak == null || e.count() > s.peak.count()) {
                    s.peak = e;
                }
            } else {
                if (change == IncidentTracker.Change.RESOLVED
                        && s.tracker.last().confirmed() != null) {
                    s.held = new Held(
                            new Found(describe(s, s.tracker.last()), s.country != null),
                            s.countries,
                            s.problems,
                            s.peak);
                    closed.add(s.held.found());
                }
                // dropped rather than cleared: a million mostly idle series must not each keep a map
                s.countries = null;
                s.problems = null;
                s.peak = null;
                if (s.baseline.settled(minute)) {
                    s.learnLater(minute, count);
                } else {
                    s.baseline.learn(minute, count);
                    s.learnLater(minute, -1);
                }
            }
        }
    }

    /** The series' last incident is open again: it leaves the closed list and takes back its tallies and peak. */
    private void reopen(Series s) {
        Held h = s.held;
        s.held = null;
        closed.removeIf(f -> f == h.found());
        if (h.problems() != null) {
            if (s.problems == null) {
                s.problems = new long[PROBLEMS.length];
            }
            for (int i = 0; i < PROBLEMS.length; i++) {
                s.problems[i] += h.problems()[i];
            }
        }
        if (h.countries() != null) {
            if (s.countries == null) {
                s.countries = new HashMap<>(4);
            }
            h.countries().forEach((c, n) -> s.countries.computeIfAbsent(c, k -> new long[1])[0] += n[0]);
        }
        if (h.peak() != null && (s.peak == null || h.peak().count() > s.peak.count())) {
            s.peak = h.peak();
        }
    }

    /**
     * The minute's evidence, checked against the last {@link #WINDOW} minutes summed: the window can
     * lift a large but unsurprising minute (a small service at a quiet hour), and it vetoes a
     * moderate minute it does not support (a noisy spike on a news bump). A strong minute stands.
     */
    private Evidence judge(Series s, long minute, long count, double expected) {
        Evidence shortLook = judgeShort(s, minute, count, expected);
        return judgeLong(s, minute, count, expected, shortLook);
    }

    /**
     * The long windows ({@link #LONG_WINDOWS}): like the 5-minute window they lend surprise, never
     * size. They serve quiet series only (less than a report a minute expected: louder ones show an
     * outage in one or five minutes), and only lift a minute that has reports of its own, at least
     * twice what is expected of it, so a minute with none stays quiet. Once an incident is
     * confirmed only the quarter hour sustains it, so the end is pushed back by at most a quarter
     * hour of the window's memory, not an hour. They serve series warm on their own history only: a
     * country first seen a moment ago has no baseline worth an hour's comparison.
     */
    private Evidence judgeLong(Series s, long minute, long count, double expected, Evidence shortLook) {
        if (minute - s.firstMinute < WARM_UP_MINUTES) {
            return shortLook;
        }
        if (s.longCounts == null) {
            s.longCounts = new int[LONG];
            s.longExpected = new float[LONG];
        }
        int slot = (int) Math.floorMod(minute, (long) LONG);
        s.longCounts[slot] = (int) Math.min(Integer.MAX_VALUE, count);
        s.longExpected[slot] = (float) expected;
        s.longFilled = Math.min(LONG, s.longFilled + 1);
        if (count < 1
                || expected >= QUIET
                || count < 2 * Math.max(expected, evidence.minExpected())
                || shortLook.level() == EvidenceLevel.STRONG) {
            return shortLook;
        }
        IncidentTracker.Incident open = s.tracker.current();
        boolean confirmed = open != null && open.confirmed() != null;
        Evidence best = shortLook;
        long sum = 0;
        double sumExpected = 0;
        int summed = 0;
        for (int span : LONG_WINDOWS) {
            if (confirmed && span > SUSTAIN || s.longFilled < span) {
                break; // a window reaches only minutes recorded since the series warmed or its last incident ended
            }
            for (; summed < span; summed++) { // the windows nest: the hour extends the quarter hour's sums
                int k = (int) Math.floorMod(minute - summed, (long) LONG);
                sum += s.longCounts[k];
                sumExpected += s.longExpected[k];
            }
            long needCount = confirmed ? evidence.moderateCount() : evidence.strongCount();
            double needMultiple = confirmed ? evidence.moderateMultiple() : evidence.strongMultiple();
            if (sum < needCount || sum < needMultiple * Math.max(sumExpected, evidence.minExpected())) {
                continue; // cannot count: skip the Poisson tail, the costly part
            }
            Evidence window = evidence.judge(sum, sumExpected);
            // Only strong, and a hundred times stronger than a minute must be: consecutive minutes
            // share almost all of a long window, so its verdicts are one test, not two, and a week of
            // a few hundred series is millions of such tests (at 1e-8, about one false incident in a
            // hundred service-months on the quiet scenario; see docs/benchmarks.md).
            if (window.level() == EvidenceLevel.STRONG && window.tail() <= evidence.strongTail() / LONG_TAIL_FACTOR) {
                best = new Evidence(shortLook.count(), shortLook.expected(), shortLook.multiple(), window.level());
            } else if (confirmed
                    && window.level().atLeast(EvidenceLevel.MODERATE)
                    && !best.level().atLeast(EvidenceLevel.MODERATE)) {
                // hysteresis: a confirmed outage needs less to go on than to open; a quarter hour still
                // moderate keeps it open, so a quiet outage is not cut in pieces by its slack minutes
                best = new Evidence(
                        shortLook.count(), shortLook.expected(), shortLook.multiple(), EvidenceLevel.MODERATE);
            }
        }
        return best;
    }

    private Evidence judgeShort(Series s, long minute, long count, double expected) {
        int slot = (int) Math.floorMod(minute, (long) WINDOW);
        s.windowCounts[slot] = count;
        s.windowExpected[slot] = expected;
        long sum = 0;
        double sumExpected = 0;
        for (int i = 0; i < WINDOW; i++) {
            sum += s.windowCounts[i];
            sumExpected += s.windowExpected[i];
        }
        Evidence one = evidence.judge(count, expected);
        if (one.multiple() < evidence.moderateMultiple() || one.count() < evidence.weakCount()) {
            return one; // neither lifted nor vetoed below: most minutes end here
        }
        Evidence window = evidence.judge(sum, sumExpected);
        // The window lends surprise, never size: it only lifts a minute that is itself as large as
        // moderate evidence requires, and has at least the weak count (two reports in a minute at a
        // quiet hour are never an outage). Otherwise, after an outage, the window would stay loud for
        // a few minutes of normal (noisy) traffic and push the end back.
        if (window.level().compareTo(one.level()) > 0
                && one.multiple() >= evidence.moderateMultiple()
                && one.count() >= evidence.weakCount()) {
            return new Evidence(one.count(), one.expected(), one.multiple(), window.level());
        }
        if (one.level().atLeast(EvidenceLevel.MODERATE)
                && !window.level().atLeast(EvidenceLevel.MODERATE)
                && one.level() != EvidenceLevel.STRONG) {
            // a moderate minute in a window that is not: a noisy spike on a modest bump, not yet an outage
            return new Evidence(one.count(), one.expected(), one.multiple(), EvidenceLevel.WEAK);
        }
        return one;
    }

    private DetectedIncident describe(Series s, IncidentTracker.Incident i) {
        Map<String, Long> countryCounts = new HashMap<>();
        Map<String, Long> problemCounts = new TreeMap<>();
        if (s.countries != null) {
            s.countries.forEach((c, n) -> countryCounts.put(c, n[0]));
        }
        if (s.problems != null) {
            if (s.country != null) {
                countryCounts.put(s.country, java.util.Arrays.stream(s.problems).sum());
            }
            for (Problem p : PROBLEMS) {
                if (s.problems[p.ordinal()] > 0) {
                    problemCounts.put(p.wireName(), s.problems[p.ordinal()]);
                }
            }
        }
        return describe(s, i, countryCounts, problemCounts);
    }

    private DetectedIncident describe(
            Series s, IncidentTracker.Incident i, Map<String, Long> countryCounts, Map<String, Long> problemCounts) {
        long located = countryCounts.entrySet().stream()
                .filter(c -> !c.getKey().equals("ZZ"))
                .mapToLong(Map.Entry::getValue)
                .sum();
        List<String> countries = countryCounts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey)
                .toList();
        long topTwo = countryCounts.entrySet().stream()
                .filter(c -> !c.getKey().equals("ZZ"))
                .map(Map.Entry::getValue)
                .sorted(Comparator.reverseOrder())
                .limit(2)
                .mapToLong(Long::longValue)
                .sum();
        Scope scope = located > 0 && topTwo >= 0.8 * located ? Scope.REGIONAL : Scope.GLOBAL;
        Evidence p = s.peak;
        String words = p == null
                ? ""
                : String.format(
                        Locale.ROOT,
                        "%s%s: %d reports/min, %.1fx the baseline of %.1f, p=%.1e",
                        s.country == null ? "" : "in " + s.country + " ",
                        p.level().name().toLowerCase(Locale.ROOT),
                        p.count(),
                        p.multiple(),
                        p.expected(),
                        p.tail());
        return new DetectedIncident(
                s.service,
                at(i.start()),
                i.confirmed() == null ? null : at(i.confirmed()),
                i.end() == null ? null : at(i.end()),
                at(i.peakMinute()),
                i.peakCount(),
                i.peakExpected(),
                countries,
                scope,
                topFirst(problemCounts),
                words,
                i.phase().name().toLowerCase(Locale.ROOT));
    }

    /** Most reported first, ties by name: a stable order (Map.copyOf's changes from run to run). */
    private static Map<String, Long> topFirst(Map<String, Long> counts) {
        var ordered = new LinkedHashMap<String, Long>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> ordered.put(e.getKey(), e.getValue()));
        return java.util.Collections.unmodifiableMap(ordered);
    }

    private static Instant at(long minute) {
        return Instant.ofEpochSecond(minute * 60);
    }
}
