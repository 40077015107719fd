package com.platform.analytics.adapter.postgres;

import static com.platform.analytics.adapter.postgres.MetadataSql.translated;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.port.out.JobLock;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.jooq.DSLContext;

/**
 * {@link JobLock} over the {@code scheduled_job_fires} table (migration V7): a claim is the row of (job, fire time),
 * inserted with {@code ON CONFLICT DO NOTHING}; whoever inserted it won. The insert commits at once (autocommit), so
 * no connection is held while the job runs, a claim survives the claimer's crash, and a late instance finds it taken.
 */
public final class JooqJobLock implements JobLock {
    private final DSLContext sql;
    private final String owner;

    /** @param owner this instance, recorded with its claims */
    @Inject
    public JooqJobLock(DataSource dataSource, @Named("scheduler.instance_id") String owner) {
        requireNonNull(dataSource, "dataSource is null");
        this.owner = requireNonNull(owner, "owner is null");
        this.sql = MetadataSql.dsl(dataSource);
    }

    @Override
    public Optional<Lease> tryLock(String jobName, Instant fireTime) {
        requireNonNull(jobName, "jobName is null");
        requireNonNull(fireTime, "fireTime is null");
        int inserted = translated("claim " + jobName + " at " + fireTime, () -> sql.execute(
                "INSERT INTO scheduled_job_fires (job_name, fire_time, claimed_by) VALUES (?, ?::timestamptz, ?) ON CONFLICT DO NOTHING",
                jobName, fireTime.toString(), owner));
        return inserted == 1 ? Optional.of(new Lease(jobName, fireTime, owner)) : Optional.empty();
    }

    @Override
    public Optional<Instant> lastClaimedFire(String jobName) {
        requireNonNull(jobName, "jobName is null");
        return translated("read the last claim of " + jobName, () -> Optional.ofNullable(sql.fetchOne(
                "SELECT max(fire_time) FROM scheduled_job_fires WHERE job_name = ?", jobName).get(0, Instant.class)));
    }

    @Override
    public int forgetClaimsBefore(Instant before) {
        requireNonNull(before, "before is null");
        return translated("forget claims before " + before, () -> sql.execute(
                "DELETE FROM scheduled_job_fires f WHERE f.fire_time < ?::timestamptz AND f.fire_time < "
                        + "(SELECT max(l.fire_time) FROM scheduled_job_fires l WHERE l.job_name = f.job_name)",
                before.toString()));
    }

}
