package org.epicenter.server.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.epicenter.detect.ReportReplay;
import org.epicenter.simulate.Evaluation;
import org.epicenter.simulate.Scenario;
import org.epicenter.simulate.Scenarios;
import org.epicenter.simulate.Simulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code epicenter evaluate}: the detector against simulated truth, over several seeds. */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description =
                "Replay the built-in scenarios (mixed and quiet) for several seeds and print recall, false incidents and detection delay.")
final class EvaluateCommand implements Callable<Integer> {
    @Option(
            names = "--seeds",
            defaultValue = "5",
            description = "How many seeds (1..N) per scenario (default ${DEFAULT-VALUE}).")
    int seeds;

    @Option(
            names = "--first-seed",
            defaultValue = "1",
            description = "The first seed (default ${DEFAULT-VALUE}): seeds run from it, --seeds of them; "
                    + "tune on some seeds, report others.")
    long firstSeed;

    @Override
    public Integer call() {
        if (seeds < 1) {
            System.err.println("epicenter evaluate: --seeds must be at least 1");
            return 2;
        }
        int outages = 0;
        int found = 0;
        int falseIncidents = 0;
        int decoyIncidents = 0;
        double serviceMonths = 0;
        var delays = new ArrayList<Long>();
        var missed = new ArrayList<String>();
        var falses = new ArrayList<String>();
        var byLabel = new java.util.TreeMap<String, List<Long>>();
        int pieces = 0;
        var endGaps = new ArrayList<Long>();
        int attributable = 0;
        int attributed = 0;
        var misattributed = new ArrayList<String>();
        for (String name : Scenarios.NAMES) {
            for (long seed = firstSeed; seed < firstSeed + seeds; seed++) {
                Scenario s = Scenarios.named(name, seed);
                var replay = new ReportReplay(Duration.ofMinutes(30));
                Simulator.generate(
                        s,
                        seed,
                        r -> replay.accept(
                                r.timestamp(),
                                r.service(),
                                r.country().isEmpty() ? "ZZ" : r.country(),
                                r.problem(),
                                r.reporter()));
                var incidents = replay.finish();
                var correlated = new org.epicenter.correlate.Correlator(
                                org.epicenter.correlate.DependencyGraph.defaults())
                        .correlate(
                                incidents,
                                replay.services(),
                                s.start(),
                                s.start().plus(Duration.ofDays(s.days())));
                Evaluation.Result res = Evaluation.score(s, incidents, i -> {
                    var a = correlated.of(i);
                    return a == null ? null : a.provider();
                });
                attributable += res.attributable();
                attributed += res.attributed();
                long seedNow = seed;
                res.misattributed().forEach(m -> misattributed.add(name + " seed " + seedNow + ": " + m));
                System.out.printf(
                        Locale.ROOT,
                        "%-6s seed %d: %d reports, recall %d/%d, false incidents %d (decoys %d), median delay %s%n",
                        name,
                        seed,
                        replay.read(),
                        res.found(),
                        res.outages(),
                        res.falseIncidents(),
                        res.decoyIncidents(),
                        res.delays().isEmpty() ? "-" : minutes(percentile(res.delays(), 0.5)));
                outages += res.outages();
                found += res.found();
                falseIncidents += res.falseIncidents();
                decoyIncidents += res.decoyIncidents();
                serviceMonths += res.serviceMonths();
                delays.addAll(res.delays());
                pieces += res.pieces();
                endGaps.addAll(res.endGaps());
                res.delaysByLabel()
                        .forEach((label, d) -> byLabel.computeIfAbsent(label, k -> new ArrayList<>())
                                .addAll(d));
                long seedUsed = seed;
                res.missed().forEach(m -> missed.add(name + " seed " + seedUsed + ": " + m));
                res.falseOnes().forEach(f -> falses.add(name + " seed " + seedUsed + ": " + f));
            }
        }
        System.out.printf(
                Locale.ROOT,
                "recall %.3f (%d of %d outages >= 5x for >= 10 min); false incidents %.2f per service-month "
                        + "(%d in %.1f service-months; %d on decoys); delay onset->confirmed median %s, p90 %s%n",
                outages == 0 ? 1.0 : (double) found / outages,
                found,
                outages,
                falseIncidents / serviceMonths,
                falseIncidents,
                serviceMonths,
                decoyIncidents,
                minutes(percentile(delays, 0.5)),
                minutes(percentile(delays, 0.9)));
        System.out.printf(
                Locale.ROOT,
                "incidents per found outage %.3f (%d for %d); end gap (incident end - outage end) median %s, "
                        + "p10 %s, p90 %s, max %s; the end is told %d minutes after the incident's end%n",
                found == 0 ? 0.0 : (double) pieces / found,
                pieces,
                found,
                minutes(percentile(endGaps, 0.5)),
                minutes(percentile(endGaps, 0.1)),
                minutes(percentile(endGaps, 0.9)),
                minutes(percentile(endGaps, 1.0)),
                org.epicenter.detect.IncidentRules.defaults().recoverAfter()
                        + org.epicenter.detect.IncidentRules.defaults().resolveAfter());
        byLabel.forEach((label, d) -> System.out.printf(
                Locale.ROOT,
                "delay %-18s found %d, median %s, max %s%n",
                label,
                d.size(),
                minutes(percentile(d, 0.5)),
                minutes(percentile(d, 1.0))));
        System.out.printf(
                Locale.ROOT,
                "epicenter named right for %d of %d outages with a known cause%s%n",
                attributed,
                attributable,
                attributable == 0 ? "" : String.format(Locale.ROOT, " (%.1f%%)", 100.0 * attributed / attributable));
        missed.forEach(m -> System.out.println("missed: " + m));
        misattributed.forEach(m -> System.out.println("attribution: " + m));
        falses.forEach(f -> System.out.println("false: " + f));
        return 0;
    }

    private static long percentile(List<Long> values, double q) {
        if (values.isEmpty()) {
            return 0;
        }
        var sorted = values.stream().sorted().toList();
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(q * sorted.size()) - 1));
    }

    private static String minutes(long seconds) {
        return String.format(Locale.ROOT, "%.1f min", seconds / 60.0);
    }
}
