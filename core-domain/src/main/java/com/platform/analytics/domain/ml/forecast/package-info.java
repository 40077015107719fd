/**
 * Forecasting daily series with weekly seasonality: the robust trend-and-season forecaster the sales forecast uses
 * ({@link com.platform.analytics.domain.ml.forecast.RobustTrendSeason}: shrunk median weekday indices, a Theil–Sen
 * trend, combined with seasonal-naive, its choices made by an inner rolling origin on the history); additive
 * Holt-Winters (level, optional or damped trend, seasonal period) fitted by minimising the one-step squared error, with
 * analytic prediction intervals; the seasonal-naive baseline both have to beat; a rolling-origin backtest that scores
 * them by MAPE and interval coverage; and {@link com.platform.analytics.domain.ml.forecast.ForecastModel}, a fitted
 * model as it is stored. Everything is deterministic: the same series gives the same model and the same forecast.
 */
package com.platform.analytics.domain.ml.forecast;
