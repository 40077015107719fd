package com.platform.analytics.domain.analysis.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The special functions and distributions against published tables and closed forms. Tables: NIST/SEMATECH
 * e-Handbook of Statistical Methods, 1.3.6.7.1 (standard normal), 1.3.6.7.2 (t distribution critical values),
 * 1.3.6.7.4 (chi-square critical values), https://www.itl.nist.gov/div898/handbook/eda/section3/eda367.htm.
 */
class DistributionsTest {

    @Test
    void logGammaMatchesFactorialsAndTheHalfIntegerValue() {
        // Γ(1/2) = √π; Γ(n) = (n-1)!
        assertThat(SpecialFunctions.logGamma(0.5)).isCloseTo(0.5 * Math.log(Math.PI), within(1e-14));
        assertThat(SpecialFunctions.logGamma(10)).isCloseTo(Math.log(362_880), within(1e-13));
        assertThat(SpecialFunctions.logGamma(1)).isCloseTo(0, within(1e-14));
        double log99Factorial = 0;
        for (int i = 2; i <= 99; i++) {
            log99Factorial += Math.log(i);
        }
        assertThat(SpecialFunctions.logGamma(100)).isCloseTo(log99Factorial, within(1e-11));
        assertThat(SpecialFunctions.logGamma(0.1)).isCloseTo(Math.log(9.513507698668732), within(1e-13));
    }

    @Test
    void incompleteBetaMatchesItsClosedForms() {
        // I_x(1, b) = 1 - (1-x)^b, I_x(a, 1) = x^a, I_{1/2}(a, a) = 1/2; with large a, b the prefactor
        // exp(ln B) carries the rounding of ln Γ near 10^6 (about 1e-10 relative), far below what a p-value needs
        assertThat(SpecialFunctions.regularizedBeta(0.3, 1, 7.5)).isCloseTo(1 - Math.pow(0.7, 7.5), within(1e-14));
        assertThat(SpecialFunctions.regularizedBeta(0.8, 4.25, 1)).isCloseTo(Math.pow(0.8, 4.25), within(1e-14));
        assertThat(SpecialFunctions.regularizedBeta(0.5, 123.5, 123.5)).isCloseTo(0.5, within(1e-12));
        assertThat(SpecialFunctions.regularizedBeta(0.5, 50_000, 50_000)).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void incompleteGammaMatchesItsClosedForms() {
        // P(1, x) = 1 - e^-x
        assertThat(SpecialFunctions.regularizedGammaP(1, 2.5)).isCloseTo(1 - Math.exp(-2.5), within(1e-15));
        assertThat(SpecialFunctions.regularizedGammaQ(1, 40)).isCloseTo(Math.exp(-40), within(1e-28));
        assertThat(SpecialFunctions.regularizedGammaP(3, 0.5) + SpecialFunctions.regularizedGammaQ(3, 0.5))
                .isCloseTo(1, within(1e-15));
    }

    @Test
    void normalQuantileAndDistributionFunctionMatchTheTables() {
        // the two-sided 95% critical value, 1.959964 (to 7 digits in every table)
        assertThat(Distributions.normalQuantile(0.975)).isCloseTo(1.959964, within(5e-7));
        assertThat(Distributions.normalQuantile(0.975)).isCloseTo(1.959963984540054, within(1e-14));
        // NIST 1.3.6.7.1: critical values 1.645 (0.95), 2.326 (0.99), 3.090 (0.999)
        assertThat(Distributions.normalQuantile(0.95)).isCloseTo(1.645, within(5e-4));
        assertThat(Distributions.normalQuantile(0.99)).isCloseTo(2.326, within(5e-4));
        assertThat(Distributions.normalQuantile(0.999)).isCloseTo(3.090232, within(5e-7));
        assertThat(Distributions.normalQuantile(0.025)).isCloseTo(-1.959963984540054, within(1e-14));
        assertThat(Distributions.normalQuantile(1e-10)).isCloseTo(-6.361340902404056, within(1e-9));
        // NIST 1.3.6.7.1, area from 0 to z: 1.96 -> 0.47500, 1.00 -> 0.34134, 3.00 -> 0.49865
        assertThat(Distributions.normalCdf(1.96)).isCloseTo(0.97500, within(5e-6));
        assertThat(Distributions.normalCdf(1.00)).isCloseTo(0.84134, within(5e-6));
        assertThat(Distributions.normalCdf(-3.00)).isCloseTo(1 - 0.99865, within(5e-6));
        assertThat(Distributions.normalCdf(0)).isEqualTo(0.5);
        assertThat(Distributions.normalTwoSidedP(1.959963984540054)).isCloseTo(0.05, within(1e-15));
    }

    @Test
    void quantileAndDistributionFunctionAreInverses() {
        for (double p = 0.001; p < 1; p += 0.0173) {
            assertThat(Distributions.normalCdf(Distributions.normalQuantile(p))).as("p=%s", p).isCloseTo(p, within(1e-15));
        }
    }

    @Test
    void studentTCriticalValuesMatchTheTable() {
        // NIST 1.3.6.7.2, upper critical values for alpha = 0.025 (two-sided 95%)
        assertThat(Distributions.studentTQuantile(0.975, 1)).isCloseTo(12.706, within(5e-4));
        assertThat(Distributions.studentTQuantile(0.975, 10)).isCloseTo(2.228, within(5e-4));
        assertThat(Distributions.studentTQuantile(0.975, 30)).isCloseTo(2.042, within(5e-4));
        assertThat(Distributions.studentTQuantile(0.975, 100)).isCloseTo(1.984, within(5e-4));
        // df = 1 is the Cauchy distribution: P(T <= t) = 1/2 + atan(t)/π; df = 2 has t_p = (2p-1)·√(2/(4p(1-p)))
        assertThat(Distributions.studentTQuantile(0.975, 1)).isCloseTo(Math.tan(Math.PI * 0.475), within(1e-10));
        assertThat(Distributions.studentTCdf(-2.5, 1)).isCloseTo(0.5 + Math.atan(-2.5) / Math.PI, within(1e-15));
        double p = 0.975;
        assertThat(Distributions.studentTQuantile(p, 2)).isCloseTo((2 * p - 1) * Math.sqrt(2 / (4 * p * (1 - p))), within(1e-10));
        // a huge df approaches the normal
        assertThat(Distributions.studentTQuantile(0.975, 1e7)).isCloseTo(1.959964, within(1e-6));
    }

    @Test
    void chiSquareUpperTailMatchesTheTableAndClosedForms() {
        // NIST 1.3.6.7.4, upper critical values: df 1: 3.841 (0.05), 10.828 (0.001); df 2: 13.816 (0.001);
        // df 3: 16.266 (0.001); df 10: 18.307 (0.05)
        assertThat(Distributions.chiSquareSurvival(3.841, 1)).isCloseTo(0.05, within(2e-5));
        assertThat(Distributions.chiSquareSurvival(10.828, 1)).isCloseTo(0.001, within(1e-6));
        assertThat(Distributions.chiSquareSurvival(13.816, 2)).isCloseTo(0.001, within(1e-6));
        assertThat(Distributions.chiSquareSurvival(16.266, 3)).isCloseTo(0.001, within(1e-6));
        assertThat(Distributions.chiSquareSurvival(18.307, 10)).isCloseTo(0.05, within(1e-5));
        // df 2: Q = e^{-x/2}; df 1: Q(x) = P(|Z| >= √x)
        assertThat(Distributions.chiSquareSurvival(-2 * Math.log(0.001), 2)).isCloseTo(0.001, within(1e-15));
        double z = 1.959963984540054;
        assertThat(Distributions.chiSquareSurvival(z * z, 1)).isCloseTo(0.05, within(1e-14));
    }
}
