package com.platform.analytics.adapter.clickhouse;

import com.platform.analytics.domain.event.EventTypes;
import com.platform.analytics.domain.ml.features.ChurnFeature;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The SQL of the built-in models' features, exactly as {@link ChurnFeature}, {@code DailyRevenue},
 * {@code UserItemInteraction} and {@code PaymentFeatureRow} define them. Times are UTC; every value enters through
 * {@link SqlLiterals}. Joins are between subqueries, so on a cluster each side is read through its Distributed table
 * and joined on the initiator; a filter by a subquery over events is {@code GLOBAL IN} (on one server the same as
 * {@code IN}), since a cluster refuses a Distributed subquery inside a query sent to the shards.
 */
final class ModelFeatureSql {
    static final String CHURN_TABLE = "ml_features_churn";
    static final Duration DAY = Duration.ofDays(1);

    private static final String PAID = type(EventTypes.TRANSACTION_COMPLETED);
    private static final String REFUND = type(EventTypes.REFUND_PROCESSED);
    private static final String ENDED = type(EventTypes.SESSION_ENDED);
    private static final String ADDED = type(EventTypes.GAME_ADDED);

    private ModelFeatureSql() {
    }

    private static String type(String type) {
        return "type = " + SqlLiterals.string(type);
    }

    static Instant midnight(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static String daysBefore(Instant t, int days) {
        return SqlLiterals.instant(t.minus(Duration.ofDays(days)));
    }

    /**
     * One row per user active in the 30 days before {@code asOf}: {@code user_id}, the features named and ordered as
     * {@link ChurnFeature} (Float64), then {@code churned} (Int8: 1, 0, or -1 when unknown).
     */
    static String churnRows(String database, LocalDate asOf, boolean withLabels) {
        String db = SqlLiterals.identifier(database);
        Instant t = midnight(asOf);
        String before = SqlLiterals.instant(t);
        String d7 = daysBefore(t, 7);
        String d14 = daysBefore(t, 14);
        String d30 = daysBefore(t, 30);
        String d90 = daysBefore(t, 90);
        String day = SqlLiterals.date(asOf);
        String labelEnd = SqlLiterals.instant(t.plus(Duration.ofDays(ChurnFeature.LABEL_WINDOW_DAYS)));
        String perUser = "SELECT user_id,"
                + " maxIf(ts, is_activity = 1) AS c_last_active,"
                + " minIf(ts, is_activity = 1) AS c_first_active,"
                + " uniqExactIf(toDate(ts), is_activity = 1 AND ts >= " + d7 + ") AS c_active_7,"
                + " uniqExactIf(toDate(ts), is_activity = 1 AND ts >= " + d30 + ") AS c_active_30,"
                + " countIf(" + ENDED + " AND ts >= " + d7 + ") AS c_sessions_7,"
                + " countIf(" + ENDED + " AND ts >= " + d30 + ") AS c_sessions_30,"
                + " sumIf(duration_seconds, " + ENDED + " AND ts >= " + d7 + ") AS c_play_7,"
                + " sumIf(duration_seconds, " + ENDED + " AND ts >= " + d14 + " AND ts < " + d7 + ") AS c_play_previous_7,"
                + " sumIf(duration_seconds, " + ENDED + " AND ts >= " + d30 + ") AS c_play_30,"
                + " countIf(" + PAID + " AND ts >= " + d30 + ") AS c_purchases_30,"
                + " sumIf(amount_rub, " + PAID + " AND ts >= " + d30 + ") - sumIf(amount_rub, " + REFUND + " AND ts >= " + d30
                + ") AS c_net_30,"
                + " countIf(" + REFUND + " AND ts >= " + d90 + ") AS c_refunds_90,"
                + " uniqExactIf(game_id, " + ADDED + " AND game_id != '') AS c_games"
                + " FROM " + db + ".events WHERE user_id != '' AND ts < " + before
                + " GROUP BY user_id HAVING c_active_30 > 0";
        // a friendship is one event, sent by the side that added: both ends count it
        String friendEvents = " FROM " + db + ".events WHERE " + type(EventTypes.FRIEND_ADDED) + " AND user_id != '' AND ts < "
                + before;
        String friends = "SELECT u AS f_user, uniqExact(v) AS f_friends FROM ("
                + "SELECT user_id AS u, JSONExtractString(data, 'friendUserId') AS v" + friendEvents
                + " UNION ALL SELECT JSONExtractString(data, 'friendUserId') AS u, user_id AS v" + friendEvents
                + ") WHERE u != '' AND v != '' AND u != v GROUP BY u";
        StringBuilder sql = new StringBuilder(4096).append("SELECT p.user_id AS user_id,")
                .append(" toFloat64(dateDiff('day', toDate(p.c_last_active), ").append(day).append(")) AS recency_days,")
                .append(" toFloat64(dateDiff('day', toDate(p.c_first_active), ").append(day).append(")) AS tenure_days,")
                .append(" toFloat64(p.c_active_7) AS active_days_7,")
                .append(" toFloat64(p.c_active_30) AS active_days_30,")
                .append(" toFloat64(p.c_sessions_7) AS sessions_7,")
                .append(" toFloat64(p.c_sessions_30) AS sessions_30,")
                .append(" toFloat64(p.c_play_7) / 60 AS playtime_minutes_7,")
                .append(" toFloat64(p.c_play_30) / 60 AS playtime_minutes_30,")
                .append(" toFloat64(p.c_play_7) / 60 - toFloat64(p.c_play_previous_7) / 60 AS playtime_trend,")
                .append(" toFloat64(p.c_purchases_30) AS purchases_30,")
                .append(" toFloat64(p.c_net_30) AS net_revenue_30,")
                .append(" toFloat64(p.c_refunds_90) AS refunds_90,")
                .append(" toFloat64(ifNull(fr.f_friends, 0)) AS friends_total,")
                .append(" toFloat64(p.c_games) AS games_owned,");
        if (withLabels) {
            // labelled only once the data reaches the window's end: before that, "no activity yet" is not churn
            sql.append(" if((SELECT max(ts) FROM ").append(db).append(".events) >= ").append(labelEnd)
                    .append(", toInt8(ifNull(l.l_active, 0) = 0), toInt8(-1)) AS churned");
        } else {
            sql.append(" toInt8(-1) AS churned");
        }
        sql.append(" FROM (").append(perUser).append(") AS p LEFT JOIN (").append(friends)
                .append(") AS fr ON fr.f_user = p.user_id");
        if (withLabels) {
            sql.append(" LEFT JOIN (SELECT user_id AS l_user, toUInt8(1) AS l_active FROM ").append(db)
                    .append(".events WHERE is_activity = 1 AND user_id != '' AND ts >= ").append(before)
                    .append(" AND ts < ").append(labelEnd).append(" GROUP BY user_id) AS l ON l.l_user = p.user_id");
        }
        return sql.append(" ORDER BY user_id").toString();
    }

    /** The feature columns of the feature table, in {@link ChurnFeature} order, comma separated. */
    static String churnColumns() {
        return String.join(", ", ChurnFeature.names());
    }

    /**
     * Net revenue per UTC day in from..to ({@code day, net} rows, days without events absent), as
     * {@code MeasureSql}'s gross_revenue minus refunds: all events of the two types, user or not.
     */
    static String dailyRevenue(String database, LocalDate from, LocalDate to, Optional<String> gameId) {
        String db = SqlLiterals.identifier(database);
        return "SELECT toDate(ts) AS day, sumIf(amount_rub, " + PAID + ") - sumIf(amount_rub, " + REFUND + ") AS net FROM " + db
                + ".events WHERE type IN (" + SqlLiterals.string(EventTypes.TRANSACTION_COMPLETED) + ", "
                + SqlLiterals.string(EventTypes.REFUND_PROCESSED) + ")" + range(from, to)
                + gameId.map(g -> " AND game_id = " + SqlLiterals.string(g)).orElse("")
                + " GROUP BY day ORDER BY day SETTINGS output_format_decimal_trailing_zeros = 1";
    }

    /** {@code user_id, game_id, kind, first_at (epoch ms), weight} per (user, game, kind) in from..to. */
    static String interactions(String database, LocalDate from, LocalDate to) {
        String db = SqlLiterals.identifier(database);
        return "SELECT user_id, game_id, multiIf(" + PAID + ", 'PURCHASE', " + ADDED + ", 'LIBRARY_ADD', 'PLAY') AS kind,"
                + " toUnixTimestamp64Milli(min(ts)) AS first_at,"
                + " if(kind = 'PLAY', toFloat64(sum(duration_seconds)) / 60, toFloat64(count())) AS weight"
                + " FROM " + db + ".events WHERE type IN (" + SqlLiterals.string(EventTypes.TRANSACTION_COMPLETED) + ", "
                + SqlLiterals.string(EventTypes.GAME_ADDED) + ", " + SqlLiterals.string(EventTypes.SESSION_ENDED) + ")"
                + " AND user_id != '' AND game_id != ''" + range(from, to)
                + " GROUP BY user_id, game_id, kind ORDER BY user_id, game_id, kind";
    }

    /**
     * {@code transaction_id, user_id, at (epoch ms), amount, spend_24h, spend_7d, payments_24h, refund_rate_90d,
     * account_age_days, shared_network_users} per completed payment in from..to, by time. A payment without a
     * transaction id is named by its event id.
     */
    static String paymentRows(String database, LocalDate from, LocalDate to) {
        String db = SqlLiterals.identifier(database);
        String historyStart = SqlLiterals.instant(midnight(from).minus(Duration.ofDays(90)));
        String end = SqlLiterals.instant(midnight(to.plusDays(1)));
        String payments = "SELECT source AS p_source, event_id AS p_event, if(transaction_id = '', event_id, transaction_id) AS p_tx,"
                + " user_id AS p_user, ts AS p_ts, amount_rub AS p_amount FROM " + db + ".events WHERE " + PAID
                + " AND user_id != ''" + range(from, to);
        String payers = "SELECT DISTINCT user_id FROM " + db + ".events WHERE " + PAID + " AND user_id != ''" + range(from, to);
        String history = "SELECT user_id AS h_user, type = " + SqlLiterals.string(EventTypes.TRANSACTION_COMPLETED)
                + " AS h_paid, ts AS h_ts, amount_rub AS h_amount FROM " + db + ".events WHERE (" + PAID + " OR " + REFUND
                + ") AND ts >= " + historyStart + " AND ts < " + end + " AND user_id GLOBAL IN (" + payers + ")";
        String windows = "SELECT p_source, p_event,"
                + " sumIf(h_amount, h_paid AND h_ts >= p_ts - INTERVAL 24 HOUR AND h_ts < p_ts) AS w_spend_24h,"
                + " sumIf(h_amount, h_paid AND h_ts >= p_ts - INTERVAL 7 DAY AND h_ts < p_ts) AS w_spend_7d,"
                + " countIf(h_paid AND h_ts >= p_ts - INTERVAL 24 HOUR AND h_ts < p_ts) AS w_payments_24h,"
                + " countIf(h_paid AND h_ts >= p_ts - INTERVAL 90 DAY AND h_ts < p_ts) AS w_payments_90d,"
                + " countIf(NOT h_paid AND h_ts >= p_ts - INTERVAL 90 DAY AND h_ts < p_ts) AS w_refunds_90d"
                + " FROM (" + payments + ") AS p INNER JOIN (" + history + ") AS h ON h.h_user = p.p_user"
                + " GROUP BY p_source, p_event";
        String firstSeen = "SELECT user_id AS a_user, min(ts) AS a_first FROM " + db + ".events WHERE user_id GLOBAL IN (" + payers
                + ") GROUP BY user_id";
        // the networks each user was seen on, from the events that carry an ipAddress, with the first time
        String networks = "SELECT user_id AS n_user, JSONExtractString(data, 'ipAddress') AS n_net, min(ts) AS n_first FROM " + db
                + ".events WHERE type IN (" + SqlLiterals.string(EventTypes.USER_REGISTERED) + ", "
                + SqlLiterals.string(EventTypes.USER_LOGGED_IN) + ", " + SqlLiterals.string(EventTypes.SESSION_STARTED)
                + ") AND user_id != '' AND ts < " + end + " AND n_net != '' GROUP BY n_user, n_net";
        String shared = "SELECT p_source, p_event, uniqExactIf(o.n_user, o.n_user != p_user AND m.n_first < p_ts"
                + " AND o.n_first < p_ts) AS s_users FROM (" + payments + ") AS p INNER JOIN (" + networks
                + ") AS m ON m.n_user = p.p_user INNER JOIN (" + networks + ") AS o ON o.n_net = m.n_net GROUP BY p_source, p_event";
        return "SELECT p.p_tx, p.p_user, toUnixTimestamp64Milli(p.p_ts), p.p_amount, w.w_spend_24h, w.w_spend_7d,"
                + " w.w_payments_24h, w.w_refunds_90d / (w.w_payments_90d + 1),"
                + " toFloat64(toUnixTimestamp64Milli(p.p_ts) - toUnixTimestamp64Milli(a.a_first)) / 86400000,"
                + " ifNull(s.s_users, 0)"
                + " FROM (" + payments + ") AS p"
                + " INNER JOIN (" + windows + ") AS w ON w.p_source = p.p_source AND w.p_event = p.p_event"
                + " INNER JOIN (" + firstSeen + ") AS a ON a.a_user = p.p_user"
                + " LEFT JOIN (" + shared + ") AS s ON s.p_source = p.p_source AND s.p_event = p.p_event"
                + " ORDER BY p.p_ts, p.p_tx, p.p_source, p.p_event SETTINGS output_format_decimal_trailing_zeros = 1";
    }

    /** Events whose time falls on the UTC days from..to. */
    static String range(LocalDate from, LocalDate to) {
        return " AND ts >= " + SqlLiterals.instant(midnight(from)) + " AND ts < " + SqlLiterals.instant(midnight(to.plusDays(1)));
    }
}
