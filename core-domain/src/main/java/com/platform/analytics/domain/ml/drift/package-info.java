/**
 * Model monitoring: how far today's inputs or predictions have moved from those a model was trained on, measured by
 * the population stability index over bins cut at the reference's quantiles, with the usual reading
 * (below 0.1 stable, up to 0.25 moderate, above a shift worth an alert).
 */
package com.platform.analytics.domain.ml.drift;
