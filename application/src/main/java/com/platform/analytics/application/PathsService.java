package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.access.DataScope;
import com.platform.analytics.domain.analysis.paths.PathsQuery;
import com.platform.analytics.domain.analysis.paths.PathsResult;
import com.platform.analytics.port.in.PathsUseCase;
import com.platform.analytics.port.out.PathsEngine;
import jakarta.inject.Inject;

/** User paths, computed whole in the warehouse (one query), so it stays as fast as the engine. */
public final class PathsService implements PathsUseCase {
    private final PathsEngine engine;

    @Inject
    public PathsService(PathsEngine engine) {
        this.engine = requireNonNull(engine, "engine is null");
    }

    @Override
    public PathsResult paths(DataScope scope, PathsQuery query) {
        // the request names no game or developer: the scope alone, a condition of the query, keeps it to the caller's data
        return engine.paths(requireNonNull(scope, "scope is null"), requireNonNull(query, "query is null"));
    }
}
