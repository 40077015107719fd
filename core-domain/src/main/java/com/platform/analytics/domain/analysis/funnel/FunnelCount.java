package com.platform.analytics.domain.analysis.funnel;

/**
 * What a warehouse computes for one step: the users who reached it and their times from entry, for all users
 * ({@code breakdownValue} null) or for those whose entry event had the given breakdown value.
 *
 * @param step 1-based
 * @param medianSeconds median over those users of the time from their entry to this step (null when none)
 */
public record FunnelCount(String breakdownValue, int step, long users, Double medianSeconds, Double meanSeconds) {
    public FunnelCount {
        if (step < 1) {
            throw new IllegalArgumentException("step is 1-based");
        }
        if (users < 0) {
            throw new IllegalArgumentException("users is negative");
        }
    }
}
