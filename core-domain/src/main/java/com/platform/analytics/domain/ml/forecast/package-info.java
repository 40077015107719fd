/**
 * Forecasting daily series with weekly seasonality: additive Holt-Winters (level, optional or damped trend,
 * seasonal period) fitted by minimising the one-step squared error, with analytic prediction intervals; the
 * seasonal-naive baseline it has to beat; and a rolling-origin backtest that scores both by MAPE and interval
 * coverage. Everything is deterministic: the same series gives the same model and the same forecast.
 */
package com.platform.analytics.domain.ml.forecast;
