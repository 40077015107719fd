package com.platform.analytics.adapter.clickhouse;

import com.platform.analytics.domain.event.EventTypes;
import com.platform.analytics.domain.metric.RetentionQuery;
import java.time.ZoneOffset;

/**
 * Day-N retention of registration cohorts (KPI_DEFINITIONS.md, Retention) as one ClickHouse query: a user's
 * cohort is the day of their first {@code auth.user.registered}; day N counts cohort users with an activity
 * event on day C+N exactly. Rows: (cohort, n, users), with n = -1 carrying the cohort's size.
 */
final class RetentionSql {
    private RetentionSql() {
    }

    static String of(String database, RetentionQuery q) {
        String db = SqlLiterals.identifier(database);
        String zone = SqlLiterals.zone(q.zone());
        boolean utc = q.zone().normalized().equals(ZoneOffset.UTC);
        String from = SqlLiterals.date(q.from());
        String to = SqlLiterals.date(q.to());
        String activity = utc
                ? "SELECT DISTINCT day AS d, user_id FROM " + db + ".mart_user_activity_daily WHERE day >= " + from + " AND day <= " + to
                : "SELECT DISTINCT toDate(ts, " + zone + ") AS d, user_id FROM " + db + ".events WHERE is_activity = 1 AND user_id != ''"
                        + " AND ts >= " + SqlLiterals.instant(q.from().atStartOfDay(q.zone()).toInstant())
                        + " AND ts < " + SqlLiterals.instant(q.to().plusDays(1).atStartOfDay(q.zone()).toInstant());
        String cohort = "SELECT user_id, min(toDate(ts, " + zone + ")) AS c FROM " + db + ".events WHERE type = "
                + SqlLiterals.string(EventTypes.USER_REGISTERED) + " AND user_id != '' GROUP BY user_id HAVING c >= "
                + from + " AND c <= " + to;
        return "WITH cohort AS (" + cohort + "), activity AS (" + activity + ") "
                + "SELECT c, -1 AS n, count() AS users FROM cohort GROUP BY c "
                + "UNION ALL "
                + "SELECT c, toInt64(dateDiff('day', c, d)) AS n, uniqExact(user_id) AS users FROM cohort INNER JOIN activity USING (user_id) "
                + "WHERE d >= c AND dateDiff('day', c, d) <= " + q.maxDay() + " GROUP BY c, n "
                + "ORDER BY c, n";
    }
}
