package com.platform.analytics.domain.ml.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BacktestTest {

    @Test
    void holtWintersBeatsSeasonalNaiveOnATrendingWeeklySeriesWithNominalCoverage() {
        // 26 weeks of daily sales; 13 origins (from day 84, every 7 days), 14-day horizon: 182 forecast points
        double[] y = HoltWintersTest.SyntheticSales.dailyWithTrendAndWeeklySeason(182, 2026);
        Backtest backtest = new Backtest(84, 14, 7, 0.95);
        BacktestScore holtWinters = backtest.run(y, new HoltWinters(7, TrendKind.ADDITIVE));
        BacktestScore damped = backtest.run(y, new HoltWinters(7, TrendKind.DAMPED));
        BacktestScore naive = backtest.run(y, new SeasonalNaive(7));
        System.out.printf("backtest (182 points): holt-winters MAPE %.4f coverage %.3f; damped MAPE %.4f coverage "
                + "%.3f; seasonal-naive MAPE %.4f coverage %.3f%n", holtWinters.mape(), holtWinters.coverage(),
                damped.mape(), damped.coverage(), naive.mape(), naive.coverage());
        assertThat(holtWinters.origins()).isEqualTo(13);
        assertThat(holtWinters.points()).isEqualTo(182);
        assertThat(holtWinters.mape()).isLessThan(naive.mape());
        assertThat(damped.mape()).isLessThan(naive.mape());
        // a 95 % interval on 182 points: the binomial sd is 1.6 points, so [0.85, 0.995] fails only a broken model
        assertThat(holtWinters.coverage()).isBetween(0.85, 0.995);
        assertThat(damped.coverage()).isBetween(0.85, 0.995);
    }

    @Test
    void seasonalNaiveRepeatsTheLastSeasonWithWideningIntervals() {
        // history 1..6 with m = 3: seasonal differences are all 3, sigma = 3;
        // h = 1..3 repeat 4, 5, 6 with sd 3; h = 4..6 repeat them again with sd 3 * sqrt(2)
        Forecast forecast = new SeasonalNaive(3).forecast(new double[] {1, 2, 3, 4, 5, 6}, 6, 0.95);
        assertThat(forecast.means()).containsExactly(4, 5, 6, 4, 5, 6);
        double z = 1.959964;
        assertThat(forecast.points().get(0).upper() - 4).isCloseTo(z * 3, within(1e-5));
        assertThat(forecast.points().get(3).upper() - 4).isCloseTo(z * 3 * Math.sqrt(2), within(1e-5));
    }
}
