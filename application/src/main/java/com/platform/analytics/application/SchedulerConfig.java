package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Settings of the {@link JobScheduler}.
 *
 * @param poolSize threads that run jobs (the scheduling thread only claims and hands over)
 * @param shutdownWait how long {@code close} lets running jobs finish before interrupting them (and as long again
 *     for them to stop)
 * @param maxSleep longest the scheduling thread sleeps between checks, so a changed clock or a failed claim is
 *     looked at again soon
 * @param instanceId this instance in the claims and run parameters (host name and process)
 */
public record SchedulerConfig(int poolSize, Duration shutdownWait, Duration maxSleep, String instanceId) {
    public SchedulerConfig {
        requireNonNull(shutdownWait, "shutdownWait is null");
        requireNonNull(maxSleep, "maxSleep is null");
        requireNonNull(instanceId, "instanceId is null");
        if (poolSize < 1 || poolSize > 64) {
            throw new IllegalArgumentException("poolSize must be 1..64, got " + poolSize);
        }
        if (shutdownWait.isNegative() || maxSleep.isNegative() || maxSleep.isZero()) {
            throw new IllegalArgumentException("shutdownWait must be >= 0 and maxSleep > 0");
        }
    }

    /** Two job threads, 30 s to finish at shutdown, a look every 30 s at most. */
    public static SchedulerConfig defaults(String instanceId) {
        return new SchedulerConfig(2, Duration.ofSeconds(30), Duration.ofSeconds(30), instanceId);
    }
}
