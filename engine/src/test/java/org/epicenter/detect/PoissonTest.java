package org.epicenter.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PoissonTest {
    @Test
    void upperTailMatchesKnownValues() {
        assertThat(Poisson.upperTail(0, 5)).isEqualTo(1.0);
        assertThat(Poisson.upperTail(3, 0)).isEqualTo(0.0);
        assertThat(Poisson.upperTail(1, 1)).isCloseTo(1 - Math.exp(-1), within(1e-12));
        // 1 - sum_{k<10} e^-1 / k!
        double below = 0;
        double term = Math.exp(-1);
        for (int k = 0; k < 10; k++) {
            below += term;
            term /= k + 1;
        }
        assertThat(Poisson.upperTail(10, 1)).isCloseTo(1 - below, within(1e-12));
        assertThat(Poisson.upperTail(10, 1)).isCloseTo(1.1142547e-7, within(1e-12));
    }

    @Test
    void theDirectSumForSmallCountsAgreesWithTheGammaFunction() {
        for (int k = 1; k <= 30; k++) {
            for (double lambda = 0.01; lambda <= 30; lambda *= 1.37) {
                double gamma = Poisson.regularizedLowerGamma(k, lambda);
                assertThat(Poisson.upperTail(k, lambda))
                        .as("k=%d lambda=%f", k, lambda)
                        .isCloseTo(gamma, org.assertj.core.data.Percentage.withPercentage(1e-4));
            }
        }
    }

    @Test
    void upperTailIsAccurateForHugeRates() {
        // lambda = 10,000: three standard deviations above the mean, one-sided normal tail ~0.00135
        assertThat(Poisson.upperTail(10_300, 10_000)).isBetween(0.0010, 0.0017);
        assertThat(Poisson.upperTail(10_000, 10_000)).isCloseTo(0.5, within(0.01));
        assertThat(Poisson.upperTail(2_000_000, 1_000_000)).isEqualTo(0.0);
    }

    @Test
    void upperQuantileIsTheSmallestCountBeyondTheBand() {
        long q = Poisson.upperQuantile(100, 0.001);
        assertThat(q).isBetween(128L, 136L);
        assertThat(Poisson.upperTail(q, 100)).isLessThanOrEqualTo(0.001);
        assertThat(Poisson.upperTail(q - 1, 100)).isGreaterThan(0.001);
        assertThat(Poisson.upperQuantile(0.01, 0.001)).isEqualTo(2); // P(X >= 1) = 0.00995 is still above 0.001
    }
}
