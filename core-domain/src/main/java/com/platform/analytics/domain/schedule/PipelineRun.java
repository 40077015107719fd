package com.platform.analytics.domain.schedule;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One run of a data pipeline (a scheduled job), a {@code data_pipeline_runs} row (spec 4.2.1).
 *
 * @param finishedAt null while running
 * @param processedRecords null while running; what the job counts as processed (segments refreshed, marts checked...)
 * @param parameters what the run was started with ({@code fireTime}, {@code trigger}, {@code instance}), JSON values
 * @param errorSummary null unless failed or skipped: why
 */
public record PipelineRun(UUID id, String pipelineName, PipelineRunStatus status, Instant startedAt, Instant finishedAt,
        Long processedRecords, Map<String, Object> parameters, String errorSummary) {
    /** Longest error summary kept: a summary, not a log (the log has the stack trace). */
    public static final int MAX_ERROR_SUMMARY = 2000;

    public PipelineRun {
        requireNonNull(id, "id is null");
        requireNonNull(pipelineName, "pipelineName is null");
        requireNonNull(status, "status is null");
        requireNonNull(startedAt, "startedAt is null");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(parameters, "parameters is null")));
        if (status.finished() != (finishedAt != null)) {
            throw new IllegalArgumentException("a " + status.wireName() + " run " + (status.finished() ? "has" : "has no") + " finish time");
        }
    }

    /** An error summary cut to {@link #MAX_ERROR_SUMMARY} characters (never splitting a surrogate pair). */
    public static String summary(String error) {
        if (error == null || error.length() <= MAX_ERROR_SUMMARY) {
            return error;
        }
        int end = MAX_ERROR_SUMMARY - 1;
        if (Character.isHighSurrogate(error.charAt(end - 1))) {
            end--;
        }
        return error.substring(0, end) + "…";
    }
}
