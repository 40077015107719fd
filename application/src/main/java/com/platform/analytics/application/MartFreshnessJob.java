package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.schedule.CronSchedule;
import com.platform.analytics.domain.schedule.Job;
import com.platform.analytics.port.out.MartFreshness;
import com.platform.analytics.port.out.OperationalMetrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Asks the warehouse how fresh each mart is and exports it as {@code data_mart_last_update_timestamp_gauge{mart_name}}
 * ({@link OperationalMetrics#martUpdated}). A mart that holds nothing yet exports nothing (no gauge rather than a
 * made-up time). Processed records: the marts reported. One mart failing does not stop the others; the run is
 * recorded failed naming it.
 *
 * <p>Every instance exports its own gauge, yet the job runs on one instance per fire time; so the gauge of an
 * instance that did not win the claim is as old as that instance's last win. Dashboards take the max over instances.
 */
public final class MartFreshnessJob implements ScheduledJob {
    public static final String NAME = "mart_freshness";
    private static final System.Logger LOG = System.getLogger(MartFreshnessJob.class.getName());

    private final Job job;
    private final MartFreshness freshness;
    private final OperationalMetrics metrics;

    /** Every 5 minutes, every mart the warehouse knows. */
    public MartFreshnessJob(MartFreshness freshness, OperationalMetrics metrics) {
        this(new Job(NAME, CronSchedule.parse("*/5 * * * *")), freshness, metrics);
    }

    public MartFreshnessJob(Job job, MartFreshness freshness, OperationalMetrics metrics) {
        this.job = requireNonNull(job, "job is null");
        this.freshness = requireNonNull(freshness, "freshness is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
    }

    @Override
    public Job job() {
        return job;
    }

    @Override
    public long run(Instant fireTime) {
        long reported = 0;
        List<String> failed = new ArrayList<>();
        RuntimeException firstFailure = null;
        for (String mart : freshness.marts().stream().sorted().toList()) {
            try {
                Optional<Instant> last = freshness.lastUpdate(mart);
                if (last.isPresent()) {
                    metrics.martUpdated(mart, last.get());
                    reported++;
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "freshness of mart " + mart + " unknown", e);
                failed.add(mart);
                if (firstFailure == null) {
                    firstFailure = e;
                }
            }
        }
        if (!failed.isEmpty()) {
            throw new JobRunFailure("freshness unknown for mart(s): " + String.join(", ", failed), reported, firstFailure);
        }
        return reported;
    }
}
