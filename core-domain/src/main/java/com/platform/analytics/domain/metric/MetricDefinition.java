package com.platform.analytics.domain.metric;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A metric as users read about it (spec 4.2.1, {@code metric_definitions}).
 *
 * @param filters event-data filters the metric applies, as a JSON object tree
 */
public record MetricDefinition(
        UUID id,
        String name,
        String displayNameRu,
        String displayNameEn,
        String descriptionRu,
        String descriptionEn,
        String metricType,
        String calculationMethod,
        String sourceEventType,
        String valueField,
        Map<String, Object> filters,
        List<String> dimensions,
        String granularity,
        String unit,
        boolean realtime,
        String ownerService,
        List<String> tags,
        Instant createdAt,
        Instant updatedAt) {

    public MetricDefinition {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(displayNameRu, "displayNameRu is null");
        requireNonNull(metricType, "metricType is null");
        requireNonNull(calculationMethod, "calculationMethod is null");
        requireNonNull(granularity, "granularity is null");
        filters = filters == null ? Map.of() : filters;
        dimensions = dimensions == null ? List.of() : List.copyOf(dimensions);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
