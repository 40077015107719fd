package com.platform.analytics.adapter.http;

import com.platform.analytics.domain.access.DataScope;
import com.platform.analytics.domain.analysis.experiment.ExperimentAnalysis;
import com.platform.analytics.domain.analysis.experiment.ExperimentQuery;
import com.platform.analytics.domain.analysis.experiment.ExperimentReport;
import com.platform.analytics.domain.analysis.experiment.ExperimentTotals;
import com.platform.analytics.port.in.ExperimentUseCase;
import io.vertx.core.Context;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Answers with the real domain analysis over totals a test sets, as if a warehouse had returned them. */
final class FakeExperiments implements ExperimentUseCase {
    final List<ExperimentQuery> queries = new CopyOnWriteArrayList<>();
    final List<DataScope> scopes = new CopyOnWriteArrayList<>();
    final List<Boolean> onEventLoop = new CopyOnWriteArrayList<>();
    volatile ExperimentTotals totals = new ExperimentTotals(List.of(), 0, "SELECT 1");

    @Override
    public ExperimentReport analyze(DataScope scope, ExperimentQuery query) {
        scopes.add(scope);
        queries.add(query);
        onEventLoop.add(Context.isOnEventLoopThread());
        return ExperimentAnalysis.report(query, totals);
    }
}
