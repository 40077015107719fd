package com.platform.analytics.domain.report;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.json.Json;
import java.util.List;
import java.util.Map;

/**
 * The config of a {@code pre_aggregated_metrics} report: {@code {"metric":"dau","dimensions":["platform"],
 * "granularity":"day"}}. Its period is the parameters {@code from} and {@code to} (dates) of the definition.
 */
public record MetricReportConfig(String metric, List<String> dimensions, String granularity) {
    public MetricReportConfig {
        requireNonNull(metric, "metric is null");
        dimensions = List.copyOf(dimensions);
        requireNonNull(granularity, "granularity is null");
    }

    public static MetricReportConfig parse(String json) {
        Map<String, Object> config;
        try {
            config = Json.parseObject(json);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the metric report config is not a JSON object: " + e.getMessage(), e);
        }
        if (!(config.get("metric") instanceof String metric) || metric.isBlank()) {
            throw new IllegalArgumentException("the metric report config names no metric");
        }
        Object dims = config.getOrDefault("dimensions", List.of());
        if (!(dims instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            throw new IllegalArgumentException("the metric report config's dimensions are not a list of names");
        }
        Object g = config.getOrDefault("granularity", "day");
        if (!(g instanceof String granularity)) {
            throw new IllegalArgumentException("the metric report config's granularity is not a string");
        }
        return new MetricReportConfig(metric, list.stream().map(String.class::cast).toList(), granularity);
    }
}
