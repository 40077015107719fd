package com.platform.analytics.adapter.grpc;

import com.platform.analytics.domain.access.DataScope;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.metric.MetricDefinition;
import com.platform.analytics.domain.metric.MetricSeries;
import com.platform.analytics.domain.metric.MetricValues;
import com.platform.analytics.domain.metric.MetricValuesQuery;
import com.platform.analytics.port.in.MetricQueriesUseCase;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Answers by metric name: {@code dau} a value per bucket of the query (one undefined), {@code slow} the same after
 * {@link #slowMillis}, {@code storage_down} a STORAGE_UNAVAILABLE whose detail is the service's insides,
 * {@code crash} an unexpected exception; any other name is not defined. Records every query it gets.
 */
final class FakeMetricQueries implements MetricQueriesUseCase {
    final List<DataScope> scopes = new java.util.concurrent.CopyOnWriteArrayList<>();
    static final String SECRET_DETAIL = "engine said: Code 210 at 10.0.0.7:9000 running SELECT secret_column";

    final List<MetricValuesQuery> queries = new CopyOnWriteArrayList<>();
    volatile long slowMillis = 0;

    @Override
    public List<MetricDefinition> definitions() {
        return List.of();
    }

    @Override
    public MetricDefinition definition(String name) {
        throw new AnalyticsException(ErrorCode.METRIC_DEFINITION_NOT_FOUND, "no metric named " + name);
    }

    @Override
    public MetricValues values(MetricValuesQuery query, DataScope scope) {
        scopes.add(scope);
        queries.add(query);
        switch (query.metricName()) {
            case "dau" -> {
                return answer(query);
            }
            case "slow" -> {
                try {
                    Thread.sleep(slowMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return answer(query);
            }
            case "storage_down" -> throw new AnalyticsException(ErrorCode.STORAGE_UNAVAILABLE, SECRET_DETAIL);
            case "crash" -> throw new IllegalStateException(SECRET_DETAIL);
            default -> throw new AnalyticsException(ErrorCode.METRIC_DEFINITION_NOT_FOUND,
                    "no metric definition named " + query.metricName());
        }
    }

    private static MetricValues answer(MetricValuesQuery query) {
        List<MetricSeries.Point> points = new ArrayList<>();
        int i = 0;
        for (var day = query.from(); !day.isAfter(query.to()); day = day.plusDays(1), i++) {
            // the second day is undefined (a ratio over no users): it must stay absent, not become 0
            points.add(new MetricSeries.Point(day, i == 1 ? null : new BigDecimal("0.125").add(BigDecimal.valueOf(i))));
        }
        Map<String, String> dimensions = new LinkedHashMap<>();
        dimensions.put("platform", "pc");
        dimensions.put("country", null);
        return new MetricValues(query, "users", List.of(new MetricSeries(dimensions, points)));
    }
}
