package org.epicenter.detect;

/**
 * Poisson tail probabilities, computed through the regularized incomplete gamma function:
 * {@code P(X >= k | lambda) = P(k, lambda)}, the lower regularized gamma. Stable from lambda = 0.001
 * to millions (series expansion below a+1, continued fraction above).
 */
public final class Poisson {
    private static final int MAX_ITERATIONS = 10_000;
    private static final double EPS = 1e-15;
    private static final double TINY = 1e-300;

    private Poisson() {}

    /** P(X >= k) for X ~ Poisson(lambda). */
    public static double upperTail(long k, double lambda) {
        if (k <= 0) {
            return 1.0;
        }
        if (lambda <= 0) {
            return 0.0;
        }
        if (k <= DIRECT_MAX_K && lambda <= DIRECT_MAX_K) {
            // small counts (most per-country minutes): 1 - P(X < k) summed directly, no gamma
            // function; trusted while the tail is not so small that the subtraction loses digits
            double term = Math.exp(-lambda);
            double below = term;
            for (int j = 1; j < k; j++) {
                term *= lambda / j;
                below += term;
            }
            double tail = 1 - below;
            if (tail > DIRECT_MIN_TAIL) {
                return tail;
            }
        }
        return regularizedLowerGamma(k, lambda);
    }

    private static final int DIRECT_MAX_K = 30;
    private static final double DIRECT_MIN_TAIL = 1e-6;

    /** The smallest k with P(X >= k) <= p: a one-sided upper band for charts. */
    public static long upperQuantile(double lambda, double p) {
        long k = (long) Math.floor(lambda);
        // walk up from the mean; the band is a few standard deviations away
        long step = Math.max(1, (long) Math.sqrt(Math.max(lambda, 1)) / 4);
        while (upperTail(k, lambda) > p) {
            k += step;
        }
        while (k > 0 && upperTail(k - 1, lambda) <= p) {
            k--;
        }
        return k;
    }

    static double regularizedLowerGamma(double a, double x) {
        if (x < a + 1) {
            double sum = 1.0 / a;
            double term = sum;
            for (int n = 1; n < MAX_ITERATIONS; n++) {
                term *= x / (a + n);
                sum += term;
                if (Math.abs(term) < Math.abs(sum) * EPS) {
                    break;
                }
            }
            return clamp(sum * Math.exp(-x + a * Math.log(x) - logGamma(a)));
        }
        // Lentz's continued fraction for the upper gamma Q(a, x)
        double b = x + 1 - a;
        double c = 1 / TINY;
        double d = 1 / b;
        double h = d;
        for (int n = 1; n < MAX_ITERATIONS; n++) {
            double an = -n * (n - a);
            b += 2;
            d = an * d + b;
            d = Math.abs(d) < TINY ? TINY : d;
            c = b + an / c;
            c = Math.abs(c) < TINY ? TINY : c;
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) < EPS) {
                break;
            }
        }
        double q = Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
        return clamp(1 - q);
    }

    private static final double[] LANCZOS = {
        0.99999999999980993,
        676.5203681218851,
        -1259.1392167224028,
        771.32342877765313,
        -176.61502916214059,
        12.507343278686905,
        -0.13857109526572012,
        9.9843695780195716e-6,
        1.5056327351493116e-7
    };

    /** Lanczos approximation (g = 7, n = 9), accurate to ~1e-15 for a > 0. */
    static double logGamma(double x) {
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        x -= 1;
        double[] c = LANCZOS;
        double a = c[0];
        double t = x + 7.5;
        for (int i = 1; i < 9; i++) {
            a += c[i] / (x + i);
        }
        return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
    }

    private static double clamp(double p) {
        return p < 0 ? 0 : p > 1 ? 1 : p;
    }
}
