/**
 * Operational metrics and health, for operators (spec 11.2).
 *
 * <p>{@link com.platform.analytics.adapter.metrics.PrometheusOperationalMetrics} is the {@code OperationalMetrics}
 * port over the Prometheus Java client: the spec's counters, histograms and gauges, the JVM's own metrics, and a guard
 * that folds label values beyond a bound into {@code other} so a bug upstream cannot explode the series count.
 *
 * <p>{@link com.platform.analytics.adapter.metrics.ManagementServer} serves them on a management address of its own,
 * apart from the API: {@code GET /metrics} (Prometheus text 0.0.4, or OpenMetrics when the scraper asks),
 * {@code GET /health/live} and {@code GET /health/ready}, the latter from the registered {@code ReadinessCheck}s,
 * each evaluated with a time limit.
 *
 * <p>The Prometheus client lives here and nowhere else: no {@code io.prometheus} type appears in a public signature.
 */
package com.platform.analytics.adapter.metrics;
