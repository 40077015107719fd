package com.platform.analytics.port.out;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * The once-only claim of a job's fire time across every instance of the service: of all the schedulers that try
 * to claim the same (job, fire time), exactly one gets a lease, and a fire time once claimed stays claimed (also
 * after the claimer finished or crashed), so a slower instance arriving later cannot run it a second time.
 * Failures of the store are AnalyticsException STORAGE_UNAVAILABLE (the caller tries again later: nothing claimed).
 */
public interface JobLock {
    /** The claim on {@code fireTime} of {@code jobName}, or empty when another caller (or an earlier one) has it. */
    Optional<Lease> tryLock(String jobName, Instant fireTime);

    /** The latest fire time of the job claimed by anyone: where a starting scheduler looks for missed runs. */
    Optional<Instant> lastClaimedFire(String jobName);

    /**
     * Forgets claims of fire times before {@code before}, except each job's latest (where a starting scheduler looks
     * for missed runs), so the claims do not grow without end.
     *
     * @return the claims forgotten
     */
    int forgetClaimsBefore(Instant before);

    /**
     * A won claim.
     *
     * @param owner the instance that holds it (for operators reading the claims)
     */
    record Lease(String jobName, Instant fireTime, String owner) {
        public Lease {
            requireNonNull(jobName, "jobName is null");
            requireNonNull(fireTime, "fireTime is null");
            requireNonNull(owner, "owner is null");
        }
    }
}
