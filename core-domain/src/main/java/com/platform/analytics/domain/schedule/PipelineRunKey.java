package com.platform.analytics.domain.schedule;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Comparator;
import java.util.UUID;

/**
 * A place in the list of runs, newest first: runs are ordered by start time, then id, both descending, and a page
 * continues after the key of the last run of the previous page. Ids compare as their text (unsigned bytes, as PostgreSQL
 * orders uuid), not by {@link UUID#compareTo}, which compares signed halves. Unlike an offset it does not shift when new runs
 * start while a client pages through.
 */
public record PipelineRunKey(Instant startedAt, UUID id) {
    /** Newest first: the order of the list. */
    public static final Comparator<PipelineRun> NEWEST_FIRST = Comparator.comparing(PipelineRun::startedAt)
            .thenComparing(run -> run.id().toString()).reversed();

    public PipelineRunKey {
        requireNonNull(startedAt, "startedAt is null");
        requireNonNull(id, "id is null");
    }

    public static PipelineRunKey of(PipelineRun run) {
        return new PipelineRunKey(run.startedAt(), run.id());
    }

    /** Whether {@code run} comes after this key in the list. */
    public boolean precedes(PipelineRun run) {
        int byTime = run.startedAt().compareTo(startedAt);
        return byTime < 0 || byTime == 0 && run.id().toString().compareTo(id.toString()) < 0;
    }
}
