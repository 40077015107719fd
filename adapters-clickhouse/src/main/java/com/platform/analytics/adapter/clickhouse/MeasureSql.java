package com.platform.analytics.adapter.clickhouse;

import com.platform.analytics.domain.event.EventTypes;
import com.platform.analytics.domain.metric.Dimension;
import com.platform.analytics.domain.metric.MeasureQuery;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;

/**
 * The ClickHouse query of a {@link MeasureQuery}, exactly as KPI_DEFINITIONS.md defines each measure. The
 * query returns {@code bucket, <dimension columns...>, value} rows, in that order.
 *
 * <p>Days are calendar days of the query's zone: events are selected by the instants where {@code from}
 * starts and the day after {@code to} starts in that zone (which the sorting key and the monthly partitions
 * can use), and bucketed by {@code toDate(ts, zone)}. Active-user measures in UTC read the daily activity
 * mart, whose days are UTC days; in other zones they read {@code events}.
 */
final class MeasureSql {
    private MeasureSql() {
    }

    static String of(String database, MeasureQuery q) {
        String db = SqlLiterals.identifier(database);
        return switch (q.measure()) {
            case ACTIVE_USERS -> activity(db, q, 1);
            case ACTIVE_USERS_ROLLING_7D, ACTIVE_USERS_ROLLING_30D -> activity(db, q, q.measure().rollingDays());
            case NEW_USERS -> fromEvents(db, q, typeIs(EventTypes.USER_REGISTERED) + " AND user_id != ''",
                    "uniqExact(user_id)");
            case PAYING_USERS -> fromEvents(db, q, typeIs(EventTypes.TRANSACTION_COMPLETED) + " AND user_id != ''",
                    "uniqExact(user_id)");
            case GROSS_REVENUE -> fromEvents(db, q, typeIs(EventTypes.TRANSACTION_COMPLETED), "sum(amount_rub)");
            case REFUNDS -> fromEvents(db, q, typeIs(EventTypes.REFUND_PROCESSED), "sum(amount_rub)");
            case SESSIONS -> fromEvents(db, q, typeIs(EventTypes.SESSION_ENDED), "count()");
            case PLAYTIME_SECONDS -> fromEvents(db, q, typeIs(EventTypes.SESSION_ENDED), "sum(duration_seconds)");
        };
    }

    private static String typeIs(String type) {
        return "type = " + SqlLiterals.string(type);
    }

    private static boolean utc(ZoneId zone) {
        return zone.normalized().equals(ZoneOffset.UTC);
    }

    /** A measure over events of one kind: bucketed per the granularity, grouped by the dimensions. */
    private static String fromEvents(String db, MeasureQuery q, String condition, String aggregate) {
        String zone = SqlLiterals.zone(q.zone());
        String day = "toDate(ts, " + zone + ")";
        StringBuilder sql = new StringBuilder(512)
                .append("SELECT ").append(bucket(q, day)).append(" AS bucket").append(dimensionList(q))
                .append(", ").append(aggregate).append(" AS value FROM ").append(db).append(".events WHERE ")
                .append(condition).append(timeRange(q, q.from()));
        appendFilters(q, sql);
        return groupAndOrder(q, sql);
    }

    /**
     * Distinct active users per bucket, or with {@code windowDays > 1} per day D of the range the distinct
     * users active on D-(windowDays-1)..D: each (day, user) is spread over the window days it counts for,
     * then those that fall inside the range are counted.
     */
    private static String activity(String db, MeasureQuery q, int windowDays) {
        boolean mart = utc(q.zone());
        String day = mart ? "day" : "toDate(ts, " + SqlLiterals.zone(q.zone()) + ")";
        LocalDate firstDay = q.from().minusDays(windowDays - 1L);
        StringBuilder where = new StringBuilder(256);
        if (mart) {
            where.append(" FROM ").append(db).append(".mart_user_activity_daily WHERE day >= ")
                    .append(SqlLiterals.date(firstDay)).append(" AND day <= ").append(SqlLiterals.date(q.to()));
        } else {
            where.append(" FROM ").append(db).append(".events WHERE is_activity = 1 AND user_id != ''")
                    .append(timeRange(q, firstDay));
        }
        appendFilters(q, where);
        StringBuilder sql = new StringBuilder(768);
        if (windowDays == 1) {
            sql.append("SELECT ").append(bucket(q, day)).append(" AS bucket").append(dimensionList(q))
                    .append(", uniqExact(user_id) AS value").append(where);
        } else {
            sql.append("SELECT bucket").append(dimensionList(q)).append(", uniqExact(user_id) AS value FROM (")
                    .append("SELECT DISTINCT ").append(day).append(" AS active_day, user_id").append(dimensionList(q))
                    .append(where).append(") ARRAY JOIN arrayFilter(d -> d >= ").append(SqlLiterals.date(q.from()))
                    .append(" AND d <= ").append(SqlLiterals.date(q.to()))
                    .append(", arrayMap(i -> active_day + i, range(").append(windowDays).append("))) AS bucket");
        }
        return groupAndOrder(q, sql);
    }

    private static String bucket(MeasureQuery q, String day) {
        return switch (q.granularity()) {
            case DAY -> day;
            case WEEK -> "toMonday(" + day + ")";
            case MONTH -> "toStartOfMonth(" + day + ")";
            case TOTAL -> SqlLiterals.date(q.from());
        };
    }

    /** Events whose time falls on the zone's days firstDay..to. */
    private static String timeRange(MeasureQuery q, LocalDate firstDay) {
        return " AND ts >= " + SqlLiterals.instant(firstDay.atStartOfDay(q.zone()).toInstant())
                + " AND ts < " + SqlLiterals.instant(q.to().plusDays(1).atStartOfDay(q.zone()).toInstant());
    }

    private static String dimensionList(MeasureQuery q) {
        StringBuilder sb = new StringBuilder();
        for (Dimension d : q.dimensions()) {
            sb.append(", ").append(SqlLiterals.identifier(d.column()));
        }
        return sb.toString();
    }

    /** Values of one dimension are alternatives; the dimensions must all match. */
    private static void appendFilters(MeasureQuery q, StringBuilder sql) {
        for (Map.Entry<Dimension, Set<String>> f : q.filters().entrySet()) {
            if (f.getValue().isEmpty()) {
                continue;
            }
            sql.append(" AND ").append(SqlLiterals.identifier(f.getKey().column())).append(" IN (");
            boolean first = true;
            for (String value : f.getValue().stream().sorted().toList()) {
                if (!first) {
                    sql.append(", ");
                }
                first = false;
                SqlLiterals.appendString(value, sql);
            }
            sql.append(')');
        }
    }

    private static String groupAndOrder(MeasureQuery q, StringBuilder sql) {
        String keys = "bucket" + dimensionList(q);
        // money keeps its kopecks in the text (100.50, not 100.5), so values come back at the column's scale
        return sql.append(" GROUP BY ").append(keys).append(" ORDER BY ").append(keys)
                .append(" SETTINGS output_format_decimal_trailing_zeros = 1").toString();
    }
}
