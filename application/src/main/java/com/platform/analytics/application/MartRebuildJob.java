package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.schedule.CronSchedule;
import com.platform.analytics.domain.schedule.Job;
import com.platform.analytics.port.out.MartMaintenance;
import com.platform.analytics.port.out.OperationalMetrics;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;

/**
 * The nightly mart rebuild (spec 4.2.2, "0 3 * * *"): the activity mart is filled as events are inserted, and
 * reconciled at every start; this job also reconciles yesterday and today every night, so a group a failed insert
 * left out is restored within a day even in a service that never restarts. Processed: the groups restored. The mart
 * is then as fresh as the events, which the freshness gauge records.
 */
public final class MartRebuildJob implements ScheduledJob {
    public static final String NAME = "mart_rebuild";

    private final Job job;
    private final MartMaintenance marts;
    private final OperationalMetrics metrics;
    private final Clock clock;

    public MartRebuildJob(MartMaintenance marts, OperationalMetrics metrics, Clock clock) {
        this(new Job(NAME, CronSchedule.parse("0 3 * * *")), marts, metrics, clock);
    }

    public MartRebuildJob(Job job, MartMaintenance marts, OperationalMetrics metrics, Clock clock) {
        this.job = requireNonNull(job, "job is null");
        this.marts = requireNonNull(marts, "marts is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public Job job() {
        return job;
    }

    @Override
    public long run(Instant fireTime) {
        LocalDate today = fireTime.atZone(ZoneOffset.UTC).toLocalDate();
        long restored = marts.reconcileActivityMart(Set.of(today.minusDays(1), today));
        metrics.martUpdated(MartMaintenance.ACTIVITY_MART, clock.instant());
        return restored;
    }
}
