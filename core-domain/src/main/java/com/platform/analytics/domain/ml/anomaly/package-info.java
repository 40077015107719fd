/**
 * Unsupervised anomaly scores for payments and users (fraud): an isolation forest over several features and a
 * robust z-score (median and MAD) for a single one. Both are deterministic for a given seed and input, so a score
 * that raised an alert can be reproduced.
 */
package com.platform.analytics.domain.ml.anomaly;
