package com.platform.analytics.adapter.clickhouse;

import com.platform.analytics.domain.analysis.funnel.FunnelQuery;
import com.platform.analytics.domain.analysis.funnel.FunnelStep;
import com.platform.analytics.domain.analysis.funnel.PropertyFilter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A funnel (KPI_DEFINITIONS.md, Funnels) as one ClickHouse query, linear in each user's events times the steps.
 *
 * <p>Per user, the events that match any step (each with a bit mask of the steps it matches) are sorted by time.
 * A fold over them keeps, for every step k, the latest step-1 time of a chain that has reached k (a later entry
 * leaves more of its window, so it dominates). An event extends chains only as they stood before its millisecond
 * (the fold carries those levels as well as the current ones), so events of the same millisecond never follow
 * each other: "strictly after" is by at least one millisecond. The first time the deepest level is reached fixes
 * the user's depth D and the entry s (the latest start among the chains that reached D first). A second fold
 * walks the chain from s, taking for each step the earliest event strictly after the previous match and no later
 * than s + W: these are the times from entry. The breakdown value is that of the entry event (the smallest, if
 * several step-1 events share its millisecond).
 *
 * <p>{@code windowFunnel(W)(..., 'strict_increase')} is not used: it keeps one chain per level and replaces it
 * when a later entry reaches the level, losing the earlier chain's smaller last time, so "A, A, B, B+C in the same
 * millisecond" counts 2 steps where the definition counts 3 (ClickHouseFunnelsTest shows it).
 *
 * <p>Rows: (total, breakdown value, step, users, median seconds, mean seconds); total = 1 for the whole funnel.
 */
final class FunnelSql {
    /** {@code data.x} properties that have a typed column in {@code events} (FactRowMapper fills them from data). */
    static final Map<String, String> TYPED_COLUMNS = Map.ofEntries(
            Map.entry("data.gameId", "game_id"),
            Map.entry("data.developerId", "developer_id"),
            Map.entry("data.platform", "platform"),
            Map.entry("data.country", "country"),
            Map.entry("data.genre", "genre"),
            Map.entry("data.itemType", "item_type"),
            Map.entry("data.campaignId", "campaign_id"),
            Map.entry("data.sessionId", "session_id"),
            Map.entry("data.transactionId", "transaction_id"),
            Map.entry("data.experimentKey", "experiment_key"),
            Map.entry("data.variant", "variant"));

    private FunnelSql() {
    }

    static String of(String database, FunnelQuery q) {
        String db = SqlLiterals.identifier(database);
        int n = q.steps().size();
        long windowMillis = q.window().toMillis();
        String start = SqlLiterals.instant(q.start());
        String end = SqlLiterals.instant(q.end());
        String last = SqlLiterals.instant(q.end().plus(q.window()));

        StringBuilder mask = new StringBuilder();
        Set<String> types = new LinkedHashSet<>();
        for (int k = 0; k < n; k++) {
            FunnelStep step = q.steps().get(k);
            types.add(step.event());
            StringBuilder cond = new StringBuilder("type = ").append(SqlLiterals.string(step.event()));
            if (k == 0) {
                // only step-1 events inside the range start chains; later steps may run up to W past its end
                cond.append(" AND ts < ").append(end);
            }
            for (PropertyFilter f : step.filters()) {
                cond.append(" AND ").append(condition(f));
            }
            mask.append(k == 0 ? "" : " + ").append("if(").append(cond).append(", ").append(1L << k).append(", 0)");
        }
        String breakdown = q.breakdown().map(FunnelSql::text).orElse("''");
        List<String> typeLiterals = new ArrayList<>();
        for (String t : types) {
            typeLiterals.add(SqlLiterals.string(t));
        }

        // acc: (levels before this millisecond, levels now, time of the last event, depth, entry of the deepest chain)
        String level = "if(k = 1, if(bitTest(x.2, 0), x.1, acc.2[1]), "
                + "if(bitTest(x.2, k - 1) AND P[k - 1] >= 0 AND x.1 <= P[k - 1] + " + windowMillis
                + ", greatest(acc.2[k], P[k - 1]), acc.2[k]))";
        String deepest = "arrayFold((acc, x) -> arrayMap(P -> arrayMap(L -> if(arrayCount(v -> v >= 0, L) > acc.4, "
                + "(P, L, x.1, toUInt8(acc.4 + 1), L[acc.4 + 1]), (P, L, x.1, acc.4, acc.5)), "
                + "[arrayMap(k -> " + level + ", range(1, " + (n + 1) + "))])[1], "
                + "[if(x.1 > acc.3, acc.2, acc.1)])[1], "
                + "g, (CAST(arrayWithConstant(" + n + ", -1) AS Array(Int64)), CAST(arrayWithConstant(" + n
                + ", -1) AS Array(Int64)), toInt64(-1), toUInt8(0), toInt64(-1)))";
        String chain = "arrayFold((acc, x) -> if(length(acc) < best.4 AND x.1 > acc[-1] AND x.1 <= best.5 + "
                + windowMillis + " AND bitTest(x.2, length(acc)), arrayPushBack(acc, x.1), acc), g, [best.5])";

        String matches = "SELECT user_id, toUnixTimestamp64Milli(ts) AS t, toUInt32(" + mask + ") AS m, " + breakdown + " AS p"
                + " FROM " + db + ".events"
                + " WHERE user_id != '' AND type IN (" + String.join(", ", typeLiterals) + ")"
                + " AND ts >= " + start + " AND ts < " + last + " AND m != 0";
        String perUser = "SELECT arraySort(x -> x.1, groupArray((t, m, p))) AS g"
                + " FROM (" + matches + ") GROUP BY user_id";
        String chains = "SELECT " + deepest + " AS best, " + chain + " AS times,"
                + " arrayReduce('min', arrayMap(x -> x.3, arrayFilter(x -> x.1 = best.5 AND bitTest(x.2, 0), g))) AS entry_value"
                + " FROM (" + perUser + ") WHERE best.4 > 0";
        String keys = q.breakdown().isPresent() ? "arrayJoin([toNullable(entry_value), NULL])" : "CAST(NULL AS Nullable(String))";
        String steps = "SELECT " + keys + " AS key, arrayJoin(arrayEnumerate(times)) AS step,"
                + " (times[step] - times[1]) / 1000 AS seconds FROM (" + chains + ")";
        return "SELECT isNull(key) AS total, ifNull(key, '') AS value, step, count() AS users,"
                + " quantileExactInclusive(0.5)(seconds) AS median_seconds, avg(seconds) AS mean_seconds"
                + " FROM (" + steps + ") GROUP BY key, step ORDER BY total DESC, value, step";
    }

    /** A filter as a condition; values are quoted literals or plain decimal numbers, never raw request text. */
    static String condition(PropertyFilter f) {
        String expr = f.numeric() ? number(f.field()) : text(f.field());
        List<String> values = new ArrayList<>();
        for (Object v : f.values()) {
            values.add(v instanceof BigDecimal d ? d.toPlainString() : SqlLiterals.string((String) v));
        }
        return switch (f.op()) {
            case EQ -> expr + " = " + values.get(0);
            case NEQ -> expr + " != " + values.get(0);
            case GT -> expr + " > " + values.get(0);
            case GTE -> expr + " >= " + values.get(0);
            case LT -> expr + " < " + values.get(0);
            case LTE -> expr + " <= " + values.get(0);
            case IN -> expr + " IN (" + String.join(", ", values) + ")";
            case NOT_IN -> expr + " NOT IN (" + String.join(", ", values) + ")";
            case CONTAINS -> "position(" + expr + ", " + values.get(0) + ") > 0";
        };
    }

    /** The property as text: its typed column, or from the data JSON (a string as is, anything else as its JSON). */
    static String text(String field) {
        String column = TYPED_COLUMNS.get(field);
        if (column != null) {
            return column;
        }
        String path = jsonPath(field);
        return "if(JSONType(data" + path + ") = 'String', JSONExtractString(data" + path + "), JSONExtractRaw(data" + path + "))";
    }

    /** The property as a number, NULL when it is absent or not a number. */
    static String number(String field) {
        String column = TYPED_COLUMNS.get(field);
        if (column != null) {
            return "toFloat64OrNull(toString(" + column + "))";
        }
        String path = jsonPath(field);
        return "if(JSONType(data" + path + ") IN ('Int64', 'UInt64', 'Double'), JSONExtractFloat(data" + path + "), NULL)";
    }

    private static String jsonPath(String field) {
        if (!PropertyFilter.FIELD.matcher(field).matches()) {
            throw new IllegalArgumentException("not a property path: " + field);
        }
        StringBuilder sb = new StringBuilder();
        for (String name : field.substring("data.".length()).split("\\.")) {
            sb.append(", ").append(SqlLiterals.string(name));
        }
        return sb.toString();
    }
}
