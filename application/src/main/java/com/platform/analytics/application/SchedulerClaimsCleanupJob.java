package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.schedule.CronSchedule;
import com.platform.analytics.domain.schedule.Job;
import com.platform.analytics.port.out.JobLock;
import java.time.Duration;
import java.time.Instant;

/**
 * Daily: forgets the scheduler's claims of fire times older than {@link #KEEP} (each job's latest stays, where a
 * starting scheduler looks for missed runs); a per-minute job claims 1,440 fire times a day, which would otherwise pile
 * up for ever. The pipeline runs themselves are the record and are kept. Processed: the claims forgotten.
 */
public final class SchedulerClaimsCleanupJob implements ScheduledJob {
    public static final String NAME = "scheduler_claims_cleanup";
    static final Duration KEEP = Duration.ofDays(30);

    private final Job job;
    private final JobLock lock;

    public SchedulerClaimsCleanupJob(JobLock lock) {
        this(new Job(NAME, CronSchedule.parse("41 4 * * *")), lock);
    }

    public SchedulerClaimsCleanupJob(Job job, JobLock lock) {
        this.job = requireNonNull(job, "job is null");
        this.lock = requireNonNull(lock, "lock is null");
    }

    @Override
    public Job job() {
        return job;
    }

    @Override
    public long run(Instant fireTime) {
        return lock.forgetClaimsBefore(fireTime.minus(KEEP));
    }
}
