package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.analysis.retention.CohortRetentionQuery;
import com.platform.analytics.domain.analysis.retention.CohortRetentionResult;
import com.platform.analytics.port.in.CohortRetentionUseCase;
import com.platform.analytics.port.out.CohortRetentionEngine;
import jakarta.inject.Inject;

/** Cohort retention, computed whole in the warehouse (one query), so it stays as fast as the engine. */
public final class CohortRetentionService implements CohortRetentionUseCase {
    private final CohortRetentionEngine engine;

    @Inject
    public CohortRetentionService(CohortRetentionEngine engine) {
        this.engine = requireNonNull(engine, "engine is null");
    }

    @Override
    public CohortRetentionResult retention(CohortRetentionQuery query) {
        return engine.retention(requireNonNull(query, "query is null"));
    }
}
