package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.access.AccessPolicy;
import com.platform.analytics.domain.access.DataScope;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.metric.BuiltInMetric;
import com.platform.analytics.domain.metric.MetricCalculator;
import com.platform.analytics.domain.metric.MetricDefinition;
import com.platform.analytics.domain.metric.MetricValues;
import com.platform.analytics.domain.metric.MetricValuesQuery;
import com.platform.analytics.port.in.MetricQueriesUseCase;
import com.platform.analytics.port.out.GameCatalog;
import com.platform.analytics.port.out.MeasureEngine;
import com.platform.analytics.port.out.MetricDefinitionStore;
import jakarta.inject.Inject;
import java.util.List;

/** Metric definitions from the metadata store; values computed in the warehouse and composed by the domain. */
public final class MetricQueryService implements MetricQueriesUseCase {
    private final MetricDefinitionStore definitions;
    private final MetricCalculator calculator;
    private final GameCatalog games;
    private final AccessPolicy policy;

    @Inject
    public MetricQueryService(MetricDefinitionStore definitions, MeasureEngine engine, GameCatalog games, AccessPolicy policy) {
        this.definitions = requireNonNull(definitions, "definitions is null");
        this.calculator = new MetricCalculator(requireNonNull(engine, "engine is null")::measure);
        this.games = requireNonNull(games, "games is null");
        this.policy = requireNonNull(policy, "policy is null");
    }

    @Override
    public List<MetricDefinition> definitions() {
        return definitions.findAll();
    }

    @Override
    public MetricDefinition definition(String name) {
        return definitions.findByName(name).orElseThrow(() -> notFound(name));
    }

    @Override
    public MetricValues values(MetricValuesQuery query, DataScope scope) {
        MetricDefinition definition = definition(query.metricName());
        MetricValuesQuery scoped = query.within(scope, games::developerOf, policy);
        BuiltInMetric metric = BuiltInMetric.byName(definition.name()).orElseThrow(() -> new AnalyticsException(
                ErrorCode.DATA_NOT_YET_AVAILABLE, "metric '" + definition.name() + "' is defined but this version computes only the built-in metrics"));
        return calculator.compute(metric, scoped);
    }

    private static AnalyticsException notFound(String name) {
        return new AnalyticsException(ErrorCode.METRIC_DEFINITION_NOT_FOUND, "no metric definition named '" + name + "'");
    }
}
