package com.platform.analytics.domain.ml.forecast;

/** A forecasting method: from a history (oldest first) to a forecast, so a backtest can run any of them. */
public interface Forecaster {
    Forecast forecast(double[] history, int horizon, double confidence);

    /** A short name for reports ("holt-winters", "seasonal-naive"). */
    String name();
}
