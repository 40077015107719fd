/**
 * The inputs of the built-in models as the warehouse computes them (issue 7): churn feature rows with their labels,
 * daily net revenue series, user-game interactions and payment features. Every feature is defined here, once, in
 * words the warehouse's SQL and its tests both follow; a feature of a date D uses only events before D (UTC), so a
 * model trained on it never sees its own label.
 */
package com.platform.analytics.domain.ml.features;
