package com.platform.analytics.domain.ml.forecast;

import static java.util.Objects.requireNonNull;

/**
 * How a forecaster did in a backtest: MAPE over every forecast point with a non-zero actual (a fraction), the share
 * of actuals inside their prediction interval, the number of forecast origins and of forecast points scored.
 */
public record BacktestScore(String forecaster, double mape, double coverage, int origins, int points) {
    public BacktestScore {
        requireNonNull(forecaster, "forecaster is null");
        if (origins < 0 || points < 0) {
            throw new IllegalArgumentException("origins and points must not be negative");
        }
    }
}
