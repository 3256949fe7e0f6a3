package org.epicenter.simulate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.epicenter.model.Problem;

/**
 * Writes a {@link Scenario} as a report stream, minute by minute, in time order. Deterministic for a
 * seed. Normal traffic follows each service's local day (peak at 20:00, a third of it at 08:00)
 * with overdispersed noise (a gamma-distributed rate per minute, then Poisson counts); outages
 * multiply the rate by their shape; every report has its own reporter id except report-bombing,
 * where a handful of reporters send many.
 */
public final class Simulator {
    /** One simulated report; {@code country} is empty when unknown. */
    public record Row(Instant timestamp, String service, String country, Problem problem, String reporter) {}

    private static final String[] OTHER_COUNTRIES = {"SA", "EG", "AE", "KW", "US", "GB", "DE", "IN", "MA", "JO", ""};
    private static final double GAMMA_SHAPE = 12; // overdispersion: the rate itself wobbles ~30% minute to minute

    private Simulator() {}

    public static void generate(Scenario s, long seed, Consumer<Row> sink) {
        var random = new Random(seed);
        long first = s.start().getEpochSecond() / 60;
        long minutes = s.days() * 1440L;
        long reporter = 0;
        var minuteRows = new ArrayList<Row>();
        for (long m = first; m < first + minutes; m++) {
            Instant minuteStart = Instant.ofEpochSecond(m * 60);
            minuteRows.clear();
            for (Scenario.Profile p : s.services()) {
                double normal = p.peakPerMinute() * daily(m, p.utcOffsetHours());
                double lambda = normal * gamma(random, GAMMA_SHAPE) / GAMMA_SHAPE;
                Scenario.Outage outage = active(s.outages(), p.service(), minuteStart);
                double extra = 0;
                if (outage != null) {
                    // a regional outage multiplies that country's traffic, not the whole service's
                    double base = outage.country() == null ? normal : normal * share(outage.country(), p.country());
                    extra = base * (factor(outage, minuteStart) - 1);
                }
                Scenario.Decoy bump = activeDecoy(s.decoys(), p.service(), minuteStart, Scenario.Decoy.Kind.NEWS_BUMP);
                if (bump != null) {
                    extra += normal * (bump.size() - 1);
                }
                long n = poisson(random, lambda);
                for (long i = 0; i < n; i++) {
                    minuteRows.add(new Row(
                            minuteStart.plusMillis(random.nextInt(60_000)),
                            p.service(),
                            country(random, p.country()),
                            Problem.APP,
                            "u" + (reporter++)));
                }
                long k = poisson(random, Math.max(0, extra) * gamma(random, GAMMA_SHAPE) / GAMMA_SHAPE);
                for (long i = 0; i < k; i++) {
                    String c = outage != null && outage.country() != null
                            ? outage.country()
                            : country(random, p.country());
                    Problem problem = outage != null
                            ? (random.nextInt(10) < 7 ? Problem.LOGIN : Problem.CONNECTION)
                            : Problem.APP;
                    minuteRows.add(new Row(
                            minuteStart.plusMillis(random.nextInt(60_000)),
                            p.service(),
                            c,
                            problem,
                            "u" + (reporter++)));
                }
                Scenario.Decoy bombing =
                        activeDecoy(s.decoys(), p.service(), minuteStart, Scenario.Decoy.Kind.REPORT_BOMBING);
                if (bombing != null) {
                    // a few sources, each many times a minute: the dedup rule leaves one per source per window
                    for (int source = 0; source < 5; source++) {
                        for (int i = 0; i < (int) bombing.size(); i++) {
                            minuteRows.add(new Row(
                                    minuteStart.plusMillis(random.nextInt(60_000)),
                                    p.service(),
                                    p.country(),
                                    Problem.OTHER,
                                    "bomber-" + bombing.label() + "-" + source));
                        }
                    }
                }
            }
            minuteRows.sort((a, b) -> a.timestamp().compareTo(b.timestamp()));
            minuteRows.forEach(sink);
        }
    }

    /** Share of the evening peak at this minute in the service's local time: 1 at 20:00, 1/3 at 08:00. */
    static double daily(long minute, int utcOffsetHours) {
        double hour = Math.floorMod(minute + utcOffsetHours * 60L, 1440L) / 60.0;
        return (2.0 + Math.cos(2 * Math.PI * (hour - 20) / 24)) / 3.0;
    }

    static double factor(Scenario.Outage o, Instant at) {
        double elapsed = Duration.between(o.start(), at).toSeconds() / 60.0;
        double total = o.duration().toSeconds() / 60.0;
        return switch (o.shape()) {
            case INSTANT -> o.multiple();
            case RAMP -> 1 + (o.multiple() - 1) * Math.min(1, elapsed / Math.max(1, total / 2));
            case DEGRADE -> 1 + (o.multiple() - 1) * Math.min(1, elapsed / Math.max(1, total));
            case BURSTS -> ((long) elapsed / 5) % 2 == 0 ? o.multiple() : 1.5;
            case FLAP -> ((long) elapsed / 10) % 2 == 0 ? o.multiple() : 2;
        };
    }

    private static Scenario.Outage active(List<Scenario.Outage> outages, String service, Instant at) {
        for (Scenario.Outage o : outages) {
            if (o.service().equals(service) && !at.isBefore(o.start()) && at.isBefore(o.end())) {
                return o;
            }
        }
        return null;
    }

    private static Scenario.Decoy activeDecoy(
            List<Scenario.Decoy> decoys, String service, Instant at, Scenario.Decoy.Kind kind) {
        for (Scenario.Decoy d : decoys) {
            if (d.kind() == kind
                    && d.service().equals(service)
                    && !at.isBefore(d.start())
                    && at.isBefore(d.start().plus(d.duration()))) {
                return d;
            }
        }
        return null;
    }

    /** The share of a service's reports that {@link #country} gives {@code country}. */
    static double share(String country, String home) {
        long others =
                java.util.Arrays.stream(OTHER_COUNTRIES).filter(country::equals).count();
        return (country.equals(home) ? 0.7 : 0) + 0.3 * others / OTHER_COUNTRIES.length;
    }

    private static String country(Random random, String home) {
        return random.nextInt(10) < 7 ? home : OTHER_COUNTRIES[random.nextInt(OTHER_COUNTRIES.length)];
    }

    static long poisson(Random random, double lambda) {
        if (lambda <= 0) {
            return 0;
        }
        if (lambda > 60) {
            return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * random.nextGaussian()));
        }
        double l = Math.exp(-lambda);
        long k = 0;
        double p = 1;
        do {
            k++;
            p *= random.nextDouble();
        } while (p > l);
        return k - 1;
    }

    /** Marsaglia and Tsang's gamma sampler (shape >= 1, scale 1). */
    static double gamma(Random random, double shape) {
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = random.nextGaussian();
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = random.nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
                return d * v;
            }
        }
    }
}
