package com.platform.analytics.application;

import com.platform.analytics.domain.report.ReportDefinition;
import com.platform.analytics.port.out.ReportDefinitionStore;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Report definitions given once, found by id or name as the store finds them. */
final class ListedReportDefinitions implements ReportDefinitionStore {
    private final List<ReportDefinition> definitions;

    ListedReportDefinitions(ReportDefinition... definitions) {
        this.definitions = List.of(definitions);
    }

    @Override
    public List<ReportDefinition> findAll() {
        return definitions;
    }

    @Override
    public Optional<ReportDefinition> find(UUID id) {
        return definitions.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    @Override
    public Optional<ReportDefinition> findByName(String name) {
        return definitions.stream().filter(d -> d.name().equals(name)).findFirst();
    }
}
