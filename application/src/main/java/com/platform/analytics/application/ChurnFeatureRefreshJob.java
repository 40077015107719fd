package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.schedule.CronSchedule;
import com.platform.analytics.domain.schedule.Job;
import com.platform.analytics.port.out.ModelFeatures;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The nightly refresh of the churn feature table for the UTC day of the fire time (02:30 UTC by default), so that
 * {@link ChurnScoringService} serves features of today: the rows read only events before today 00:00 UTC, which are
 * all in by then. Processed: the rows written.
 */
public final class ChurnFeatureRefreshJob implements ScheduledJob {
    public static final String NAME = "churn_feature_refresh";
    public static final String DEFAULT_CRON = "30 2 * * *";

    private final Job job;
    private final ModelFeatures features;

    public ChurnFeatureRefreshJob(ModelFeatures features) {
        this(new Job(NAME, CronSchedule.parse(DEFAULT_CRON)), features);
    }

    public ChurnFeatureRefreshJob(Job job, ModelFeatures features) {
        this.job = requireNonNull(job, "job is null");
        this.features = requireNonNull(features, "features is null");
    }

    @Override
    public Job job() {
        return job;
    }

    @Override
    public long run(Instant fireTime) {
        return features.refreshChurnFeatures(fireTime.atZone(ZoneOffset.UTC).toLocalDate());
    }
}
