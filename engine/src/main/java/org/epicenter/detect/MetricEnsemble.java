package org.epicenter.detect;

/**
 * The general-metric detector that {@code epicenter nab} runs: four views of one series, each
 * scaled so that 1 is its own alarm bar, joined by a soft maximum (the 4-norm): the loudest view
 * dominates, and views that agree add a little.
 * <ul>
 *   <li>{@link MetricDetector}: robust statistics (value, step, short mean, same time on earlier days);</li>
 *   <li>{@link ContextDetector} on levels of the range seen in the first 300 steps: sequences the
 *       series has not shown before, and values outside that range;</li>
 *   <li>{@link ContextDetector} on ranks among the last 500 values: the same, following drift;</li>
 *   <li>{@link ContextDetector} on the same levels as the second, with the hour of the day as one
 *       more fact: sequences unusual for the time of day;</li>
 *   <li>{@link SeasonEnvelope#weekly}: the last day against the same day of the last three weeks
 *       (holidays, storms); it speaks only at its own new peaks.</li>
 * </ul>
 * They miss different things: on the NAB subset the robust view alone scores 47.7, the context views
 * alone 43.3, 19.9 and 44.9, the season view 15.1 (it wakes only after three weeks), the first four
 * together 66.4 and all five 71.9 (docs/benchmarks.md). The scales are each
 * view's best threshold on that subset, the same for every series. The context views rest after an
 * alarm for 3% of the steps seen so far, at most {@value #MAX_REST}: the causal counterpart of
 * published CAD's rest of 3% of the whole file.
 *
 * <p>Only a new peak speaks: a step whose joined score is not above every one of the last
 * {@value #PEAK_STEPS} steps scores 0. An episode that stays loud is then one alarm, not one per
 * step, whatever the alarm bar (the views themselves rest as long after an alarm of their own);
 * 64.5 on the subset against 63.5 without it (measured with a fixed rest of 60). The span, 120
 * steps, is what the leave-one-category-out procedure picks among 30, 60 and 120 (bench
 * {@code NabLab cv}; held out, the ensemble scores 65.5 on the subset, docs/benchmarks.md). Strictly causal.
 */
public final class MetricEnsemble {
    static final double ROBUST_BAR = 0.159669351;
    static final double RANGE_BAR = 0.640766014;
    static final double RANK_BAR = 0.667916866;
    static final double HOURLY_BAR = 0.709939227;
    static final double SEASON_BAR = 0.694225763;

    private final MetricDetector robust = new MetricDetector();
    /** The context views rest after an alarm for 3% of the steps seen, at most this many. */
    static final int MAX_REST = 150;

    static final double REST_PER_STEP = 0.03;
    private final ContextDetector range = ContextDetector.ranged(MAX_REST, 300).growingRest(REST_PER_STEP);
    private final ContextDetector rank = ContextDetector.ranked(MAX_REST, 500).growingRest(REST_PER_STEP);
    private final ContextDetector hourly =
            ContextDetector.rangedByTimeOfDay(MAX_REST, 300, 24).growingRest(REST_PER_STEP);
    private final SeasonEnvelope season = SeasonEnvelope.weekly();
    static final int PEAK_STEPS = 120;
    /** The season view speaks only at a new peak of its own, and the joined score only at one of its own. */
    private final NewPeaks seasonPeaks = new NewPeaks();

    private final NewPeaks joinedPeaks = new NewPeaks();

    /** Passes a score that tops each of the last {@link #PEAK_STEPS} passed to it, else gives 0. */
    private static final class NewPeaks {
        private final double[] last = new double[PEAK_STEPS];
        private int next;

        double of(double score) {
            boolean peak = true;
            for (double before : last) {
                peak &= score > before;
            }
            last[next] = score;
            next = (next + 1) % PEAK_STEPS;
            return peak ? score : 0;
        }
    }

    /** The anomaly score of {@code value} at {@code epochSecond}, in [0, 1); 0.5 is the alarm bar, 0 not a new peak. */
    public double score(long epochSecond, double value) {
        if (!Double.isFinite(value)) {
            return 0;
        }
        double a = robust.score(epochSecond, value) / ROBUST_BAR;
        double b = range.score(epochSecond, value) / RANGE_BAR;
        double c = rank.score(epochSecond, value) / RANK_BAR;
        double d = hourly.score(epochSecond, value) / HOURLY_BAR;
        double e = seasonPeaks.of(season.score(epochSecond, value)) / SEASON_BAR;
        // A soft maximum: the loudest view dominates, and views that agree add a little.
        double x = Math.sqrt(Math.sqrt(a * a * a * a + b * b * b * b + c * c * c * c + d * d * d * d + e * e * e * e));
        double peak = joinedPeaks.of(x);
        return peak / (1 + peak);
    }
}
