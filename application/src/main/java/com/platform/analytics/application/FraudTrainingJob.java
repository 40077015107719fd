package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.schedule.CronSchedule;
import com.platform.analytics.domain.schedule.Job;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Retrains the {@code fraud_scores} model on the last {@value FraudModelTraining#WINDOW_DAYS} days
 * ({@link FraudModelTraining}), promoting it as that class says. Processed records: the payments learnt from.
 */
public final class FraudTrainingJob implements ScheduledJob {
    public static final String NAME = "fraud_training";

    private final Job job;
    private final FraudModelTraining training;

    /** Mondays at 03:00 UTC: a week of new payments, before the working week's alerts. */
    public FraudTrainingJob(FraudModelTraining training) {
        this(new Job(NAME, CronSchedule.parse("0 3 * * 1")), training);
    }

    public FraudTrainingJob(Job job, FraudModelTraining training) {
        this.job = requireNonNull(job, "job is null");
        this.training = requireNonNull(training, "training is null");
    }

    @Override
    public Job job() {
        return job;
    }

    @Override
    public long run(Instant fireTime) {
        FraudModelTraining.Outcome outcome = training.train(fireTime.atZone(ZoneOffset.UTC).toLocalDate());
        return ((Number) outcome.metrics().get("payments")).longValue();
    }
}
