package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.schedule.CronSchedule;
import com.platform.analytics.domain.schedule.Job;
import com.platform.analytics.port.out.PipelineRunStore;
import java.time.Clock;
import java.time.Instant;

/**
 * Every minute, by whichever instance claims the fire time: marks failed the work a stopped instance of the service
 * left unfinished — report instances still requested or generating and pipeline runs still running that nobody has
 * beaten on for {@link Liveness#deadAfter} (live instances beat on theirs every {@link Liveness#beatEvery}). Processed:
 * the report instances and runs so marked.
 */
public final class AbandonedWorkRecoveryJob implements ScheduledJob {
    public static final String NAME = "abandoned_work_recovery";
    static final String ABANDONED_RUN = "abandoned: the service instance running it stopped before it finished";

    private final Job job;
    private final ReportService reports;
    private final PipelineRunStore runs;
    private final Liveness liveness;
    private final Clock clock;

    public AbandonedWorkRecoveryJob(ReportService reports, PipelineRunStore runs, Liveness liveness, Clock clock) {
        this(new Job(NAME, CronSchedule.parse("* * * * *")), reports, runs, liveness, clock);
    }

    public AbandonedWorkRecoveryJob(Job job, ReportService reports, PipelineRunStore runs, Liveness liveness, Clock clock) {
        this.job = requireNonNull(job, "job is null");
        this.reports = requireNonNull(reports, "reports is null");
        this.runs = requireNonNull(runs, "runs is null");
        this.liveness = requireNonNull(liveness, "liveness is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public Job job() {
        return job;
    }

    @Override
    public long run(Instant fireTime) {
        long recovered = reports.recoverAbandoned();
        Instant now = clock.instant();
        recovered += runs.failAbandoned(now.minus(liveness.deadAfter()), now, ABANDONED_RUN);
        return recovered;
    }
}
