package com.platform.analytics.adapter.http;

import com.platform.analytics.domain.access.DataScope;
import com.platform.analytics.domain.analysis.paths.PathsQuery;
import com.platform.analytics.domain.analysis.paths.PathsResult;
import com.platform.analytics.port.in.PathsUseCase;
import io.vertx.core.Context;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** Answers with the test's function and records the scopes and queries it got and whether on an event loop. */
final class FakePaths implements PathsUseCase {
    final List<PathsQuery> queries = new CopyOnWriteArrayList<>();
    final List<DataScope> scopes = new CopyOnWriteArrayList<>();
    final List<Boolean> onEventLoop = new CopyOnWriteArrayList<>();
    volatile Function<PathsQuery, PathsResult> answer = q -> new PathsResult(List.of(), List.of(), "SELECT 1");

    @Override
    public PathsResult paths(DataScope scope, PathsQuery query) {
        scopes.add(scope);
        queries.add(query);
        onEventLoop.add(Context.isOnEventLoopThread());
        return answer.apply(query);
    }
}
