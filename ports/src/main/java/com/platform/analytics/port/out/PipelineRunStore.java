package com.platform.analytics.port.out;

import com.platform.analytics.domain.schedule.PipelineRun;
import com.platform.analytics.domain.schedule.PipelineRunFilter;
import com.platform.analytics.domain.schedule.PipelineRunKey;
import com.platform.analytics.domain.schedule.PipelineRunStatus;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The record of pipeline runs ({@code data_pipeline_runs}): a run is started (status running) and finished once.
 * Failures of the store are AnalyticsException STORAGE_UNAVAILABLE.
 */
public interface PipelineRunStore {
    /**
     * Records a run that starts now.
     *
     * @param parameters JSON values (strings, numbers, booleans, lists, maps)
     * @return the run's id
     */
    UUID start(String pipelineName, Instant startedAt, Map<String, Object> parameters);

    /**
     * Records how a running run ended; a run already finished (or unknown) is left as it is.
     *
     * @param status a finished status (not RUNNING)
     * @param errorSummary null when it succeeded; cut to {@link PipelineRun#MAX_ERROR_SUMMARY} characters
     * @return whether the run was running and is now finished
     */
    boolean finish(UUID id, PipelineRunStatus status, Instant finishedAt, long processedRecords, String errorSummary);

    Optional<PipelineRun> find(UUID id);

    /**
     * Records that the running runs are still going (their instance is alive): every few seconds while they run.
     * Runs not running any more are left as they are.
     */
    void heartbeat(Collection<UUID> ids, Instant at);

    /**
     * Marks failed every run still running whose latest beat (or start, without beat) is before {@code beatBefore}:
     * its instance stopped without finishing it.
     *
     * @return the runs so marked
     */
    int failAbandoned(Instant beatBefore, Instant at, String errorSummary);

    /**
     * Runs passing {@code filter}, newest first ({@link PipelineRunKey#NEWEST_FIRST}), after {@code after} when given,
     * at most {@code limit}.
     */
    List<PipelineRun> list(PipelineRunFilter filter, Optional<PipelineRunKey> after, int limit);
}
