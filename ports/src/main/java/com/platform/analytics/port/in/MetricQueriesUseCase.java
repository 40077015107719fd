package com.platform.analytics.port.in;

import com.platform.analytics.domain.access.DataScope;
import com.platform.analytics.domain.metric.MetricDefinition;
import com.platform.analytics.domain.metric.MetricValues;
import com.platform.analytics.domain.metric.MetricValuesQuery;
import java.util.List;

/** Metric definitions and values. */
public interface MetricQueriesUseCase {
    List<MetricDefinition> definitions();

    /** @throws com.platform.analytics.domain.error.AnalyticsException {@code METRIC_DEFINITION_NOT_FOUND} */
    MetricDefinition definition(String name);

    /**
     * The metric's values over what {@code scope} may read (a developer: their games only, inside the query).
     *
     * @throws com.platform.analytics.domain.error.AnalyticsException {@code METRIC_DEFINITION_NOT_FOUND};
     *     {@code ACCESS_DENIED_TO_RESOURCE} when the query names another developer or a game not in the scope
     */
    MetricValues values(MetricValuesQuery query, DataScope scope);
}
