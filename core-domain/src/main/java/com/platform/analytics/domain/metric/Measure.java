package com.platform.analytics.domain.metric;

/**
 * The base quantities the warehouse computes; every built-in metric is one of these or a ratio of two
 * (see {@link MetricCalculator}). Distinct-user measures are distinct over the whole bucket.
 */
public enum Measure {
    /** Distinct users with an activity event in the bucket. */
    ACTIVE_USERS(false),
    /** Distinct users active on any of the 7 days D-6..D; day buckets only. */
    ACTIVE_USERS_ROLLING_7D(true),
    /** Distinct users active on any of the 30 days D-29..D; day buckets only. */
    ACTIVE_USERS_ROLLING_30D(true),
    /** Distinct users with {@code auth.user.registered} in the bucket. */
    NEW_USERS(false),
    /** Distinct users with {@code payment.transaction.completed} in the bucket. */
    PAYING_USERS(false),
    /** Sum of {@code payment.transaction.completed} amounts, RUB. */
    GROSS_REVENUE(false),
    /** Sum of {@code payment.refund.processed} amounts, RUB. */
    REFUNDS(false),
    /** Count of {@code library.session.ended}. */
    SESSIONS(false),
    /** Sum of {@code durationSeconds} of {@code library.session.ended}. */
    PLAYTIME_SECONDS(false);

    private final boolean rolling;

    Measure(boolean rolling) {
        this.rolling = rolling;
    }

    public boolean rolling() {
        return rolling;
    }

    public int rollingDays() {
        return switch (this) {
            case ACTIVE_USERS_ROLLING_7D -> 7;
            case ACTIVE_USERS_ROLLING_30D -> 30;
            default -> 1;
        };
    }
}
