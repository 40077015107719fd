/**
 * How the built-in models are judged: ROC AUC, log-loss, Brier score and a calibration table for classifiers,
 * precision@k and recall@k for recommendations, MAPE and prediction-interval coverage for forecasts. Each metric is
 * a plain function of arrays, so the same code scores a candidate and its baseline on the same holdout.
 */
package com.platform.analytics.domain.ml.evaluation;
