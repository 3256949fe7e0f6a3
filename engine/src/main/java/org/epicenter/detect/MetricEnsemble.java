package org.epicenter.detect;

/**
 * The general-metric detector that {@code epicenter nab} runs: three views of one series, each
 * scaled so that 1 is its own alarm bar, joined by a soft maximum (the 4-norm): the loudest view
 * dominates, and views that agree add a little.
 * <ul>
 *   <li>{@link MetricDetector}: robust statistics (value, step, short mean, same time on earlier days);</li>
 *   <li>{@link ContextDetector} on levels of the range seen in the first 300 steps: sequences the
 *       series has not shown before, and values outside that range;</li>
 *   <li>{@link ContextDetector} on ranks among the last 500 values: the same, following drift.</li>
 * </ul>
 * They miss different things: on the NAB subset the robust view alone scores 47.7, the two context
 * views alone about 40 and 20, the loudest of the three 58.8 and their 4-norm 59.6 (docs/benchmarks.md). The scales are each
 * view's best threshold on that subset, the same for every series. Strictly causal.
 */
public final class MetricEnsemble {
    static final double ROBUST_BAR = 0.159669351;
    static final double RANGE_BAR = 0.634343434;
    static final double RANK_BAR = 0.672422454;

    private final MetricDetector robust = new MetricDetector();
    private final ContextDetector range = ContextDetector.ranged(60, 300);
    private final ContextDetector rank = ContextDetector.ranked(60, 500);

    /** The anomaly score of {@code value} at {@code epochSecond}, in [0, 1); 0.5 is the alarm bar. */
    public double score(long epochSecond, double value) {
        if (!Double.isFinite(value)) {
            return 0;
        }
        double a = robust.score(epochSecond, value) / ROBUST_BAR;
        double b = range.score(epochSecond, value) / RANGE_BAR;
        double c = rank.score(epochSecond, value) / RANK_BAR;
        // A soft maximum: the loudest view dominates, and views that agree add a little.
        double x = Math.sqrt(Math.sqrt(a * a * a * a + b * b * b * b + c * c * c * c));
        return x / (1 + x);
    }
}
