package com.platform.analytics.port.out;

import com.platform.analytics.domain.metric.MetricDefinition;
import java.util.List;
import java.util.Optional;

/** Metric definitions in the metadata store. */
public interface MetricDefinitionStore {
    List<MetricDefinition> findAll();

    Optional<MetricDefinition> findByName(String name);
}
