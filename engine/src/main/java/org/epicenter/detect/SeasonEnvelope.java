package org.epicenter.detect;

import java.util.Arrays;

/**
 * Anomaly scores from a season's memory: the mean of the last {@code span} seconds against the same
 * span one, two … {@code periods} periods earlier (for {@link #weekly}: the last day against the
 * same day of each of the last three weeks). Inside the envelope those earlier spans make (from the
 * lowest to the highest) a value scores 0. Outside, the departure from the nearest edge is measured
 * in the envelope's usual width. Both are shares of the envelope's larger edge, and "usual" is the
 * median of the last {@code widthHistory} widths (at most 16 bytes each, grown as they come). So a series whose weeks repeat closely speaks at a small
 * departure (a holiday, a snowstorm in a city's taxi rides), and one whose weeks differ a lot needs
 * a large one. Silent until every earlier period has data near the same time, and until 100 widths
 * are known. Strictly causal; memory bounded by the periods kept and the widths' history.
 */
public final class SeasonEnvelope {
    private static final int MIN_WIDTHS = 100;
    /** The usual width is recomputed once this many new widths have come. */
    private static final int REFRESH = 50;

    private final long period;
    private final long span;
    private final int periods;
    /** Times and running sums of the values kept (those within periods × period + span of now). */
    private long[] times = new long[256];

    private double[] sums = new double[257];
    private int head;
    private int tail;
    private double total;
    private final int widthHistory;
    /** The last widths, a ring once {@link #widthHistory} are known; grown on demand up to that. */
    private double[] widths = new double[0];

    private double[] scratch = new double[0];
    private int widthCount;
    private int sinceRefresh;
    private double usual;

    public SeasonEnvelope(long periodSeconds, long spanSeconds, int periods, int widthHistory) {
        if (periodSeconds < 1
                || spanSeconds < 1
                || spanSeconds > periodSeconds
                || periods < 1
                || widthHistory < MIN_WIDTHS) {
            throw new IllegalArgumentException(
                    "a season envelope needs a period of at least a second, a span within it, at least one"
                            + " period and at least " + MIN_WIDTHS + " widths of history; got period " + periodSeconds
                            + " s, span "
                            + spanSeconds + " s, " + periods + " periods, " + widthHistory + " widths");
        }
        this.period = periodSeconds;
        this.span = spanSeconds;
        this.periods = periods;
        this.widthHistory = widthHistory;
    }

    /** The last day against the same day of the last three weeks; widths of the last 20,000 steps. */
    public static SeasonEnvelope weekly() {
        return new SeasonEnvelope(604_800, 86_400, 3, 20_000);
    }

    /** The anomaly score of {@code value} at {@code epochSecond}, in [0, 1). Steps must come in time order. */
    public double score(long epochSecond, double value) {
        if (!Double.isFinite(value)) {
            return 0;
        }
        append(epochSecond, value);
        double now = meanSince(tail - 1, epochSecond - span);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int j = 1; j <= periods; j++) {
            long then = epochSecond - j * period;
            int end = lastAtOrBefore(then);
            if (end < head || then - times[end] >= span) {
                return 0; // no data near the same time j periods ago
            }
            double past = meanSince(end, then - span);
            lo = Math.min(lo, past);
            hi = Math.max(hi, past);
        }
        double scale = Math.max(Math.max(Math.abs(lo), Math.abs(hi)), 1e-9);
        double departure = now < lo ? (lo - now) / scale : now > hi ? (now - hi) / scale : 0;
        double width = (hi - lo) / scale;
        boolean known = widthCount >= MIN_WIDTHS;
        if (known && (usual == 0 || sinceRefresh >= REFRESH)) {
            usual = Math.max(median(), 1e-9);
            sinceRefresh = 0;
        }
        if (widthCount == widths.length && widths.length < widthHistory) {
            widths = Arrays.copyOf(widths, Math.min(widthHistory, Math.max(1024, 2 * widths.length)));
        }
        widths[widthCount++ % widthHistory] = width;
        sinceRefresh++;
        if (!known) {
            return 0;
        }
        double x = departure / usual;
        return x / (1 + x);
    }

    /** How many values are kept. */
    int kept() {
        return tail - head;
    }

    private double median() {
        int n = Math.min(widthCount, widthHistory);
        if (scratch.length < n) {
            scratch = new double[widths.length];
        }
        System.arraycopy(widths, 0, scratch, 0, n);
        Arrays.sort(scratch, 0, n);
        return scratch[n / 2];
    }

    /** Keeps the value and drops what no later step can need. */
    private void append(long time, double value) {
        long keepFrom = time - periods * period - span;
        while (head < tail && times[head] < keepFrom) {
            head++;
        }
        if (tail == times.length) {
            int live = tail - head;
            if (live > times.length / 2) {
                times = Arrays.copyOf(times, times.length * 2);
                sums = Arrays.copyOf(sums, sums.length * 2);
            }
            System.arraycopy(times, head, times, 0, live);
            System.arraycopy(sums, head, sums, 0, live + 1);
            head = 0;
            tail = live;
        }
        if (tail == head) { // nothing kept: start the running sum afresh
            total = 0;
            sums[tail] = 0;
        }
        times[tail] = time;
        total += value;
        sums[tail + 1] = total;
        tail++;
    }

    /** The mean of the values kept from after {@code from} up to index {@code end}. */
    private double meanSince(int end, long from) {
        int first = lastAtOrBefore(from, end) + 1;
        first = Math.max(first, head);
        return (sums[end + 1] - sums[first]) / (end + 1 - first);
    }

    private int lastAtOrBefore(long time) {
        return lastAtOrBefore(time, tail - 1);
    }

    /** The last index in [head, upTo] with a time at or before {@code time}, or head - 1. */
    private int lastAtOrBefore(long time, int upTo) {
        int lo = head;
        int hi = upTo + 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (times[mid] <= time) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo - 1;
    }
}
