package com.platform.analytics.adapter.http;

import com.platform.analytics.domain.access.DataScope;
import com.platform.analytics.domain.analysis.funnel.FunnelQuery;
import com.platform.analytics.domain.analysis.funnel.FunnelResult;
import com.platform.analytics.port.in.FunnelUseCase;
import io.vertx.core.Context;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** Answers funnels with the test's function and records the scopes and queries and whether they ran on the event loop. */
final class FakeFunnels implements FunnelUseCase {
    final List<FunnelQuery> queries = new CopyOnWriteArrayList<>();
    final List<DataScope> scopes = new CopyOnWriteArrayList<>();
    final List<Boolean> onEventLoop = new CopyOnWriteArrayList<>();
    volatile Function<FunnelQuery, FunnelResult> answer = q -> FunnelResult.of(q, List.of(), "SELECT 1");

    @Override
    public FunnelResult funnel(DataScope scope, FunnelQuery query) {
        scopes.add(scope);
        queries.add(query);
        onEventLoop.add(Context.isOnEventLoopThread());
        return answer.apply(query);
    }
}
