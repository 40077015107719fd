/**
 * Predictive analytics (spec 1.2, 2.3.5, 3.1.4, issue 7): the model registry's records (versions, stages and their
 * changes), the signature a model is served by (named features, validated before a model sees them) and what a
 * prediction answers.
 */
package com.platform.analytics.domain.ml;
