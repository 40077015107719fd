package com.platform.analytics.domain.ml.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.platform.analytics.domain.json.Json;
import com.platform.analytics.domain.ml.forecast.StandardNormal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PopulationStabilityIndexTest {

    @Test
    void aWorkedExampleWithExplicitShares() {
        // reference 0.1 0.2 0.3 0.4, current 0.2 0.2 0.2 0.4:
        // (0.2 - 0.1) ln 2 + 0 + (0.2 - 0.3) ln(2/3) + 0 = 0.0693147 + 0.0405465 = 0.1098612 -> moderate
        PsiReport report = PopulationStabilityIndex.fromShares(new double[] {0.1, 0.2, 0.3, 0.4},
                new double[] {0.2, 0.2, 0.2, 0.4}, PopulationStabilityIndex.DEFAULT_EPSILON);
        assertThat(report.value()).isCloseTo(0.1098612, within(1e-7));
        assertThat(report.level()).isEqualTo(DriftLevel.MODERATE);
        assertThat(report.bins().get(0).contribution()).isCloseTo(0.0693147, within(1e-7));
    }

    @Test
    void anEmptyBinIsFlooredAtEpsilonInsteadOfMakingTheIndexInfinite() {
        // current bin 2 empty: its term is (1e-4 - 0.5) ln(1e-4 / 0.5) = 0.4999 * 8.517193 = 4.257745;
        // bin 1: (1 - 0.5) ln 2 = 0.346574 -> 4.604319
        PsiReport report = PopulationStabilityIndex.fromShares(new double[] {0.5, 0.5}, new double[] {1.0, 0.0},
                1e-4);
        assertThat(report.value()).isCloseTo(4.604319, within(1e-6));
        assertThat(report.level()).isEqualTo(DriftLevel.SHIFT);
    }

    @Test
    void identicalSamplesHaveZeroIndexAndSameDistributionSamplesStayStable() {
        SplittableRandom random = new SplittableRandom(1);
        double[] reference = new double[5000];
        double[] sameDistribution = new double[5000];
        for (int i = 0; i < reference.length; i++) {
            reference[i] = random.nextGaussian();
            sameDistribution[i] = random.nextGaussian();
        }
        assertThat(PopulationStabilityIndex.compare(reference, reference.clone()).value()).isZero();
        PsiReport report = PopulationStabilityIndex.compare(reference, sameDistribution);
        // expected PSI of two independent samples of n = 5000 over 10 bins is about (k - 1)(1/n + 1/n) = 0.0036
        assertThat(report.value()).isLessThan(0.02);
        assertThat(report.level()).isEqualTo(DriftLevel.STABLE);
        assertThat(report.bins()).hasSize(10);
    }

    @Test
    void aNormalShiftedByHalfASigmaMatchesTheComputedDecileIndex() {
        // Bins at the deciles z_i of N(0, 1), so p_i = 0.1; for N(0.5, 1) the shares are
        // q_i = Phi(z_i - 0.5) - Phi(z_{i-1} - 0.5) =
        // .03741 .05245 .06296 .07280 .08292 .09405 .10715 .12395 .14908 .21724 (scipy.stats.norm),
        // PSI = sum (q_i - 0.1) ln(q_i / 0.1) = 0.23775 -> moderate (just below the 0.25 of a shift).
        // Samples are the exact quantiles Phi^-1((i + 0.5) / n), so the only error is discreteness.
        int n = 20_000;
        double[] reference = new double[n];
        double[] shifted = new double[n];
        for (int i = 0; i < n; i++) {
            reference[i] = StandardNormal.quantile((i + 0.5) / n);
            shifted[i] = reference[i] + 0.5;
        }
        PsiReport report = PopulationStabilityIndex.compare(reference, shifted);
        assertThat(report.value()).isCloseTo(0.23775, within(0.001));
        assertThat(report.level()).isEqualTo(DriftLevel.MODERATE);
        assertThat(report.bins().get(0).currentShare()).isCloseTo(0.03741, within(0.0005));
        assertThat(report.bins().get(9).currentShare()).isCloseTo(0.21724, within(0.0005));
        // a full sigma is a shift
        for (int i = 0; i < n; i++) {
            shifted[i] = reference[i] + 1;
        }
        assertThat(PopulationStabilityIndex.compare(reference, shifted).level()).isEqualTo(DriftLevel.SHIFT);
    }

    @Test
    void aMostlyTiedReferenceGetsFewerWiderBins() {
        // 80 zeros and 1..20: the 1st..8th deciles are all 0 (the 80th value), the 9th is 10 (the 90th value),
        // so the edges are 0 and 10: three bins holding 80 %, 10 % (1..10) and 10 % (11..20), none empty
        double[] reference = new double[100];
        for (int i = 80; i < 100; i++) {
            reference[i] = i - 79;
        }
        DriftBaseline baseline = DriftBaseline.of(reference, 10);
        assertThat(baseline.bins()).isEqualTo(3);
        assertThat(baseline.edges()).containsExactly(Double.NEGATIVE_INFINITY, 0, 10, Double.POSITIVE_INFINITY);
        assertThat(baseline.referenceShares()).containsExactly(new double[] {0.8, 0.1, 0.1}, within(1e-12));
    }

    @Test
    void theReadingThresholds() {
        assertThat(DriftLevel.of(0.0999)).isEqualTo(DriftLevel.STABLE);
        assertThat(DriftLevel.of(0.1)).isEqualTo(DriftLevel.MODERATE);
        assertThat(DriftLevel.of(0.25)).isEqualTo(DriftLevel.MODERATE);
        assertThat(DriftLevel.of(0.2501)).isEqualTo(DriftLevel.SHIFT);
    }

    @Test
    void theBaselineArtifactReadsBackToTheSameComparison() {
        SplittableRandom random = new SplittableRandom(4);
        double[] reference = new double[1000];
        double[] current = new double[800];
        for (int i = 0; i < reference.length; i++) {
            reference[i] = random.nextDouble() * 50;
        }
        for (int i = 0; i < current.length; i++) {
            current[i] = random.nextDouble() * 60;
        }
        DriftBaseline baseline = DriftBaseline.of(reference, 10);
        DriftBaseline readBack = DriftBaseline.fromArtifact(Json.parseObject(Json.write(baseline.toArtifact())));
        assertThat(readBack).isEqualTo(baseline);
        assertThat(readBack.compare(current, 1e-4)).isEqualTo(baseline.compare(current, 1e-4));
    }
}
