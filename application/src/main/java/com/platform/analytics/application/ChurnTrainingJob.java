package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.schedule.CronSchedule;
import com.platform.analytics.domain.schedule.Job;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The weekly training of the churn model ({@link ChurnModelTraining}, Mondays 04:00 UTC by default, after the nightly
 * mart rebuild), for the UTC day of the fire time. Processed: the training and holdout rows. A version that does not
 * beat production is still a successful run: it is registered in staging with the reason.
 */
public final class ChurnTrainingJob implements ScheduledJob {
    public static final String NAME = "churn_training";
    public static final String DEFAULT_CRON = "0 4 * * 1";
    private static final System.Logger LOG = System.getLogger(ChurnTrainingJob.class.getName());

    private final Job job;
    private final ChurnModelTraining training;

    public ChurnTrainingJob(ChurnModelTraining training) {
        this(new Job(NAME, CronSchedule.parse(DEFAULT_CRON)), training);
    }

    public ChurnTrainingJob(Job job, ChurnModelTraining training) {
        this.job = requireNonNull(job, "job is null");
        this.training = requireNonNull(training, "training is null");
    }

    @Override
    public Job job() {
        return job;
    }

    @Override
    public long run(Instant fireTime) {
        LocalDate today = fireTime.atZone(ZoneOffset.UTC).toLocalDate();
        ChurnModelTraining.TrainingOutcome outcome = training.train(today);
        LOG.log(System.Logger.Level.INFO, "churn model version " + outcome.version() + ": " + outcome.decision()
                + " (" + outcome.reason() + ")");
        return outcome.trainRows() + outcome.holdoutRows();
    }
}
