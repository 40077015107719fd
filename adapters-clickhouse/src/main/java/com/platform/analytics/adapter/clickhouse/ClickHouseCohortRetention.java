package com.platform.analytics.adapter.clickhouse;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.access.DataScope;
import com.platform.analytics.domain.analysis.AnalysisRange;
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
 * (the mart holds exactly that, far smaller than the events). Cohort events and return days are read as one
 * stream and aggregated per user, so no join is needed. Rows: (cohort, n, users), n = -1 carrying the
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
    public CohortRetentionResult retention(DataScope scope, CohortRetentionQuery query) {
        String sql = sql(database, scope, query);
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

    static String sql(String database, DataScope scope, CohortRetentionQuery q) {
        String db = SqlLiterals.identifier(database);
        // a developer's cohorts and returns both come from their games only: the first cohort event within them decides
        String scoped = AnalysisScopeSql.and(scope);
        AnalysisRange range = q.range();
        String zone = SqlLiterals.zone(range.zone());
        String from = SqlLiterals.date(range.from());
        String to = SqlLiterals.date(range.to());
        String returnDays;
        if (q.returnsOnActivity() && range.isUtc()) {
            returnDays = "SELECT day AS d, user_id FROM " + db + ".mart_user_activity_daily WHERE day >= " + from
                    + " AND day <= " + to + scoped;
        } else {
            String which = q.returnsOnActivity() ? "is_activity = 1" : "type = " + SqlLiterals.string(q.returnEvent());
            returnDays = "SELECT toDate(ts, " + zone + ") AS d, user_id FROM " + db + ".events WHERE " + which
                    + " AND user_id != '' AND ts >= " + SqlLiterals.instant(range.start())
                    + " AND ts < " + SqlLiterals.instant(range.end()) + scoped;
        }
        // one row per cohort event (of the user's whole history: the first decides the cohort) or return day, so
        // one aggregation per user finds both the cohort and the return periods, with no join
        String rows = "SELECT user_id, 0 AS kind, toDate(ts, " + zone + ") AS d FROM " + db + ".events WHERE type = "
                + SqlLiterals.string(q.cohortEvent()) + " AND user_id != ''" + scoped + " UNION ALL SELECT user_id, 1 AS kind, d FROM ("
                + returnDays + ")";
        String perUser = "SELECT user_id, minIf(d, kind = 0) AS first_day, " + periodStart("first_day", q) + " AS c, "
                + "groupUniqArrayIf(" + periodStart("d", q) + ", kind = 1) AS ps FROM (" + rows + ") GROUP BY user_id "
                + "HAVING countIf(kind = 0) > 0 AND first_day >= " + from + " AND first_day <= " + to;
        String offsets = "arrayMap(p -> toInt64(" + offset(q) + "), ps)";
        String cells = q.mode() == RetentionMode.EXACT
                // N = 0 is 1.0 by definition, so only later periods are counted
                ? "arrayFilter(n -> n >= 1 AND n <= " + q.periods() + ", " + offsets + ")"
                // retained in C+N for every N up to the user's last return period
                : "arrayMap(n -> toInt64(n), range(1, toUInt64(greatest(0, least(arrayMax(arrayConcat([toInt64(0)], " + offsets
                        + ")), " + q.periods() + "))) + 1))";
        // n = -1 counts every cohort user: the cohort's size
        return "SELECT c, n, count() AS users FROM (" + perUser + ") ARRAY JOIN arrayConcat([toInt64(-1)], " + cells + ") AS n "
                + "GROUP BY c, n ORDER BY c, n";
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
