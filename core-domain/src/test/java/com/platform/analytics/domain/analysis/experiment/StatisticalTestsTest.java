package com.platform.analytics.domain.analysis.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The tests against published worked examples, and the Bayesian integral against an exact closed form. */
class StatisticalTestsTest {

    /**
     * Welch's test in R: {@code t.test(ts1, ts2)} with ts1 = 11 9 10 11 10 12 9 11 12 9 and ts2 = 11 13 10 13 12 9
     * 11 12 12 11 prints t = -1.8325, df = 17.9, p-value = 0.08356, 95 percent confidence interval -2.1469104
     * 0.1469104 (answer to "Welch's t-test confidence interval", Cross Validated, stats.stackexchange.com; R's
     * t.test is Welch's by default). Our variant is ts2 and control ts1, so the signs flip.
     */
    @Test
    void welchMatchesRsPublishedOutput() {
        SampleSummary ts1 = SampleSummary.of(11, 9, 10, 11, 10, 12, 9, 11, 12, 9);
        SampleSummary ts2 = SampleSummary.of(11, 13, 10, 13, 12, 9, 11, 12, 12, 11);

        Comparison c = WelchTest.compare(ts2, ts1);

        assertThat(c.statistic()).isCloseTo(-1.8325, within(5e-5));
        assertThat(c.degreesOfFreedom()).isCloseTo(17.9, within(5e-2));
        assertThat(c.pValue()).isCloseTo(0.08356, within(5e-6));
        assertThat(c.absoluteLift().estimate()).isCloseTo(-1.0, within(1e-12));
        assertThat(c.absoluteLift().lower()).isCloseTo(-2.1469104, within(5e-8));
        assertThat(c.absoluteLift().upper()).isCloseTo(0.1469104, within(5e-8));
        assertThat(c.probabilityToBeatControl()).isNull();
    }

    @Test
    void welchFromWarehouseSumsEqualsWelchFromValues() {
        double[] values = {0, 0, 120.5, 0, 990, 45.25, 0, 0, 0, 300};
        double sum = 0;
        double squares = 0;
        for (double v : values) {
            sum += v;
            squares += v * v;
        }
        SampleSummary fromSums = SampleSummary.ofSums(values.length, sum, squares);
        SampleSummary direct = SampleSummary.of(values);
        assertThat(fromSums.mean()).isCloseTo(direct.mean(), within(1e-12));
        assertThat(fromSums.variance()).isCloseTo(direct.variance(), within(1e-8));
    }

    /**
     * The two-proportion z-test example x1 = 140 of n1 = 200, x2 = 255 of n2 = 340: pooled p = 0.7314815,
     * standard error 0.03949401, z = -1.266015 (homeworksource.com/p/1008622, "Find the test statistic z").
     * The two-sided p-value is 2Φ(-1.266015); NIST's normal table gives Φ(-1.27) = 0.5 - 0.39796 = 0.10204 and
     * Φ(-1.26) = 0.10383, which brackets it.
     */
    @Test
    void twoProportionZMatchesThePublishedExample() {
        Comparison c = ProportionTest.compare(340, 255, 200, 140);

        assertThat(c.statistic()).isCloseTo(-1.266015, within(5e-7));
        assertThat(c.pValue() / 2).isBetween(0.10204, 0.10383);
        assertThat(c.pValue()).isCloseTo(2 * Distributions.normalCdf(-1.266014826), within(1e-9));
        // difference 0.70 - 0.75 with the unpooled standard error √(.75·.25/340 + .7·.3/200)
        double se = Math.sqrt(0.75 * 0.25 / 340 + 0.7 * 0.3 / 200);
        assertThat(c.absoluteLift().estimate()).isCloseTo(-0.05, within(1e-12));
        assertThat(c.absoluteLift().lower()).isCloseTo(-0.05 - 1.959963984540054 * se, within(1e-12));
        assertThat(c.absoluteLift().upper()).isCloseTo(-0.05 + 1.959963984540054 * se, within(1e-12));
    }

    @Test
    void relativeLiftIntervalIsTheDeltaMethodOne() {
        // control 100/1000 = 0.10, variant 120/1000 = 0.12: lift 0.2; Var(b/a) = Var(b)/a² + b²Var(a)/a⁴
        Comparison c = ProportionTest.compare(1000, 100, 1000, 120);
        double varA = 0.1 * 0.9 / 1000;
        double varB = 0.12 * 0.88 / 1000;
        double se = Math.sqrt(varB / 0.01 + 0.0144 * varA / 0.0001);
        assertThat(c.relativeLift().estimate()).isCloseTo(0.2, within(1e-12));
        assertThat(c.relativeLift().upper() - c.relativeLift().estimate()).isCloseTo(1.959963984540054 * se, within(1e-12));
    }

    @Test
    void undefinedComparisonsAreNullNotNumbers() {
        assertThat(ProportionTest.compare(0, 0, 10, 1)).isNull();
        Comparison noConversions = ProportionTest.compare(10, 0, 12, 0);
        assertThat(noConversions.pValue()).isNull();
        assertThat(noConversions.relativeLift()).isNull();
        assertThat(WelchTest.compare(SampleSummary.of(1), SampleSummary.of(1, 2))).isNull();
        Comparison flat = WelchTest.compare(SampleSummary.of(0, 0, 0), SampleSummary.of(0, 0));
        assertThat(flat.pValue()).isNull();
        assertThat(flat.relativeLift()).isNull();
    }

    /**
     * Evan Miller's closed form (evanmiller.org/bayesian-ab-testing.html) for integer Beta parameters:
     * P(p_B > p_A) = Σ_{i=0}^{α_B-1} B(α_A+i, β_A+β_B) / ((β_B+i) B(1+i, β_B) B(α_A, β_A)). The quadrature is checked
     * against it; the reference values (0.8532838 and 0.9985309) are what the formula gives.
     */
    @Test
    void probabilityToBeatControlMatchesTheClosedForm() {
        assertThat(BetaPosteriors.probabilityToBeat(100, 10, 100, 15)).isCloseTo(exact(100, 10, 100, 15), within(1e-7));
        assertThat(exact(100, 10, 100, 15)).isCloseTo(0.8532838, within(1e-7));
        assertThat(BetaPosteriors.probabilityToBeat(2000, 200, 2000, 260)).isCloseTo(0.9985309, within(1e-7));
        assertThat(BetaPosteriors.probabilityToBeat(2000, 200, 2000, 260)).isCloseTo(exact(2000, 200, 2000, 260), within(1e-7));
        // very unequal groups and a zero count
        assertThat(BetaPosteriors.probabilityToBeat(50_000, 5_000, 40, 6)).isCloseTo(exact(50_000, 5_000, 40, 6), within(1e-7));
        assertThat(BetaPosteriors.probabilityToBeat(30, 0, 3000, 20)).isCloseTo(exact(30, 0, 3000, 20), within(1e-7));
        // identical evidence: a coin flip
        assertThat(BetaPosteriors.probabilityToBeat(500, 50, 500, 50)).isCloseTo(0.5, within(1e-9));
    }

    private static double exact(long nA, long xA, long nB, long xB) {
        double aA = 1 + xA;
        double bA = 1 + nA - xA;
        double aB = 1 + xB;
        double bB = 1 + nB - xB;
        double sum = 0;
        for (int i = 0; i < aB; i++) {
            sum += Math.exp(SpecialFunctions.logBeta(aA + i, bA + bB) - Math.log(bB + i)
                    - SpecialFunctions.logBeta(1 + i, bB) - SpecialFunctions.logBeta(aA, bA));
        }
        return sum;
    }

    @Test
    void sampleRatioMismatchIsFlaggedBelowOnePerMille() {
        // 1000 vs 1100: chi-square = 2·50²/1050 = 4.7619, df 1, p = P(|Z| >= √4.7619) = 0.029096
        SampleRatioCheck fine = SampleRatioCheck.ofEqualAllocation(List.of(1000L, 1100L));
        assertThat(fine.chiSquare()).isCloseTo(4.761905, within(5e-7));
        assertThat(fine.degreesOfFreedom()).isEqualTo(1);
        assertThat(fine.pValue()).isCloseTo(0.029096, within(5e-7));
        assertThat(fine.mismatch()).isFalse();
        // three variants, 10000/10000/10500: chi-square = (2·(166.67)² + 333.33²)/10166.67 = 16.393, df 2, p = e^{-x/2}
        SampleRatioCheck broken = SampleRatioCheck.ofEqualAllocation(List.of(10_000L, 10_000L, 10_500L));
        assertThat(broken.chiSquare()).isCloseTo(16.393443, within(5e-6));
        assertThat(broken.pValue()).isCloseTo(Math.exp(-16.393443 / 2), within(1e-8));
        assertThat(broken.mismatch()).isTrue();
        assertThat(SampleRatioCheck.ofEqualAllocation(List.of(5L))).isNull();
    }
}
