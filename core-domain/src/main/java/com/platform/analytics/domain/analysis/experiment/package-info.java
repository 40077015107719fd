/**
 * A/B experiment analysis (KPI_DEFINITIONS.md, Experiments): the query, the per-variant sufficient statistics the
 * warehouse returns, and the statistics computed from them here in plain Java: the two-proportion z-test, Welch's
 * t-test, the sample-ratio-mismatch chi-square check and the Bayesian probability to beat control, with the special
 * functions they need (regularized incomplete gamma and beta, normal and Student t distributions).
 */
package com.platform.analytics.domain.analysis.experiment;
