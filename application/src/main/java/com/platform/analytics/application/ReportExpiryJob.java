package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.schedule.CronSchedule;
import com.platform.analytics.domain.schedule.Job;
import java.time.Instant;

/**
 * Removes report files past their {@code expires_at} (spec 4.2.1 report_instances), hourly by default; the instances
 * stay, with their download answering that the file expired. Processed: the files removed.
 */
public final class ReportExpiryJob implements ScheduledJob {
    public static final String NAME = "report_expiry";
    /** Files removed per run at most: a backlog drains over a few runs instead of one long one. */
    static final int PER_RUN = 10_000;

    private final Job job;
    private final ReportService reports;

    public ReportExpiryJob(ReportService reports) {
        this(new Job(NAME, CronSchedule.parse("17 * * * *")), reports);
    }

    public ReportExpiryJob(Job job, ReportService reports) {
        this.job = requireNonNull(job, "job is null");
        this.reports = requireNonNull(reports, "reports is null");
    }

    @Override
    public Job job() {
        return job;
    }

    @Override
    public long run(Instant fireTime) {
        return reports.removeExpired(fireTime, PER_RUN);
    }
}
