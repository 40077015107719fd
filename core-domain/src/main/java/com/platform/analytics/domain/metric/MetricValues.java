package com.platform.analytics.domain.metric;

import java.util.List;

/** A metric's values for a query: one series per dimension combination (one with no dimensions). */
public record MetricValues(MetricValuesQuery query, String unit, List<MetricSeries> series) {
    public MetricValues {
        series = List.copyOf(series);
    }
}
