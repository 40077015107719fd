package com.platform.analytics.domain.ml.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The recursions and forecasts against an independent implementation: statsmodels 0.13.5
 * ({@code statsmodels.tsa.holtwinters.ExponentialSmoothing}, trend="add", seasonal="add", seasonal_periods=7,
 * initialization_method="known" with the initial states of this class's documented decomposition, fitted with
 * {@code optimized=False}, smoothing_level=0.4, smoothing_trend=0.2, smoothing_seasonal=0.3 and, damped,
 * damping_trend=0.9). The initial states it was given: level 120.10816326530613, trend 1.1551020408163266,
 * seasonal 0.10816, -8.79694, -6.70204, -5.10714, 1.73776, 10.33265, 8.42755. The expected numbers below are
 * statsmodels' fittedvalues, forecast(7) and sse, printed by that script.
 *
 * <p>One correction: statsmodels 0.13.5 forecasts a horizon that is a multiple of the period with the seasonal
 * factor of one season earlier, s<sub>T−m</sub>, instead of the final s<sub>T</sub> (statsmodels issue #9538, fixed
 * by pull request #10230). The recursion's own forecast ŷ<sub>T+m|T</sub> = ℓ<sub>T</sub> + φ<sub>m</sub>b<sub>T</sub>
 * + s<sub>T</sub>, and s<sub>T</sub> = s<sub>T−m</sub> + γe<sub>T</sub>, so the expected value for h = 7 is
 * statsmodels' plus γ·(y<sub>T</sub> − ŷ<sub>T|T−1</sub>), computed from statsmodels' own numbers below.
 */
class HoltWintersReferenceTest {
    private static final double[] SERIES = {112, 118, 132, 129, 121, 135, 148, 148, 136, 119, 104, 118, 115, 126,
        141, 135, 125, 149, 170, 170, 158, 133, 114, 140, 145, 150, 178, 163};

    @Test
    void additiveTrendMatchesStatsmodels() {
        HoltWinters holtWinters = new HoltWinters(7, TrendKind.ADDITIVE);
        HoltWintersParameters parameters = new HoltWintersParameters(0.4, 0.2, 0.3, 1);
        double[] fitted = holtWinters.oneStepForecasts(SERIES, parameters);
        assertThat(fitted[0]).isCloseTo(121.3714285714286, within(1e-9));
        assertThat(fitted[1]).isCloseTo(109.12314285714287, within(1e-9));
        assertThat(fitted[13]).isCloseTo(123.95219245548043, within(1e-9));
        assertThat(fitted[27]).isCloseTo(163.25219661074198, within(1e-9));
        assertThat(holtWinters.sumOfSquaredErrors(SERIES, parameters)).isCloseTo(10246.073771520441, within(1e-6));
        HoltWintersModel model = holtWinters.fitWith(SERIES, parameters);
        double lastSeasonCorrection = 0.3 * (SERIES[27] - 163.25219661074198);
        assertThat(model.forecast(7, 0.95).means()).containsExactly(new double[] {158.9347119901665,
            152.86406120486444, 162.54195748380235, 167.75313222598945, 176.11335170806956, 187.2225274921037,
            181.18028652324853 + lastSeasonCorrection}, within(1e-9));
    }

    @Test
    void dampedTrendMatchesStatsmodels() {
        HoltWinters holtWinters = new HoltWinters(7, TrendKind.DAMPED);
        HoltWintersParameters parameters = new HoltWintersParameters(0.4, 0.2, 0.3, 0.9);
        double[] fitted = holtWinters.oneStepForecasts(SERIES, parameters);
        assertThat(fitted[0]).isCloseTo(121.25591836734696, within(1e-9));
        assertThat(fitted[1]).isCloseTo(108.91765551020409, within(1e-9));
        assertThat(fitted[27]).isCloseTo(162.87744126802895, within(1e-9));
        assertThat(holtWinters.sumOfSquaredErrors(SERIES, parameters)).isCloseTo(9608.88422873407, within(1e-6));
        HoltWintersModel model = holtWinters.fitWith(SERIES, parameters);
        double lastSeasonCorrection = 0.3 * (SERIES[27] - 162.87744126802895);
        assertThat(model.forecast(7, 0.95).means()).containsExactly(new double[] {158.27011444723144,
            151.4540464693217, 160.12453647552914, 164.18137097356515, 171.31370024682846, 181.14324449668007,
            173.67558965149763 + lastSeasonCorrection}, within(1e-9));
    }
}
