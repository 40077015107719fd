package com.platform.analytics.domain.schedule;

/**
 * What a scheduler does at start for fire times that passed while no instance was running (downtime, a deploy).
 * The default is {@link #RUN_ONCE_ON_STARTUP_IF_MISSED}: the jobs here (segment refreshes, mart checks, report
 * schedules, alert evaluations) bring state up to date, so one run after the gap gives the result every missed run
 * would have, and several catch-up runs back to back would only repeat the same work against the same data.
 */
public enum MissedRunPolicy {
    /**
     * If at least one fire time was missed, run once at start (claiming the latest missed fire time, so several
     * instances starting together still run it once); never one run per missed fire time.
     */
    RUN_ONCE_ON_STARTUP_IF_MISSED,
    /** Missed fire times are dropped; the job next runs at its next fire time after the start. */
    SKIP_MISSED;

    /** Run once if any fire time was missed: see the class comment. */
    public static final MissedRunPolicy DEFAULT = RUN_ONCE_ON_STARTUP_IF_MISSED;
}
