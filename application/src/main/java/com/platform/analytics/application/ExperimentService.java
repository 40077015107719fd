package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.access.DataScope;
import com.platform.analytics.domain.analysis.experiment.ExperimentAnalysis;
import com.platform.analytics.domain.analysis.experiment.ExperimentQuery;
import com.platform.analytics.domain.analysis.experiment.ExperimentReport;
import com.platform.analytics.port.in.ExperimentUseCase;
import com.platform.analytics.port.out.ExperimentEngine;
import jakarta.inject.Inject;

/** Sufficient statistics from the warehouse, the statistics from the domain. */
public final class ExperimentService implements ExperimentUseCase {
    private final ExperimentEngine engine;

    @Inject
    public ExperimentService(ExperimentEngine engine) {
        this.engine = requireNonNull(engine, "engine is null");
    }

    @Override
    public ExperimentReport analyze(DataScope scope, ExperimentQuery query) {
        requireNonNull(scope, "scope is null");
        requireNonNull(query, "query is null");
        // an experiment key is not owned: another developer's experiment reads as one nobody was exposed to, exactly
        // like an unknown key, since the scope keeps exposures and outcomes to the caller's games
        return ExperimentAnalysis.report(query, engine.experimentTotals(scope, query));
    }
}
