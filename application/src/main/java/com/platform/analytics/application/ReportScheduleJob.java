package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.schedule.CronSchedule;
import com.platform.analytics.domain.schedule.Job;
import com.platform.analytics.port.in.ReportSchedulesUseCase;
import java.time.Clock;
import java.time.Instant;

/**
 * The report schedules as a scheduled job: every minute it requests the reports whose own cron fired (the schedules
 * decide, the job only looks). Processed: the instances requested.
 */
public final class ReportScheduleJob implements ScheduledJob {
    public static final String NAME = "report_schedules";

    private final Job job;
    private final ReportSchedulesUseCase schedules;
    private final Clock clock;

    public ReportScheduleJob(ReportSchedulesUseCase schedules, Clock clock) {
        this(new Job(NAME, CronSchedule.parse("* * * * *")), schedules, clock);
    }

    public ReportScheduleJob(Job job, ReportSchedulesUseCase schedules, Clock clock) {
        this.job = requireNonNull(job, "job is null");
        this.schedules = requireNonNull(schedules, "schedules is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public Job job() {
        return job;
    }

    @Override
    public long run(Instant fireTime) {
        return schedules.runDue(clock.instant());
    }
}
