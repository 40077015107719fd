package com.platform.analytics.domain.ml.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RobustZScoreTest {

    @Test
    void scoresByMedianAndScaledMad() {
        // median 3; absolute deviations 2 1 0 1 97 -> MAD 1; scale 1.4826; z(100) = 97 / 1.4826 = 65.4256
        RobustZScore z = RobustZScore.fit(new double[] {1, 2, 3, 4, 100});
        assertThat(z.median()).isEqualTo(3.0);
        assertThat(z.scale()).isCloseTo(1.4826, within(1e-12));
        assertThat(z.score(100)).isCloseTo(65.4256, within(1e-4));
        assertThat(z.score(3)).isZero();
        assertThat(z.isOutlier(100, RobustZScore.DEFAULT_THRESHOLD)).isTrue();
        assertThat(z.isOutlier(5, RobustZScore.DEFAULT_THRESHOLD)).isFalse();
    }

    @Test
    void theOutlierDoesNotInflateTheScaleAsItWouldAStandardDeviation() {
        // the standard deviation of 1 2 3 4 100 is about 43: a plain z-score would call 100 only 2 sd away
        RobustZScore z = RobustZScore.fit(new double[] {1, 2, 3, 4, 100});
        assertThat(Math.abs(z.score(100))).isGreaterThan(20);
    }

    @Test
    void aZeroMadFallsBackToTheMeanAbsoluteDeviation() {
        // median 5; deviations 0 0 0 0 4 -> MAD 0; mean absolute deviation 0.8; scale 0.8 * 1.2533141 = 1.0026513
        RobustZScore z = RobustZScore.fit(new double[] {5, 5, 5, 5, 9});
        assertThat(z.scale()).isCloseTo(1.0026513, within(1e-6));
    }

    @Test
    void allEqualValuesMakeAnyOtherValueInfinitelyFar() {
        RobustZScore z = RobustZScore.fit(new double[] {2, 2, 2});
        assertThat(z.score(2)).isZero();
        assertThat(z.score(2.5)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(z.score(1)).isEqualTo(Double.NEGATIVE_INFINITY);
    }
}
