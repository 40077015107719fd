package com.platform.analytics.adapter.http;

import com.platform.analytics.domain.access.DataScope;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.metric.MetricDefinition;
import com.platform.analytics.domain.metric.MetricValues;
import com.platform.analytics.domain.metric.MetricValuesQuery;
import com.platform.analytics.port.in.MetricQueriesUseCase;
import io.vertx.core.Context;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** Serves the definitions the test set, answers values with the test's function, and records calls. */
final class FakeMetricQueries implements MetricQueriesUseCase {
    final List<DataScope> scopes = new java.util.concurrent.CopyOnWriteArrayList<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<MetricValuesQuery> valueQueries = new CopyOnWriteArrayList<>();
    final List<Boolean> onEventLoop = new CopyOnWriteArrayList<>();
    volatile List<MetricDefinition> definitions = List.of();
    volatile Function<MetricValuesQuery, MetricValues> values = q -> new MetricValues(q, "users", List.of());

    @Override
    public List<MetricDefinition> definitions() {
        record("definitions");
        return definitions;
    }

    @Override
    public MetricDefinition definition(String name) {
        record("definition " + name);
        return definitions.stream()
                .filter(d -> d.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AnalyticsException(ErrorCode.METRIC_DEFINITION_NOT_FOUND,
                        "No metric definition named '" + name + "'"));
    }

    @Override
    public MetricValues values(MetricValuesQuery query, DataScope scope) {
        record("values " + query.metricName());
        scopes.add(scope);
        valueQueries.add(query);
        return values.apply(query);
    }

    private void record(String call) {
        calls.add(call);
        onEventLoop.add(Context.isOnEventLoopThread());
    }
}
