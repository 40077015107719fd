package com.platform.analytics.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.ProvidesIntoSet;
import com.platform.analytics.adapter.clickhouse.ClickHouseConfig;
import com.platform.analytics.adapter.clickhouse.ClickHouseMartFreshness;
import com.platform.analytics.adapter.clickhouse.ClickHouseTransport;
import com.platform.analytics.adapter.clickhouse.ClickHouseWarehouse;
import com.platform.analytics.adapter.postgres.JooqJobLock;
import com.platform.analytics.adapter.postgres.JooqPipelineRunStore;
import com.platform.analytics.adapter.postgres.PostgresMetadata;
import com.platform.analytics.application.AbandonedWorkRecoveryJob;
import com.platform.analytics.application.JobScheduler;
import com.platform.analytics.application.Liveness;
import com.platform.analytics.application.MartFreshnessJob;
import com.platform.analytics.application.MartRebuildJob;
import com.platform.analytics.application.PipelineRunsService;
import com.platform.analytics.application.ReportService;
import com.platform.analytics.application.ScheduledJob;
import com.platform.analytics.application.SchedulerClaimsCleanupJob;
import com.platform.analytics.application.SchedulerConfig;
import com.platform.analytics.application.SegmentRefreshJob;
import com.platform.analytics.port.in.PipelineRunsUseCase;
import com.platform.analytics.port.in.SegmentsUseCase;
import com.platform.analytics.port.out.JobLock;
import com.platform.analytics.port.out.MartFreshness;
import com.platform.analytics.port.out.OperationalMetrics;
import com.platform.analytics.port.out.PipelineRunStore;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * Scheduled jobs (spec 4.2.1 data_pipeline_runs): every run a row, each fire claimed once across instances in the
 * metadata store; jobs are contributed as a set (segment refreshes, mart freshness, ...). {@code serve} starts it.
 */
final class SchedulerModule extends AbstractModule {
    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), ScheduledJob.class);
    }

    /** This process among the service's instances: it beats on its unfinished reports and runs. */
    @Provides
    @Singleton
    Liveness liveness() {
        return Liveness.defaults(instanceId());
    }

    @Provides
    @Singleton
    JobLock jobLock(PostgresMetadata metadata, Liveness liveness) {
        return new JooqJobLock(metadata.dataSource(), liveness.instanceId());
    }

    /** Every minute: what a stopped instance left requested, generating or running is marked failed. */
    @ProvidesIntoSet
    ScheduledJob abandonedWorkRecovery(ReportService reports, PipelineRunStore runs, Liveness liveness, Clock clock) {
        return new AbandonedWorkRecoveryJob(reports, runs, liveness, clock);
    }

    /** Daily: claims of fire times older than 30 days are forgotten (each job's latest stays). */
    @ProvidesIntoSet
    ScheduledJob schedulerClaimsCleanup(JobLock lock) {
        return new SchedulerClaimsCleanupJob(lock);
    }

    @Provides
    @Singleton
    PipelineRunStore pipelineRuns(PostgresMetadata metadata) {
        return new JooqPipelineRunStore(metadata.dataSource());
    }

    @Provides
    @Singleton
    PipelineRunsUseCase pipelineRunsUseCase(PipelineRunStore runs) {
        return new PipelineRunsService(runs);
    }

    @Provides
    @Singleton
    MartFreshness martFreshness(ClickHouseTransport warehouse, ClickHouseConfig config) {
        return new ClickHouseMartFreshness(warehouse, config.database());
    }

    @ProvidesIntoSet
    ScheduledJob segmentRefresh(SegmentsUseCase segments, Clock clock) {
        return new SegmentRefreshJob(segments, clock);
    }

    @ProvidesIntoSet
    ScheduledJob martFreshnessJob(MartFreshness freshness, OperationalMetrics metrics) {
        return new MartFreshnessJob(freshness, metrics);
    }

    /** The nightly mart rebuild: the warehouse adapter reconciles the activity mart with the events. */
    @ProvidesIntoSet
    ScheduledJob martRebuild(ClickHouseWarehouse warehouse, OperationalMetrics metrics, Clock clock) {
        return new MartRebuildJob(warehouse, metrics, clock);
    }

    /** Built on every profile (the runs are listed over REST); started by {@code serve} only, when enabled. */
    @Provides
    @Singleton
    JobScheduler scheduler(Set<ScheduledJob> jobs, PipelineRunStore runs, JobLock lock, Liveness liveness, Clock clock,
            AnalyticsConfig config, Lifecycle lifecycle) {
        String instance = liveness.instanceId();
        SchedulerConfig defaults = SchedulerConfig.defaults(instance);
        SchedulerConfig settings = new SchedulerConfig(Math.max(1, config.schedulerThreads()), defaults.shutdownWait(),
                defaults.maxSleep(), instance);
        JobScheduler scheduler = new JobScheduler(List.copyOf(jobs), runs, lock, clock, settings, liveness);
        return lifecycle.register(scheduler);
    }

    /** This process among the instances claiming fires: host name and process id. */
    private static String instanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
