package com.platform.analytics.domain.ml.forecast;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.ml.evaluation.ForecastMetrics;
import java.util.Arrays;

/**
 * Rolling-origin evaluation (time-series cross-validation, fpp2 3.4): fit on the first {@code initialTraining}
 * observations, forecast the next {@code horizon}, move the origin on by {@code step}, refit, and so on while a full
 * horizon of actuals remains. Every forecast point of every origin is pooled into one MAPE and one coverage, so a
 * forecaster is judged on the same points as its baseline.
 */
public record Backtest(int initialTraining, int horizon, int step, double confidence) {
    public Backtest {
        if (initialTraining < 1 || horizon < 1 || step < 1) {
            throw new IllegalArgumentException("initialTraining, horizon and step must be at least 1");
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must lie strictly between 0 and 1, was " + confidence);
        }
    }

    public BacktestScore run(double[] series, Forecaster forecaster) {
        requireNonNull(series, "series is null");
        requireNonNull(forecaster, "forecaster is null");
        if (series.length < initialTraining + horizon) {
            throw new IllegalArgumentException("a backtest needs at least " + (initialTraining + horizon)
                    + " observations, got " + series.length);
        }
        int origins = (series.length - horizon - initialTraining) / step + 1;
        double[] actual = new double[origins * horizon];
        double[] mean = new double[actual.length];
        double[] lower = new double[actual.length];
        double[] upper = new double[actual.length];
        for (int o = 0; o < origins; o++) {
            int origin = initialTraining + o * step;
            Forecast forecast = forecaster.forecast(Arrays.copyOf(series, origin), horizon, confidence);
            for (int h = 0; h < horizon; h++) {
                int at = o * horizon + h;
                actual[at] = series[origin + h];
                ForecastPoint point = forecast.points().get(h);
                mean[at] = point.mean();
                lower[at] = point.lower();
                upper[at] = point.upper();
            }
        }
        return new BacktestScore(forecaster.name(), ForecastMetrics.mape(actual, mean),
                ForecastMetrics.intervalCoverage(actual, lower, upper), origins, actual.length);
    }
}
