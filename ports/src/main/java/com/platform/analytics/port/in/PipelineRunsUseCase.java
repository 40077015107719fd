package com.platform.analytics.port.in;

import com.platform.analytics.domain.schedule.PipelineRun;
import com.platform.analytics.domain.schedule.PipelineRunFilter;
import com.platform.analytics.domain.schedule.PipelineRunKey;
import java.util.List;
import java.util.Optional;

/** The runs of the data pipelines (scheduled jobs), for operators ({@code GET /pipelines/runs}). */
public interface PipelineRunsUseCase {
    /** Runs passing {@code filter}, newest first, after {@code after} when given, at most {@code limit} (1..500). */
    List<PipelineRun> runs(PipelineRunFilter filter, Optional<PipelineRunKey> after, int limit);
}
