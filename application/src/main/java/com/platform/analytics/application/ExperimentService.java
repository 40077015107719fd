package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

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
    public ExperimentReport analyze(ExperimentQuery query) {
        requireNonNull(query, "query is null");
        return ExperimentAnalysis.report(query, engine.experimentTotals(query));
    }
}
