package com.platform.analytics.adapter.clickhouse;

import com.platform.analytics.domain.access.DataScope;
import com.platform.analytics.domain.analysis.funnel.FunnelQuery;
import com.platform.analytics.domain.analysis.funnel.FunnelStep;
import com.platform.analytics.domain.analysis.funnel.PropertyFilter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A funnel (KPI_DEFINITIONS.md, Funnels) as one ClickHouse query, linear in each user's events times the steps, with
 * no per-event loop: every step is a few native array passes.
 *
 * <p>Per user, the events that match any step are packed as one number each (milliseconds since the range start
 * above a bit mask of the steps the event matches) and sorted. For every level k an array {@code Lk} holds, after
 * each event, the latest step-1 time among the chains that have reached k by then: a later entry leaves more of its
 * window, so it dominates every earlier one at the same level. {@code L1} is the last step-1 time so far (a forward
 * fill). A step-k event extends the level k-1 as it stood before the event's millisecond ({@code P(k-1)}: the
 * previous event's {@code L(k-1)}, carried over the events of one millisecond), when it lies within that entry's
 * window; {@code Lk} is the forward fill of those entries (they never decrease, so the last is the greatest). So
 * events of one millisecond never follow each other: "strictly after" is by at least one millisecond. Levels beyond
 * the first four are one fold over the steps, whose state carries {@code L(k-1)} and the arrays of the users still
 * going.
 *
 * <p>The user's depth D is the deepest level reached, and the entry s the first non-zero value of {@code LD}: the
 * latest start among the chains that reached D first. The time of step k from that entry is the first time
 * {@code Lk} reaches s: no chain that starts at or after s reaches k earlier than the greedy one from s (each of its
 * matches is the earliest possible), and that greedy chain's k-th event raises {@code Lk} to s or beyond; so the
 * times are those of the greedy walk from s (a fold over the steps, each step one search of the events). The
 * breakdown value is that of the entry event (the smallest, if several step-1 events share its millisecond).
 *
 * <p>{@code windowFunnel(W)(..., 'strict_increase')} is not used: it keeps one chain per level and replaces it
 * when a later entry reaches the level, losing the earlier chain's smaller last time, so "A, A, B, B+C in the same
 * millisecond" counts 2 steps where the definition counts 3 (ClickHouseFunnelsTest shows it). It also gives no
 * times.
 *
 * <p>A developer's {@link DataScope} is a condition of the one scan of {@code events}, so every step's matches,
 * entry events and breakdown values come from that developer's games only.
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

    /** Low bits of a packed event that hold its step mask (at most 20 steps). */
    private static final int MASK_BITS = FunnelQuery.MAX_STEPS;

    /** Levels computed as expressions of their own; any beyond them in one fold (see {@link #of}). */
    private static final int SEPARATE_LEVELS = 4;

    private FunnelSql() {
    }

    static String of(String database, DataScope scope, FunnelQuery q) {
        return of(database, scope, q, UserKey.HASHED);
    }

    /**
     * How a user's events are grouped: by a 64-bit hash of the pseudonym (a number key: about half the cost of the
     * string key on 10M events), with a second hash as a guard that fails the query with {@link #COLLISION} should two
     * users ever share the first one (then the query is run again by the exact pseudonym); or by the pseudonym.
     */
    enum UserKey {
        HASHED, EXACT
    }

    /** The message of the guard that fails a {@link UserKey#HASHED} query when two users share a hash. */
    static final String COLLISION = "funnel: two users share a grouping hash";

    /** {@link #COLLISION} as SQL that does not contain it: an error quoting the SQL is not mistaken for the guard's. */
    private static final String COLLISION_IN_SQL = "concat('funnel: two users share', ' a grouping hash')";

    /** Whether a failure is the hash guard's (the query then runs again with {@link UserKey#EXACT}). */
    static boolean isCollision(RuntimeException e) {
        String message = e.getMessage();
        return message != null && message.contains(COLLISION);
    }

    static String of(String database, DataScope scope, FunnelQuery q, UserKey userKey) {
        String db = SqlLiterals.identifier(database);
        int n = q.steps().size();
        long windowMillis = q.window().toMillis();
        String start = SqlLiterals.instant(q.start());
        String end = SqlLiterals.instant(q.end());
        String last = SqlLiterals.instant(q.end().plus(q.window()));

        // The step mask of an event. Unfiltered steps after the first depend on the type alone: one lookup of the type
        // gives all of them (per row, one transform instead of a comparison per step); the others are conditions.
        StringBuilder mask = new StringBuilder();
        Set<String> types = new LinkedHashSet<>();
        Map<String, Long> byType = new LinkedHashMap<>();
        for (int k = 0; k < n; k++) {
            FunnelStep step = q.steps().get(k);
            types.add(step.event());
            if (k > 0 && step.filters().isEmpty()) {
                byType.merge(step.event(), 1L << k, (a, b) -> a | b);
                continue;
            }
            StringBuilder cond = new StringBuilder("type = ").append(SqlLiterals.string(step.event()));
            if (k == 0) {
                // only step-1 events inside the range start chains; later steps may run up to W past its end
                cond.append(" AND ts < ").append(end);
            }
            for (PropertyFilter f : step.filters()) {
                cond.append(" AND ").append(condition(f));
            }
            mask.append(mask.isEmpty() ? "" : " + ").append("if(").append(cond).append(", ").append(1L << k).append(", 0)");
        }
        if (!byType.isEmpty()) {
            List<String> from = new ArrayList<>();
            List<String> to = new ArrayList<>();
            byType.forEach((type, bits) -> {
                from.add(SqlLiterals.string(type));
                to.add(Long.toString(bits));
            });
            mask.append(" + transform(type, [").append(String.join(", ", from)).append("], [")
                    .append(String.join(", ", to)).append("], 0)");
        }
        String breakdown = q.breakdown().map(FunnelSql::text).orElse("''");
        List<String> typeLiterals = new ArrayList<>();
        for (String t : types) {
            typeLiterals.add(SqlLiterals.string(t));
        }

        // Each matching event as one number: milliseconds since the range start (+ 1, so 0 means "none") above the
        // step mask, so one native sort orders a user's events by time and the mask rides along.
        long startMillis = q.start().toEpochMilli();
        String rel = "(toUnixTimestamp64Milli(ts) - " + startMillis + " + 1)";
        String matches = "SELECT user_id, toUInt64(" + mask + ") AS m, " + breakdown + " AS p, "
                + "bitOr(bitShiftLeft(toUInt64" + rel + ", " + MASK_BITS + "), m) AS e"
                + " FROM " + db + ".events"
                + " WHERE user_id != ''" + AnalysisScopeSql.and(scope) + " AND type IN (" + String.join(", ", typeLiterals) + ")"
                + " AND ts >= " + start + " AND ts < " + last + " AND m != 0";
        String entries = q.breakdown().isPresent()
                ? ", groupArrayIf((toInt64(bitShiftRight(e, " + MASK_BITS + ")), p), bitTest(m, 0)) AS b"
                : "";
        String perUser = "SELECT arraySort(groupArray(e)) AS g" + entries + " FROM (" + matches + ")"
                + (userKey == UserKey.EXACT
                        ? " GROUP BY user_id HAVING max(bitAnd(m, 1)) = 1"
                        : " GROUP BY xxh3(user_id) HAVING max(bitAnd(m, 1)) = 1"
                                + " AND throwIf(min(cityHash64(user_id)) != max(cityHash64(user_id)), " + COLLISION_IN_SQL + ") = 0");

        // The levels. fk is the first entry at level k, 0 when level k was not reached. The first few are expressions
        // of their own; the rest, if any, one fold over the steps whose state is (times, packed events,
        // first-of-millisecond flags, L(k-1), [f1 .. f(k-1)]). ClickHouse analyses each expression of a query, about
        // 10 ms per level here, so a 20-step funnel of separate levels spent ~200 ms before reading a row; the fold is
        // one expression for all its levels. A user who did not reach level k cannot reach k + 1, so the fold's state
        // holds empty arrays for them: most users stop within the first levels, and the later levels pass over the few
        // who go on. The originals (g, t) stay for the walk.
        String carried = "g, t" + (q.breakdown().isPresent() ? ", b" : "");
        int separate = Math.min(n, SEPARATE_LEVELS);
        StringBuilder first = new StringBuilder("SELECT *");
        List<String> firsts = new ArrayList<>();
        firsts.add("arrayFirst(v -> v != 0, L1)");
        for (int k = 2; k <= separate; k++) {
            first.append(", ").append(level(Integer.toString(k - 1), "t", "g", "L" + (k - 1), "first_of_ms", windowMillis))
                    .append(" AS L").append(k);
            firsts.add("arrayFirst(v -> v != 0, L" + k + ")");
        }
        first.append(" FROM (SELECT *, ")
                .append("arrayMap(x -> toInt64(bitShiftRight(x, ").append(MASK_BITS).append(")), g) AS t, ")
                .append("arrayMap((d, i) -> i = 1 OR d != 0, arrayDifference(t), arrayEnumerate(t)) AS first_of_ms, ")
                .append("arrayFill(v -> v != 0, arrayMap((ti, x) -> if(bitTest(x, 0), ti, 0), t, g)) AS L1")
                .append(" FROM (").append(perUser).append("))");
        String levels;
        if (separate == n) {
            levels = "SELECT " + carried + ", [" + String.join(", ", firsts) + "] AS firsts FROM (" + first + ")";
        } else {
            String level = level("k - 1", "acc.1", "acc.2", "acc.4", "acc.3", windowMillis);
            String entry = "arrayFirst(v -> v != 0, " + level + ")";
            String kept = "if(" + entry + " != 0, length(acc.1), 0)";
            String step = "(acc, k) -> (arraySlice(acc.1, 1, " + kept + "), arraySlice(acc.2, 1, " + kept + "), arraySlice(acc.3, 1, "
                    + kept + "), arraySlice(" + level + ", 1, " + kept + "), arrayPushBack(acc.5, " + entry + "))";
            String reached = "if(" + firsts.get(separate - 1) + " != 0, length(t), 0)";
            levels = "SELECT " + carried + ", arrayFold(" + step + ", range(" + (separate + 1) + ", " + (n + 1) + "), (arraySlice(t, 1, "
                    + reached + "), arraySlice(g, 1, " + reached + "), arraySlice(first_of_ms, 1, " + reached + "), arraySlice(L"
                    + separate + ", 1, " + reached + "), [" + String.join(", ", firsts) + "])).5 AS firsts FROM (" + first + ")";
        }

        // fk != 0 exactly when level k was reached, and a level is reached only after the one before it: the depth is
        // the count of reached levels. The chain from s, one step per fold iteration (as many as the depth): step k is
        // the first step-k event after step k-1's, within s's window. One expression for all steps: ClickHouse names an
        // expression by its full text, so a chain of per-step expressions that each name the previous one, the depth
        // and s would make the query's analysis cost more than its 10M events.
        String walked = "g, t, depth, s" + (q.breakdown().isPresent() ? ", b" : "");
        String walk = "SELECT " + walked + ", arrayFold((acc, k) -> arrayPushBack(acc, arrayFirst((ti, x) -> bitTest(x, k - 1)"
                + " AND ti > acc[-1] AND ti <= s + " + windowMillis + ", t, g)), range(2, depth + 1), [s]) AS times"
                + " FROM (SELECT " + carried + ", arrayCount(v -> v != 0, firsts) AS depth, firsts[depth] AS s"
                + " FROM (" + levels + "))";
        String entryValue = q.breakdown().isPresent()
                ? ", arrayReduce('min', arrayMap(x -> x.2, arrayFilter(x -> x.1 = s, b))) AS entry_value"
                : "";
        String chains = "SELECT times" + entryValue + " FROM (" + walk + ")";
        String keys = q.breakdown().isPresent() ? "arrayJoin([toNullable(entry_value), NULL])" : "CAST(NULL AS Nullable(String))";
        String steps = "SELECT " + keys + " AS key, arrayJoin(arrayEnumerate(times)) AS step,"
                + " (times[step] - times[1]) / 1000 AS seconds FROM (" + chains + ")";
        return "SELECT isNull(key) AS total, ifNull(key, '') AS value, step, count() AS users,"
                + " quantileExactInclusive(0.5)(seconds) AS median_seconds, avg(seconds) AS mean_seconds"
                + " FROM (" + steps + ") GROUP BY key, step ORDER BY total DESC, value, step";
    }

    /**
     * Level k's array {@code Lk} from level k-1's: a step-k event ({@code bit} of its mask) extends the previous
     * level as it stood before the event's millisecond, within that entry's window; then the forward fill.
     */
    private static String level(String bit, String times, String events, String previous, String firstOfMs, long windowMillis) {
        return "arrayFill(v -> v != 0, arrayMap((ti, x, c) -> if(bitTest(x, " + bit + ") AND c != 0 AND ti <= c + " + windowMillis
                + ", c, 0), " + times + ", " + events + ", arrayFill((v, f) -> f, arrayShiftRight(" + previous + ", 1), "
                + firstOfMs + ")))";
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
