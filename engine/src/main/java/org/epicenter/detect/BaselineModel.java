package org.epicenter.detect;

/**
 * The expected reports per minute of one series (a service, or a service in one country), learned
 * online from its own counts, one minute at a time, in event time. No clock: the caller passes the
 * minute, so live serving and offline replay learn the same baseline.
 *
 * <p>Model: {@code expected(m) = level x season(m)}.
 * <ul>
 *   <li>{@code level} is the deseasonalised rate: a running mean at first (the prior counts as
 *       {@link #PRIOR_WEIGHT} minutes of history, the cold start), then an exponentially weighted
 *       mean that forgets over about two days, so a growing service is followed (trend).</li>
 *   <li>{@code season} is multiplicative, by hour of day until two weeks of an hour-of-week have
 *       been seen, then by hour of week (weekends differ), interpolated between hour centres so the
 *       chart has no steps.</li>
 *   <li>Each learned count is clipped to a high quantile of what was expected, so an outage that
 *       has not yet been detected cannot drag the baseline up. Minutes inside incidents must not be
 *       passed to {@link #learn} at all.</li>
 * </ul>
 * Low counts (0-5 per minute) behave: the model learns means, and the evidence test is a Poisson tail.
 */
public final class BaselineModel {
    static final int HOURS_PER_DAY = 24;
    static final int HOURS_PER_WEEK = 168;
    /** The prior is worth this many minutes of observations. */
    static final double PRIOR_WEIGHT = 60;
    /** Slowest level adaptation: about two days of minutes. */
    static final double LEVEL_MIN_ALPHA = 1.0 / 2880;
    /** Slowest seasonal adaptation per bucket: about three weeks of that hour-of-day, three of that hour-of-week. */
    static final double DAY_MIN_ALPHA = 1.0 / (60 * 21);

    static final double WEEK_MIN_ALPHA = 1.0 / (60 * 3);
    /** Observations of an hour-of-week before its own factor replaces the hour-of-day one. */
    static final int WEEK_READY = 60 * 2;

    private static final double FACTOR_FLOOR = 0.05;
    /** 1 - 1e-4: counts above this quantile of the expected Poisson are clipped before learning. */
    private static final double CLIP_TAIL = 1e-4;

    // Floats and saturating small counters: about 1 KB per series, so a million series fit in
    // 2 GB of heap. The counters only matter until the adaptation rate reaches its floor.
    private static final int DAY_SEEN_CAP = 60 * 21;
    private static final int WEEK_SEEN_CAP = 60 * 3;
    private final float[] day = new float[HOURS_PER_DAY];
    private final short[] daySeen = new short[HOURS_PER_DAY];
    private final float[] week = new float[HOURS_PER_WEEK];
    private final byte[] weekSeen = new byte[HOURS_PER_WEEK];
    private double level;
    private long learned;
    /** How many hours of the day have been seen, and the sum of their factors: the mean for unseen hours. */
    private int hoursSeen;

    private double seenFactorSum;

    /** @param priorPerMinute the cold-start guess, e.g. from the category, popularity or the global series */
    public BaselineModel(double priorPerMinute) {
        if (!(priorPerMinute >= 0)) {
            throw new IllegalArgumentException("prior must be a non-negative rate, got " + priorPerMinute);
        }
        this.level = priorPerMinute;
        java.util.Arrays.fill(day, 1.0f);
        java.util.Arrays.fill(week, 1.0f);
    }

    /** Expected count in {@code minute} (epoch minute, UTC). */
    public double expected(long minute) {
        return level * season(minute);
    }

    /** Minutes learned so far; 0 means the expectation is the prior. */
    public long minutesLearned() {
        return learned;
    }

    /**
     * Whether the minute's hour of day has been seen for a whole hour: until then its seasonal
     * factor is a guess that each new minute corrects, so a caller holding minutes back before
     * learning them should not hold these.
     */
    public boolean settled(long minute) {
        return daySeen[hourOfDay(minute)] >= 60;
    }

    /** Learns one minute outside any incident. */
    public void learn(long minute, long count) {
        double expected = expected(minute);
        // The 1 - 1e-4 quantile lies above mean + 3.5 sd for every rate (checked from 0.01 to 200,000),
        // so ordinary minutes skip computing it; it is never below 3, so small counts skip it too.
        double x = count <= 3 || count <= expected + 3.5 * Math.sqrt(expected)
                ? count
                : Math.min(count, clipCeiling(expected));
        double factor = season(minute);
        double alpha = Math.max(1.0 / (learned + PRIOR_WEIGHT), LEVEL_MIN_ALPHA);
        level += alpha * (x / factor - level);

        if (level > 0) {
            double ratio = x / level;
            int hd = hourOfDay(minute);
            int ds = Math.min(daySeen[hd] + 1, DAY_SEEN_CAP);
            if (ds == 1) {
                hoursSeen++;
                seenFactorSum += day[hd];
            }
            daySeen[hd] = (short) ds;
            float before = day[hd];
            day[hd] += (float) (Math.max(1.0 / ds, DAY_MIN_ALPHA) * (ratio - day[hd]));
            seenFactorSum += day[hd] - before;
            int hw = hourOfWeek(minute);
            int ws = Math.min(Byte.toUnsignedInt(weekSeen[hw]) + 1, WEEK_SEEN_CAP);
            weekSeen[hw] = (byte) ws;
            week[hw] += (float) (Math.max(1.0 / ws, WEEK_MIN_ALPHA) * (ratio - week[hw]));
        }
        learned++;
    }

    private static double clipCeiling(double expected) {
        // Generous for small rates (a burst of 3 when 0.2 was expected still teaches something),
        // tight for large ones.
        return Math.max(Poisson.upperQuantile(expected, CLIP_TAIL), 3);
    }

    /** Seasonal factor at the minute, interpolated linearly between the centres of adjacent hours. */
    double season(long minute) {
        long shifted = minute - 30; // hour centres sit at minute 30
        long hour = Math.floorDiv(shifted, 60);
        double within = (Math.floorMod(shifted, 60) + 0.0) / 60;
        double a = factor(hour);
        double b = factor(hour + 1);
        return Math.max(FACTOR_FLOOR, a + (b - a) * within);
    }

    private double factor(long epochHour) {
        int hw = (int)
                Math.floorMod(epochHour + 72, (long) HOURS_PER_WEEK); // epoch hour 0 was a Thursday; 0 = Monday 00:00
        return Byte.toUnsignedInt(weekSeen[hw]) >= WEEK_READY
                ? week[hw]
                : dayFactor((int) Math.floorMod(epochHour, (long) HOURS_PER_DAY));
    }

    /**
     * An hour never seen takes the mean factor of the hours that were: a fixed 1.0 would sit below
     * them whenever the level lagged the counts (cold start, growth), and the baseline would dip
     * at the first unseen hour, making ordinary traffic look like a rise.
     */
    private double dayFactor(int hour) {
        if (daySeen[hour] > 0) {
            return day[hour];
        }
        return hoursSeen == 0 ? 1.0 : seenFactorSum / hoursSeen;
    }

    static int hourOfDay(long minute) {
        return (int) Math.floorMod(Math.floorDiv(minute, 60), (long) HOURS_PER_DAY);
    }

    static int hourOfWeek(long minute) {
        return (int) Math.floorMod(Math.floorDiv(minute, 60) + 72, (long) HOURS_PER_WEEK);
    }
}
