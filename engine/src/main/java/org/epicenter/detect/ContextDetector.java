package org.epicenter.detect;

import java.util.Arrays;

/**
 * Anomaly scores for a general metric series from a {@link ContextMemory}: each value is cut into
 * eight levels, the level's bits are the facts of the step, and a step the memory did not expect
 * (few of the contexts it selected came true, many of the contexts it proposed were new) scores
 * high. A step whose value facts were all foretold by the memory scores 0, whatever the shares. After a
 * score of 0.75 or more the detector stays silent for {@code rest} steps (or a growing share of the
 * steps seen, {@link #growingRest}): one alarm per episode. Strictly causal.
 *
 * <p>The levels need a scale. CAD as published takes the series' minimum and maximum from the whole
 * file, which looks ahead. Here there are two causal scales:
 * <ul>
 *   <li>{@link #ranged}: the range seen in the first {@code calibration} steps, then fixed. A later
 *       value outside it gets a level outside 0..7, whose facts the memory has never seen;</li>
 *   <li>{@link #ranked}: the value's rank among the last {@code window} values. A value above or
 *       below all of them gets a level of its own.</li>
 * </ul>
 * {@link #rangedByTimeOfDay} adds the slice of the day as one more fact to the ranged scale.
 */
public final class ContextDetector {
    private static final int BITS = 3;
    private static final int LEVELS = 1 << BITS;
    private static final double REST_AFTER = 0.75;
    /** The fact that marks a level below zero. */
    private static final int NEGATIVE = 200;
    /** Facts from here on are slices of the day (or of another clock's period). */
    private static final int TIME_OF_DAY = 300;
    /** The most slices a clock may have: the minutes of a week. */
    private static final int MAX_SLICES = 10_080;

    private final ContextMemory memory = new ContextMemory(7, 15);
    private final double[] recent;
    private int recentNext;
    private final int calibration;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private long steps;
    /** Ranked scale only: the last values in arrival order and sorted. */
    private final double[] ring;

    private final double[] sorted;
    private int filled;
    private int ringNext;

    private final int slices;
    private final long sliceSeconds;

    private ContextDetector(int rest, int calibration, int window, long sliceSeconds, int slices) {
        if (slices < 0 || slices > MAX_SLICES || (slices > 0 && sliceSeconds < 1)) {
            throw badClock(slices, sliceSeconds);
        }
        this.slices = slices;
        this.sliceSeconds = sliceSeconds;
        this.recent = new double[rest];
        this.recent[0] = 1.0; // silent for the first `rest` steps, as after an alarm
        this.recentNext = 1 % rest;
        this.calibration = calibration;
        this.ring = window > 0 ? new double[window] : null;
        this.sorted = window > 0 ? new double[window] : null;
    }

    /** Levels over the range of the first {@code calibration} values. */
    public static ContextDetector ranged(int rest, int calibration) {
        return new ContextDetector(rest, calibration, 0, 0, 0);
    }

    /**
     * Levels over the range of the first {@code calibration} values, with the slice of the UTC day
     * ({@code slices} per day) as one more fact: contexts then learn what follows what at which time
     * of day, so a daily rhythm is expected and a value ordinary at noon but not at 3 a.m. is not.
     */
    public static ContextDetector rangedByTimeOfDay(int rest, int calibration, int slices) {
        if (slices < 1 || slices > 1440 || 86_400 % slices != 0) {
            throw new IllegalArgumentException(
                    "slices of the day must divide 86,400 seconds, at most 1,440: " + slices);
        }
        return new ContextDetector(rest, calibration, 0, 86_400 / slices, slices);
    }

    /** As {@link #rangedByTimeOfDay}, with any clock: {@code slices} slices of {@code sliceSeconds} each. */
    public static ContextDetector rangedByClock(int rest, int calibration, long sliceSeconds, int slices) {
        if (slices < 1) {
            throw badClock(slices, sliceSeconds);
        }
        return new ContextDetector(rest, calibration, 0, sliceSeconds, slices);
    }

    private static IllegalArgumentException badClock(int slices, long sliceSeconds) {
        return new IllegalArgumentException("a clock needs 1 to " + MAX_SLICES + " slices of at least a second, got "
                + slices + " of " + sliceSeconds + " s");
    }

    /** Levels by rank among the last {@code window} values. */
    public static ContextDetector ranked(int rest, int window) {
        return new ContextDetector(rest, 0, window, 0, 0);
    }

    private double restPerStep;
    private long scored;

    /**
     * Makes the rest after an alarm grow with the steps seen: {@code perStep} a step (so 0.03 is 3%
     * of the steps so far), up to the rest this detector was made with. Published CAD rests for 3% of
     * the whole file, which it knows up front; this is the causal counterpart. Call before the first
     * step; returns this detector.
     */
    public ContextDetector growingRest(double perStep) {
        if (scored > 0 || !(perStep > 0 && perStep <= 1)) {
            throw new IllegalArgumentException(
                    "a growing rest is set before the first step, at more than 0 and at most 1 a step: " + perStep);
        }
        this.restPerStep = perStep;
        return this;
    }

    /** For comparison runs only: the range given up front, as published CAD does (looks ahead). */
    public static ContextDetector withRange(int rest, double min, double max) {
        var d = new ContextDetector(rest, 0, 0, 0, 0);
        d.min = min;
        d.max = max;
        return d;
    }

    /** The anomaly score of {@code value}, in [0, 1]. Steps must come in time order. */
    public double score(long epochSecond, double value) {
        if (!Double.isFinite(value)) {
            return 0;
        }
        int[] f = facts(ring != null ? rank(value) : level(value));
        if (slices > 0) { // the time of day as one more fact
            f = Arrays.copyOf(f, f.length + 1);
            f[f.length - 1] =
                    TIME_OF_DAY + (int) Math.floorMod(Math.floorDiv(epochSecond, sliceSeconds), (long) slices);
        }
        boolean foreseen = true; // were all of this value's facts foretold?
        for (int i = 0; i < f.length && foreseen; i++) {
            foreseen = f[i] >= TIME_OF_DAY || memory.predicted(f[i]);
        }
        double[] shares = memory.step(f);
        double current = foreseen ? 0 : (1 - shares[0] + shares[1]) / 2;
        double highest = 0;
        int rest = restPerStep > 0 ? (int) Math.max(1, Math.min(recent.length, restPerStep * scored)) : recent.length;
        for (int i = 1; i <= rest; i++) {
            highest = Math.max(highest, recent[Math.floorMod(recentNext - i, recent.length)]);
        }
        scored++;
        recent[recentNext] = current;
        recentNext = (recentNext + 1) % recent.length;
        return highest < REST_AFTER ? current : 0;
    }

    private long level(double value) {
        if (steps++ < calibration) {
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        double range = max - min;
        double step = range > 0 ? range / (LEVELS - 1) : 1;
        return (long) Math.floor((value - min) / step);
    }

    private long rank(double value) {
        long level;
        if (filled == 0) {
            level = 0;
        } else if (value > sorted[filled - 1]) {
            level = LEVELS;
        } else if (value < sorted[0]) {
            level = -1;
        } else {
            level = Math.min(LEVELS - 1, (long) lowerBound(value) * LEVELS / filled);
        }
        if (filled == ring.length) {
            int at = lowerBound(ring[ringNext]);
            System.arraycopy(sorted, at + 1, sorted, at, filled - at - 1);
            filled--;
        }
        ring[ringNext] = value;
        ringNext = (ringNext + 1) % ring.length;
        int at = lowerBound(value);
        System.arraycopy(sorted, at, sorted, at + 1, filled - at);
        sorted[at] = value;
        filled++;
        return level;
    }

    /** The first index of {@code sorted} holding a value not below {@code value}. */
    private int lowerBound(double value) {
        int lo = 0;
        int hi = filled;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Bit i of the level is fact 2i (clear) or 2i+1 (set); a negative level adds a sign fact. */
    private static int[] facts(long level) {
        long magnitude = Math.abs(level);
        int width = Math.max(BITS, 64 - Long.numberOfLeadingZeros(magnitude));
        int[] f = new int[width + (level < 0 ? 1 : 0)];
        for (int i = 0; i < width; i++) {
            f[i] = 2 * i + (int) ((magnitude >>> i) & 1);
        }
        if (level < 0) {
            f[width] = NEGATIVE;
        }
        return f;
    }

    /** How many contexts the memory holds (it grows with the variety of the series). */
    int contexts() {
        return memory.contexts();
    }
}
