package com.platform.analytics.port.in;

import com.platform.analytics.domain.metric.MetricDefinition;
import com.platform.analytics.domain.metric.MetricValues;
import com.platform.analytics.domain.metric.MetricValuesQuery;
import java.util.List;

/** Metric definitions and values. */
public interface MetricQueriesUseCase {
    List<MetricDefinition> definitions();

    /** @throws com.platform.analytics.domain.error.AnalyticsException {@code METRIC_DEFINITION_NOT_FOUND} */
    MetricDefinition definition(String name);

    /** @throws com.platform.analytics.domain.error.AnalyticsException {@code METRIC_DEFINITION_NOT_FOUND} */
    MetricValues values(MetricValuesQuery query);
}
