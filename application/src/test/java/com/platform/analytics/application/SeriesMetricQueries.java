package com.platform.analytics.application;

import com.platform.analytics.domain.access.DataScope;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.metric.MetricDefinition;
import com.platform.analytics.domain.metric.MetricSeries;
import com.platform.analytics.domain.metric.MetricValues;
import com.platform.analytics.domain.metric.MetricValuesQuery;
import com.platform.analytics.port.in.MetricQueriesUseCase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Metric queries answered from daily series held in memory: each query gets the points of its range (as the warehouse
 * would answer it, nothing after the range's end). Queries and their scopes are recorded.
 */
final class SeriesMetricQueries implements MetricQueriesUseCase {
    /** Metric name to its series (one per dimension combination). */
    final Map<String, List<MetricSeries>> series = new HashMap<>();
    final List<MetricValuesQuery> queries = new ArrayList<>();
    final List<DataScope> scopes = new ArrayList<>();
    /** Metrics whose values fail, as a warehouse that is down would. */
    final List<String> failing = new ArrayList<>();

    @Override
    public List<MetricDefinition> definitions() {
        return series.keySet().stream().map(SeriesMetricQueries::definitionOf).toList();
    }

    @Override
    public MetricDefinition definition(String name) {
        if (!series.containsKey(name)) {
            throw new AnalyticsException(ErrorCode.METRIC_DEFINITION_NOT_FOUND, "no metric " + name);
        }
        return definitionOf(name);
    }

    @Override
    public synchronized MetricValues values(MetricValuesQuery query, DataScope scope) {
        queries.add(query);
        scopes.add(scope);
        if (failing.contains(query.metricName())) {
            throw new AnalyticsException(ErrorCode.STORAGE_UNAVAILABLE, "the warehouse is down");
        }
        List<MetricSeries> out = new ArrayList<>();
        for (MetricSeries s : series.getOrDefault(query.metricName(), List.of())) {
            out.add(new MetricSeries(s.dimensions(), s.points().stream()
                    .filter(p -> !p.bucket().isBefore(query.from()) && !p.bucket().isAfter(query.to())).toList()));
        }
        return new MetricValues(query, "users", out);
    }

    private static MetricDefinition definitionOf(String name) {
        return new MetricDefinition(UUID.nameUUIDFromBytes(name.getBytes()), name, name, name, null, null, "gauge",
                "count_distinct", null, null, null, List.of("platform", "country"), "daily", "users", false,
                "analytics-service", List.of(), Instant.EPOCH, Instant.EPOCH);
    }
}
