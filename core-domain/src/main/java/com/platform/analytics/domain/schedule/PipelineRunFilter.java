package com.platform.analytics.domain.schedule;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * Which runs to list: by pipeline name, status, and start time in {@code [from, to)}; every part optional.
 */
public record PipelineRunFilter(Optional<String> pipelineName, Optional<PipelineRunStatus> status,
        Optional<Instant> from, Optional<Instant> to) {
    public static final PipelineRunFilter ALL = new PipelineRunFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public PipelineRunFilter {
        requireNonNull(pipelineName, "pipelineName is null");
        requireNonNull(status, "status is null");
        requireNonNull(from, "from is null");
        requireNonNull(to, "to is null");
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            throw new IllegalArgumentException("from must be before to, got " + from.get() + " and " + to.get());
        }
    }

    /** Whether {@code run} passes (what a store's query must agree with). */
    public boolean accepts(PipelineRun run) {
        return pipelineName.map(run.pipelineName()::equals).orElse(true)
                && status.map(s -> s == run.status()).orElse(true)
                && from.map(f -> !run.startedAt().isBefore(f)).orElse(true)
                && to.map(t -> run.startedAt().isBefore(t)).orElse(true);
    }
}
