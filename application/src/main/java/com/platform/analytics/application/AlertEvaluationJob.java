package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.schedule.CronSchedule;
import com.platform.analytics.domain.schedule.Job;
import com.platform.analytics.port.in.AlertsUseCase;
import java.time.Instant;

/**
 * Alert rules evaluated on schedule (every 15 minutes by default): each enabled rule is judged on its latest complete
 * period, a condition that persists fires once. The run counts the rules evaluated; a rule that failed fails the run
 * (recorded with the others' work), so an operator sees it in {@code GET /pipelines/runs}.
 */
public final class AlertEvaluationJob implements ScheduledJob {
    public static final String NAME = "alert_evaluation";

    private final Job job;
    private final AlertsUseCase alerts;

    public AlertEvaluationJob(AlertsUseCase alerts) {
        this(new Job(NAME, CronSchedule.parse("*/15 * * * *")), alerts);
    }

    public AlertEvaluationJob(Job job, AlertsUseCase alerts) {
        this.job = requireNonNull(job, "job is null");
        this.alerts = requireNonNull(alerts, "alerts is null");
    }

    @Override
    public Job job() {
        return job;
    }

    @Override
    public long run(Instant fireTime) {
        AlertsUseCase.EvaluationRun run = alerts.evaluateDue(fireTime);
        long evaluated = run.rules().size();
        if (!run.failures().isEmpty()) {
            throw new JobRunFailure(run.failures().size() + " of " + evaluated + " rules failed; the first, "
                    + run.failures().get(0).ruleName() + ": " + run.failures().get(0).error().orElse(""), evaluated, null);
        }
        return evaluated;
    }
}
