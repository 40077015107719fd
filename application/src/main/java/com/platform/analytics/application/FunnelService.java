package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.analysis.funnel.FunnelQuery;
import com.platform.analytics.domain.analysis.funnel.FunnelResult;
import com.platform.analytics.port.in.FunnelUseCase;
import com.platform.analytics.port.out.FunnelEngine;
import jakarta.inject.Inject;

/** Funnels: the request is validated when parsed, and the warehouse computes the whole funnel in one query. */
public final class FunnelService implements FunnelUseCase {
    private final FunnelEngine engine;

    @Inject
    public FunnelService(FunnelEngine engine) {
        this.engine = requireNonNull(engine, "engine is null");
    }

    @Override
    public FunnelResult funnel(FunnelQuery query) {
        return engine.funnel(requireNonNull(query, "query is null"));
    }
}
