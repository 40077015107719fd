package com.platform.analytics.port.out;

import com.platform.analytics.domain.ml.features.ChurnFeature;
import com.platform.analytics.domain.ml.features.ChurnFeatureRow;
import com.platform.analytics.domain.ml.features.DailyRevenue;
import com.platform.analytics.domain.ml.features.PaymentFeatureRow;
import com.platform.analytics.domain.ml.features.UserItemInteraction;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The built-in models' inputs, computed in the warehouse where the events are. Days are UTC days; a date range
 * {@code from..to} covers the events with from 00:00 UTC &lt;= time &lt; (to + 1 day) 00:00 UTC. Point-in-time: a churn
 * row of date D reads only events with time &lt; D 00:00 UTC, so events at or after D change its label, never its
 * features.
 */
public interface ModelFeatures {
    /**
     * The churn rows of the users with an activity event in the 30 days before {@code asOf}, ordered by user.
     *
     * @param withLabels whether to fill {@link ChurnFeatureRow#churned()}; it stays null anyway unless the data
     *     reaches the end of the label window (the latest event time is at or after asOf + {@value
     *     ChurnFeature#LABEL_WINDOW_DAYS} days)
     */
    List<ChurnFeatureRow> churnRows(LocalDate asOf, boolean withLabels);

    /**
     * Computes the churn rows of {@code asOf} with labels (as far as known) into the feature table, replacing an
     * earlier refresh of the same date as one step: readers see the previous rows or the new ones, never a mix.
     * Running it again on the same events gives the same rows. Returns the number of rows.
     */
    long refreshChurnFeatures(LocalDate asOf);

    /** The latest date at or before {@code notAfter} whose churn features were refreshed; empty if none was. */
    Optional<LocalDate> latestChurnFeatures(LocalDate notAfter);

    /** Every row of {@code asOf} in the feature table (as its last refresh wrote them), ordered by user; empty if never refreshed. */
    List<ChurnFeatureRow> churnFeatures(LocalDate asOf);

    /** The feature table's rows of {@code asOf} for these users (users without one are absent), ordered by user: for serving. */
    List<ChurnFeatureRow> churnFeatures(LocalDate asOf, Collection<String> userPseudonyms);

    /** Net revenue per UTC day from..to, every day present (0.00 on a day without payments), for a game or the platform. */
    List<DailyRevenue> dailyRevenue(LocalDate from, LocalDate to, Optional<String> gameId);

    /** User-game interactions in from..to, one per (user, game, kind), ordered by user, game, kind. */
    List<UserItemInteraction> interactions(LocalDate from, LocalDate to);

    /**
     * The games the user has acquired (a completed payment or a library add naming the game), at any time, in id order:
     * what a recommendation for them must leave out.
     */
    List<String> ownedGames(String userPseudonym);

    /** The features of every completed payment in from..to, ordered by time. */
    List<PaymentFeatureRow> paymentRows(LocalDate from, LocalDate to);
}
