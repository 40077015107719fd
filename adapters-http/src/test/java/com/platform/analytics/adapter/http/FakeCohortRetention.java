package com.platform.analytics.adapter.http;

import com.platform.analytics.domain.access.DataScope;
import com.platform.analytics.domain.analysis.retention.CohortRetentionQuery;
import com.platform.analytics.domain.analysis.retention.CohortRetentionResult;
import com.platform.analytics.port.in.CohortRetentionUseCase;
import io.vertx.core.Context;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** Answers with the test's function and records the scopes and queries it got and whether on an event loop. */
final class FakeCohortRetention implements CohortRetentionUseCase {
    final List<CohortRetentionQuery> queries = new CopyOnWriteArrayList<>();
    final List<DataScope> scopes = new CopyOnWriteArrayList<>();
    final List<Boolean> onEventLoop = new CopyOnWriteArrayList<>();
    volatile Function<CohortRetentionQuery, CohortRetentionResult> answer = q -> new CohortRetentionResult(List.of(), "SELECT 1");

    @Override
    public CohortRetentionResult retention(DataScope scope, CohortRetentionQuery query) {
        scopes.add(scope);
        queries.add(query);
        onEventLoop.add(Context.isOnEventLoopThread());
        return answer.apply(query);
    }
}
