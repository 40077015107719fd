package com.platform.analytics.application;

import com.platform.analytics.domain.schedule.Job;
import java.time.Instant;

/** Work the {@link JobScheduler} runs on a schedule; each run is recorded as a pipeline run named after the job. */
public interface ScheduledJob {
    /** Its name, schedule and missed-run policy. */
    Job job();

    /**
     * Runs once for {@code fireTime} (the scheduled time, not the moment it actually starts).
     *
     * @return how many records it processed (its own unit: segments refreshed, marts checked, rows written...)
     * @throws JobRunFailure to report a failure together with what was processed before it; any other exception
     *     is a failure with nothing processed
     */
    long run(Instant fireTime) throws Exception;
}
