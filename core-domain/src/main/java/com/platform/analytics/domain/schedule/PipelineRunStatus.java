package com.platform.analytics.domain.schedule;

import java.util.Arrays;
import java.util.Optional;

/**
 * Where a pipeline run is. {@link #SKIPPED} is a fire time that was claimed but not run (the job's previous run was
 * still in progress), so every claimed fire time leaves a row.
 */
public enum PipelineRunStatus {
    RUNNING("running"),
    SUCCEEDED("succeeded"),
    FAILED("failed"),
    SKIPPED("skipped");

    private final String wireName;

    PipelineRunStatus(String wireName) {
        this.wireName = wireName;
    }

    /** As in the API ({@code ?status=} and the run documents). */
    public String wireName() {
        return wireName;
    }

    public boolean finished() {
        return this != RUNNING;
    }

    public static Optional<PipelineRunStatus> fromWireName(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
    }
}
