/** Metric definitions, metric queries and how built-in metrics are composed from base measures. */
package com.platform.analytics.domain.metric;
