package com.platform.analytics.domain.ml.features;

import java.util.Arrays;
import java.util.List;

/**
 * The churn model's features, in column order, for a user as of a date D. T is D at 00:00 UTC; "the last N days"
 * are the events with T - N days &lt;= time &lt; T. Only events with time &lt; T are read: an event at T itself already
 * belongs to the label window. Activity, days, money and sessions are as KPI_DEFINITIONS.md defines them (activity
 * events, UTC calendar days, RUB amounts, {@code library.session.ended}).
 */
public enum ChurnFeature {
    /** Days from the UTC day of the user's last activity event before T to D (1 when last active the day before D). */
    RECENCY_DAYS("recency_days"),
    /** Days from the UTC day of the user's first activity event (registration counts) to D. */
    TENURE_DAYS("tenure_days"),
    /** Distinct UTC days with an activity event in the last 7 days (0..7). */
    ACTIVE_DAYS_7("active_days_7"),
    /** Distinct UTC days with an activity event in the last 30 days (1..30: the rows are of users active then). */
    ACTIVE_DAYS_30("active_days_30"),
    /** {@code library.session.ended} events in the last 7 days. */
    SESSIONS_7("sessions_7"),
    /** {@code library.session.ended} events in the last 30 days. */
    SESSIONS_30("sessions_30"),
    /** Sum of {@code durationSeconds} / 60 of the sessions ended in the last 7 days. */
    PLAYTIME_MINUTES_7("playtime_minutes_7"),
    /** Sum of {@code durationSeconds} / 60 of the sessions ended in the last 30 days. */
    PLAYTIME_MINUTES_30("playtime_minutes_30"),
    /**
     * playtime_minutes_7 minus the minutes of the sessions ended in the 7 days before those (T-14d &lt;= time &lt; T-7d):
     * a difference, not a ratio, so a user who did not play in either week has 0 rather than an undefined value.
     */
    PLAYTIME_TREND("playtime_trend"),
    /** {@code payment.transaction.completed} events in the last 30 days. */
    PURCHASES_30("purchases_30"),
    /** Net revenue of the user in the last 30 days in RUB: completed payments' RUB amounts minus refunds' (may be negative). */
    NET_REVENUE_30("net_revenue_30"),
    /** {@code payment.refund.processed} events in the last 90 days. */
    REFUNDS_90("refunds_90"),
    /**
     * Distinct other users linked to the user by a {@code social.friend.added} event before T, in either direction
     * (the platform sends one event per friendship, from the side that added the friend).
     */
    FRIENDS_TOTAL("friends_total"),
    /** Distinct {@code gameId}s of the user's {@code library.game.added} events before T. */
    GAMES_OWNED("games_owned");

    /** Users count as churned when they have no activity event with T &lt;= time &lt; T + this many days. */
    public static final int LABEL_WINDOW_DAYS = 14;

    private static final List<String> NAMES = Arrays.stream(values()).map(ChurnFeature::featureName).toList();

    private final String featureName;

    ChurnFeature(String featureName) {
        this.featureName = featureName;
    }

    /** The feature's name in the feature table and in a model's signature. */
    public String featureName() {
        return featureName;
    }

    /** Every feature's name, in column order. */
    public static List<String> names() {
        return NAMES;
    }
}
