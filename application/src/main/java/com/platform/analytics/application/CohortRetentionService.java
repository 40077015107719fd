package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.access.DataScope;
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
    public CohortRetentionResult retention(DataScope scope, CohortRetentionQuery query) {
        // the request names no game or developer: the scope alone, a condition of the query, keeps it to the caller's data
        return engine.retention(requireNonNull(scope, "scope is null"), requireNonNull(query, "query is null"));
    }
}
