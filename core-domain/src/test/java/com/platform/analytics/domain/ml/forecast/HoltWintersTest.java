package com.platform.analytics.domain.ml.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.platform.analytics.domain.json.Json;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HoltWintersTest {

    @Test
    void recursionsMatchAHandComputedSmallCase() {
        // m = 2, no trend, y = 1 3 1 3 2 4, alpha = gamma = 0.5.
        // Initial states from k = 3 seasons: season means 2, 2, 3 -> level 7/3;
        // s0 = mean(1, 1, 2) - 7/3 = -1, s1 = mean(3, 3, 4) - 7/3 = +1 (already centred).
        // t0: yhat = 7/3 - 1 = 4/3,  e = -1/3, level = 7/3 - 1/6 = 13/6, s0 = -1 - 1/6 = -7/6
        // t1: yhat = 13/6 + 1 = 19/6, e = -1/6, level = 13/6 - 1/12 = 25/12, s1 = 1 - 1/12 = 11/12
        // t2: yhat = 25/12 - 7/6 = 11/12
        HoltWinters holtWinters = new HoltWinters(2, TrendKind.NONE);
        double[] fitted = holtWinters.oneStepForecasts(new double[] {1, 3, 1, 3, 2, 4},
                new HoltWintersParameters(0.5, 0, 0.5, 1));
        assertThat(fitted[0]).isCloseTo(4.0 / 3, within(1e-12));
        assertThat(fitted[1]).isCloseTo(19.0 / 6, within(1e-12));
        assertThat(fitted[2]).isCloseTo(11.0 / 12, within(1e-12));
    }

    @Test
    void anExactTrendPlusSeasonIsForecastExactlyWithAnyParameters() {
        // y_t = 10 + 2t + (+3, -1, -2)[t mod 3]: the initial decomposition recovers it exactly, every one-step
        // error is zero, so the forecast is the pattern carried on and the interval has zero width.
        int[] pattern = {3, -1, -2};
        double[] y = new double[12];
        for (int t = 0; t < y.length; t++) {
            y[t] = 10 + 2 * t + pattern[t % 3];
        }
        HoltWintersModel model = new HoltWinters(3, TrendKind.ADDITIVE)
                .fitWith(y, new HoltWintersParameters(0.3, 0.2, 0.4, 1));
        for (int h = 1; h <= 7; h++) {
            int t = y.length - 1 + h;
            assertThat(model.pointForecast(h)).isCloseTo(10 + 2 * t + pattern[t % 3], within(1e-9));
        }
        assertThat(model.sigma()).isCloseTo(0, within(1e-9));
    }

    @Test
    void aConstantSeriesIsForecastAsThatConstant() {
        double[] y = new double[28];
        Arrays.fill(y, 42.5);
        for (TrendKind trend : TrendKind.values()) {
            Forecast forecast = new HoltWinters(7, trend).forecast(y, 10, 0.95);
            for (ForecastPoint point : forecast.points()) {
                assertThat(point.mean()).as(trend.name()).isCloseTo(42.5, within(1e-9));
                assertThat(point.upper() - point.lower()).as(trend.name()).isCloseTo(0, within(1e-9));
            }
        }
    }

    @Test
    void forecastVarianceMatchesTheClosedFormsOfFpp2Table78() {
        // fpp2 table 7.8 with ETS beta = alpha * beta*, k = floor((h - 1) / m):
        // (A,N,A): sigma^2 [1 + alpha^2 (h-1) + gamma k (2 alpha + gamma)]
        // (A,A,A): sigma^2 [1 + (h-1){alpha^2 + alpha beta h + beta^2 h (2h-1) / 6} + gamma k {2 alpha + gamma + beta m (k+1)}]
        int m = 7;
        double alpha = 0.3;
        double betaStar = 0.1;
        double gamma = 0.2;
        double sigma = 2.5;
        HoltWintersParameters parameters = new HoltWintersParameters(alpha, betaStar, gamma, 1);
        HoltWintersModel none = new HoltWintersModel(m, TrendKind.NONE, parameters, 0, 0, new double[m], sigma, 50);
        HoltWintersModel additive = new HoltWintersModel(m, TrendKind.ADDITIVE, parameters, 0, 0, new double[m],
                sigma, 50);
        double beta = alpha * betaStar;
        for (int h = 1; h <= 30; h++) {
            int k = (h - 1) / m;
            double ana = sigma * sigma * (1 + alpha * alpha * (h - 1) + gamma * k * (2 * alpha + gamma));
            double aaa = sigma * sigma * (1
                    + (h - 1) * (alpha * alpha + alpha * beta * h + beta * beta * h * (2.0 * h - 1) / 6)
                    + gamma * k * (2 * alpha + gamma + beta * m * (k + 1)));
            assertThat(none.forecastVariance(h)).as("ANA h=%d", h).isCloseTo(ana, within(1e-9));
            assertThat(additive.forecastVariance(h)).as("AAA h=%d", h).isCloseTo(aaa, within(1e-9));
        }
        // (A,Ad,A) with m = 7: c_1 = alpha + phi beta, c_2 = alpha + (phi + phi^2) beta, so with phi = 0.9
        // h = 3: sigma^2 [1 + (0.3 + 0.9 * 0.03)^2 + (0.3 + 1.71 * 0.03)^2] = 6.25 (1 + 0.106929 + 0.12341169) = 7.6896293125
        HoltWintersModel damped = new HoltWintersModel(m, TrendKind.DAMPED,
                new HoltWintersParameters(alpha, betaStar, gamma, 0.9), 0, 0, new double[m], sigma, 50);
        assertThat(damped.forecastVariance(3)).isCloseTo(7.6896293125, within(1e-9));
    }

    @Test
    void normalQuantilesAreThoseOfTheTables() {
        assertThat(StandardNormal.twoSided(0.95)).isCloseTo(1.959964, within(1e-6));
        assertThat(StandardNormal.twoSided(0.80)).isCloseTo(1.281552, within(1e-6));
        assertThat(StandardNormal.quantile(0.001)).isCloseTo(-3.090232, within(1e-6));
        assertThat(StandardNormal.quantile(0.5)).isCloseTo(0, within(1e-12));
    }

    @Test
    void fittingRecoversTheShapeOfANoisySeriesAndIsDeterministic() {
        double[] y = SyntheticSales.dailyWithTrendAndWeeklySeason(140, 11);
        HoltWinters holtWinters = new HoltWinters(7, TrendKind.ADDITIVE);
        HoltWintersModel first = holtWinters.fit(y);
        HoltWintersModel second = holtWinters.fit(y);
        assertThat(first).isEqualTo(second);
        // noise sd is 3: the fitted one-step error should be of that size, far below the weekly swing of 35
        assertThat(first.sigma()).isBetween(2.0, 4.5);
        // the optimum is at least as good as an arbitrary parameter choice
        assertThat(holtWinters.sumOfSquaredErrors(y, first.parameters()))
                .isLessThanOrEqualTo(holtWinters.sumOfSquaredErrors(y, new HoltWintersParameters(0.5, 0.5, 0.3, 1)));
    }

    @Test
    void theArtifactReadsBackToAModelThatForecastsIdentically() {
        double[] y = SyntheticSales.dailyWithTrendAndWeeklySeason(98, 5);
        for (TrendKind trend : TrendKind.values()) {
            HoltWintersModel model = new HoltWinters(7, trend).fit(y);
            String text = Json.write(model.toArtifact());
            HoltWintersModel readBack = HoltWintersModel.fromArtifact(Json.parseObject(text));
            assertThat(readBack).isEqualTo(model);
            assertThat(readBack.forecast(21, 0.9)).isEqualTo(model.forecast(21, 0.9));
        }
    }

    @Test
    void aForeignOrIncompleteArtifactIsRefusedWithTheReason() {
        assertThatThrownBy(() -> HoltWintersModel.fromArtifact(Json.parseObject("{\"kind\":\"isolation-forest\","
                + "\"format\":1}"))).hasMessageContaining("expected a holt-winters");
        assertThatThrownBy(() -> HoltWintersModel.fromArtifact(Json.parseObject("{\"kind\":\"holt-winters\","
                + "\"format\":1,\"period\":7}"))).hasMessageContaining("lacks the field trend");
    }

    @Test
    void tooShortASeriesIsRefused() {
        assertThatThrownBy(() -> new HoltWinters(7, TrendKind.NONE).fit(new double[13]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two full seasons");
    }

    /** Seeded synthetic daily sales: level 100, +0.5 a day, a weekly pattern, Gaussian noise of sd 3. */
    static final class SyntheticSales {
        static final double[] WEEK = {20, 10, 0, -5, -10, -15, 0};

        static double[] dailyWithTrendAndWeeklySeason(int days, long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            double[] y = new double[days];
            for (int t = 0; t < days; t++) {
                y[t] = 100 + 0.5 * t + WEEK[t % 7] + 3 * random.nextGaussian();
            }
            return y;
        }
    }
}
