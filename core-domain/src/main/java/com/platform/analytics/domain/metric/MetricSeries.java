package com.platform.analytics.domain.metric;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The values of one dimension combination, a point for every bucket of the range. A point's value is null
 * where the metric is undefined (an average over no sessions, a ratio over no users).
 *
 * @param dimensions dimension field name to value (null where the events do not carry it); empty with no
 *     breakdown
 */
public record MetricSeries(Map<String, String> dimensions, List<Point> points) {
    public MetricSeries {
        dimensions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(dimensions));
        points = List.copyOf(points);
    }

    /** One bucket's value. */
    public record Point(LocalDate bucket, BigDecimal value) {
    }
}
