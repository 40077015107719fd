/**
 * Alerts: rules over a metric (threshold, relative change against a baseline, seasonal anomaly), their pure
 * evaluation over a metric series, and the de-duplication that turns evaluations into alert events (a persisting
 * condition fires once, then resolves).
 */
package com.platform.analytics.domain.alert;
