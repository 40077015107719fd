package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.schedule.CronSchedule;
import com.platform.analytics.domain.schedule.Job;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Runs {@link ModelDriftMonitor} once a day on the previous UTC day (complete by then). Processed records: the
 * readings exported. A model whose drift could not be measured fails the run, naming it, after the others were
 * measured.
 */
public final class ModelDriftJob implements ScheduledJob {
    public static final String NAME = "model_drift";

    private final Job job;
    private final ModelDriftMonitor monitor;

    /** At 03:15 UTC: after the churn features' refresh (02:30) and the late events of the day before. */
    public ModelDriftJob(ModelDriftMonitor monitor) {
        this(new Job(NAME, CronSchedule.parse("15 3 * * *")), monitor);
    }

    public ModelDriftJob(Job job, ModelDriftMonitor monitor) {
        this.job = requireNonNull(job, "job is null");
        this.monitor = requireNonNull(monitor, "monitor is null");
    }

    @Override
    public Job job() {
        return job;
    }

    @Override
    public long run(Instant fireTime) {
        ModelDriftMonitor.Check check = monitor.check(fireTime.atZone(ZoneOffset.UTC).toLocalDate().minusDays(1),
                fireTime);
        if (!check.failures().isEmpty()) {
            throw new JobRunFailure("drift not measured for model(s): " + check.failures(), check.readings().size(),
                    null);
        }
        return check.readings().size();
    }
}
