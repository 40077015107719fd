package com.platform.analytics.adapter.clickhouse;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.analysis.retention.AnalysisRange;
import com.platform.analytics.domain.analysis.retention.CohortRetentionQuery;
import com.platform.analytics.domain.analysis.retention.CohortRetentionResult;
import com.platform.analytics.domain.analysis.retention.CohortRow;
import com.platform.analytics.domain.analysis.retention.RetentionMode;
import com.platform.analytics.port.out.CohortRetentionEngine;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Cohort retention ({@link CohortRetentionQuery} says exactly what is counted) as one ClickHouse query over
 * {@code events}, or over {@code mart_user_activity_daily} for the returns when they are activity on UTC days
 * (the mart holds exactly that, far smaller than the events). Rows: (cohort, n, users), n = -1 carrying the
 * cohort's size; the table is assembled by the domain ({@link CohortRetentionQuery#row}).
 */
public final class ClickHouseCohortRetention implements CohortRetentionEngine {
    private final ClickHouseTransport transport;
    private final String database;

    @Inject
    public ClickHouseCohortRetention(ClickHouseTransport transport, ClickHouseConfig config) {
        this(transport, config.database());
    }

    public ClickHouseCohortRetention(ClickHouseTransport transport, String database) {
        this.transport = requireNonNull(transport, "transport is null");
        this.database = requireNonNull(database, "database is null");
        SqlLiterals.identifier(database);
    }

    @Override
    public CohortRetentionResult retention(CohortRetentionQuery query) {
        String sql = sql(database, query);
        Map<LocalDate, Long> sizes = new TreeMap<>();
        Map<LocalDate, Map<Integer, Long>> returned = new TreeMap<>();
        for (List<String> row : TabSeparatedRows.parse(transport.query(sql, "TabSeparated"))) {
            LocalDate cohort = LocalDate.parse(row.get(0));
            int n = Integer.parseInt(row.get(1));
            long users = Long.parseLong(row.get(2));
            if (n < 0) {
                sizes.put(cohort, users);
            } else {
                returned.computeIfAbsent(cohort, k -> new TreeMap<>()).put(n, users);
            }
        }
        List<CohortRow> cohorts = new ArrayList<>();
        for (Map.Entry<LocalDate, Long> c : sizes.entrySet()) {
            cohorts.add(query.row(c.getKey(), c.getValue(), returned.getOrDefault(c.getKey(), Map.of())));
        }
        return new CohortRetentionResult(cohorts, sql);
    }

    static String sql(String database, CohortRetentionQuery q) {
        String db = SqlLiterals.identifier(database);
        AnalysisRange range = q.range();
        String zone = SqlLiterals.zone(range.zone());
        String from = SqlLiterals.date(range.from());
        String to = SqlLiterals.date(range.to());
        String returnDays;
        if (q.returnsOnActivity() && range.isUtc()) {
            returnDays = "SELECT day AS d, user_id FROM " + db + ".mart_user_activity_daily WHERE day >= " + from
                    + " AND day <= " + to;
        } else {
            String which = q.returnsOnActivity() ? "is_activity = 1" : "type = " + SqlLiterals.string(q.returnEvent());
            returnDays = "SELECT toDate(ts, " + zone + ") AS d, user_id FROM " + db + ".events WHERE " + which
                    + " AND user_id != '' AND ts >= " + SqlLiterals.instant(range.start())
                    + " AND ts < " + SqlLiterals.instant(range.end());
        }
        // the first cohort event of the user's whole history decides the cohort, so no lower bound on ts
        String cohort = "SELECT user_id, toDate(min(ts), " + zone + ") AS first_day, " + periodStart("first_day", q)
                + " AS c FROM " + db + ".events WHERE type = " + SqlLiterals.string(q.cohortEvent())
                + " AND user_id != '' GROUP BY user_id HAVING first_day >= " + from + " AND first_day <= " + to;
        String returns = "SELECT DISTINCT user_id, " + periodStart("d", q) + " AS p FROM (" + returnDays + ")";
        String offset = offset(q);
        String cells = q.mode() == RetentionMode.EXACT
                // N = 0 is 1.0 by definition, so only later periods are counted
                ? "SELECT c, toInt64(" + offset + ") AS n, count() AS users FROM cohort INNER JOIN returns USING (user_id) "
                        + "WHERE p > c AND " + offset + " <= " + q.periods() + " GROUP BY c, n"
                // a user retained in C+N for every N up to their last return period
                : "SELECT c, toInt64(arrayJoin(range(1, toUInt64(least(last_n, " + q.periods() + ")) + 1))) AS n, count() AS users "
                        + "FROM (SELECT c, user_id, max(" + offset + ") AS last_n FROM cohort INNER JOIN returns USING (user_id) "
                        + "WHERE p > c GROUP BY c, user_id) GROUP BY c, n";
        return "WITH cohort AS (" + cohort + "), returns AS (" + returns + ") "
                + "SELECT c, toInt64(-1) AS n, count() AS users FROM cohort GROUP BY c "
                + "UNION ALL " + cells + " ORDER BY c, n";
    }

    private static String periodStart(String day, CohortRetentionQuery q) {
        return switch (q.period()) {
            case DAY -> day;
            case WEEK -> "toMonday(" + day + ")";
            case MONTH -> "toStartOfMonth(" + day + ")";
        };
    }

    /** Periods from cohort start {@code c} to return period start {@code p}. */
    private static String offset(CohortRetentionQuery q) {
        return switch (q.period()) {
            case DAY -> "dateDiff('day', c, p)";
            case WEEK -> "intDiv(dateDiff('day', c, p), 7)";
            case MONTH -> "(toRelativeMonthNum(p) - toRelativeMonthNum(c))";
        };
    }
}
