package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.schedule.PipelineRun;
import com.platform.analytics.domain.schedule.PipelineRunFilter;
import com.platform.analytics.domain.schedule.PipelineRunKey;
import com.platform.analytics.port.in.PipelineRunsUseCase;
import com.platform.analytics.port.out.PipelineRunStore;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/** {@link PipelineRunsUseCase} over the {@link PipelineRunStore}. */
public final class PipelineRunsService implements PipelineRunsUseCase {
    public static final int MAX_LIMIT = 500;
    private final PipelineRunStore store;

    @Inject
    public PipelineRunsService(PipelineRunStore store) {
        this.store = requireNonNull(store, "store is null");
    }

    @Override
    public List<PipelineRun> runs(PipelineRunFilter filter, Optional<PipelineRunKey> after, int limit) {
        requireNonNull(filter, "filter is null");
        requireNonNull(after, "after is null");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", got " + limit);
        }
        return store.list(filter, after, limit);
    }
}
