package com.platform.analytics.port.out;

import com.platform.analytics.domain.report.ReportDefinition;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The {@code report_definitions} of the metadata store. */
public interface ReportDefinitionStore {
    List<ReportDefinition> findAll();

    Optional<ReportDefinition> find(UUID id);

    Optional<ReportDefinition> findByName(String name);
}
