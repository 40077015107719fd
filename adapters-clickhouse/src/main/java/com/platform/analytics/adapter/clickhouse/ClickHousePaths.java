package com.platform.analytics.adapter.clickhouse;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.analysis.paths.PathDirection;
import com.platform.analytics.domain.analysis.paths.PathEdge;
import com.platform.analytics.domain.analysis.paths.PathNode;
import com.platform.analytics.domain.analysis.paths.PathsQuery;
import com.platform.analytics.domain.analysis.paths.PathsResult;
import com.platform.analytics.domain.event.EventTypes;
import com.platform.analytics.port.out.PathsEngine;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * User paths ({@link PathsQuery} says exactly what is counted) as one ClickHouse query: per user, the activity
 * events of the range as one sorted array, sessions numbered by a running sum of gaps over the limit, the path
 * cut out of the first session holding the anchor, then nodes (step, type) with each step's top N and edges
 * between consecutive steps. Every CTE is used once, so the events are read once. Types travel through the SQL
 * as small numbers ({@link #ACTIVITY_TYPES}), 0 being a type outside a step's top N ({@link PathsQuery#OTHER}).
 */
public final class ClickHousePaths implements PathsEngine {
    /** The activity types by name; the SQL works on their places in this list, numbers being far cheaper than strings. */
    static final List<String> ACTIVITY_TYPES = EventTypes.ACTIVITY.stream().sorted().toList();
    /** One more than the largest type code: the factor that packs a time and a type code into one number. */
    private static final int CODES = 16;

    static {
        if (ACTIVITY_TYPES.size() >= CODES) {
            throw new IllegalStateException("more activity types than codes: raise CODES");
        }
    }

    private final ClickHouseTransport transport;
    private final String database;

    @Inject
    public ClickHousePaths(ClickHouseTransport transport, ClickHouseConfig config) {
        this(transport, config.database());
    }

    public ClickHousePaths(ClickHouseTransport transport, String database) {
        this.transport = requireNonNull(transport, "transport is null");
        this.database = requireNonNull(database, "database is null");
        SqlLiterals.identifier(database);
    }

    @Override
    public PathsResult paths(PathsQuery query) {
        String sql = sql(database, query);
        List<PathNode> nodes = new ArrayList<>();
        List<StepEdge> edges = new ArrayList<>();
        for (List<String> row : TabSeparatedRows.parse(transport.query(sql, "TabSeparated"))) {
            int step = Integer.parseInt(row.get(1));
            String source = label(row.get(2));
            long users = Long.parseLong(row.get(4));
            if (row.get(0).equals("node")) {
                nodes.add(new PathNode(step, source, users));
            } else {
                edges.add(new StepEdge(step, new PathEdge(PathNode.id(step, source), PathNode.id(step + 1, label(row.get(3))), users)));
            }
        }
        nodes.sort(Comparator.comparingInt(PathNode::step).thenComparing(PathNode::users, Comparator.reverseOrder())
                .thenComparing(PathNode::event));
        edges.sort(Comparator.comparingInt(StepEdge::step)
                .thenComparing(e -> e.edge().users(), Comparator.reverseOrder())
                .thenComparing(e -> e.edge().source())
                .thenComparing(e -> e.edge().target()));
        List<PathEdge> sorted = edges.stream().map(StepEdge::edge).toList();
        return new PathsResult(nodes, sorted, sql);
    }

    /** An edge with its source step, to order edges by step. */
    private record StepEdge(int step, PathEdge edge) {
    }

    private static String label(String sqlCode) {
        int code = Integer.parseInt(sqlCode);
        return code == 0 ? PathsQuery.OTHER : ACTIVITY_TYPES.get(code - 1);
    }

    static String sql(String database, PathsQuery q) {
        String db = SqlLiterals.identifier(database);
        int anchor = code(q.anchor());
        int k = q.steps();
        String inRange = "ts >= " + SqlLiterals.instant(q.range().start()) + " AND ts < " + SqlLiterals.instant(q.range().end());
        StringBuilder types = new StringBuilder("[");
        for (int i = 0; i < ACTIVITY_TYPES.size(); i++) {
            types.append(i == 0 ? "" : ", ").append(SqlLiterals.string(ACTIVITY_TYPES.get(i)));
        }
        types.append(']');
        // an event is one number, time * 16 + type code: a plain numeric sort orders by time, then type name
        String perUser = "SELECT user_id, arraySort(groupArray(toUnixTimestamp64Milli(ts) * " + CODES + " + indexOf(" + types
                + ", toString(type)))) AS evs FROM " + db + ".events WHERE is_activity = 1 AND user_id != '' AND " + inRange
                // only users with the anchor in the range (a scan of the anchor's type alone, the table's first key)
                + " AND user_id IN (SELECT user_id FROM " + db + ".events WHERE type = " + SqlLiterals.string(q.anchor())
                + " AND " + inRange + ") GROUP BY user_id";
        String sessions = "SELECT user_id, arrayMap(x -> toUInt8(x % " + CODES + "), evs) AS types, "
                + "arrayCumSum(arrayMap(gap -> toUInt32(gap > " + q.sessionGapMillis() + "), "
                + "arrayDifference(arrayMap(x -> intDiv(x, " + CODES + "), evs)))) AS sess FROM per_user WHERE has(types, " + anchor + ")";
        String paths = q.direction() == PathDirection.FROM_START
                ? "SELECT user_id, indexOf(types, " + anchor + ") AS i, sess[i] AS s, "
                        + "arrayFilter((t, x) -> x = s, arraySlice(types, i, " + (k + 1) + "), arraySlice(sess, i, " + (k + 1)
                        + ")) AS path FROM sessions"
                : "SELECT user_id, sess[indexOf(types, " + anchor + ")] AS s, "
                        + "arrayLastIndex((t, x) -> t = " + anchor + " AND x = s, types, sess) AS j, greatest(1, j - " + k + ") AS b, "
                        + "arrayFilter((t, x) -> x = s, arraySlice(types, b, j - b + 1), arraySlice(sess, b, j - b + 1)) AS path "
                        + "FROM sessions";
        String step = q.direction() == PathDirection.FROM_START ? "toInt32(k) - 1" : "toInt32(k) - toInt32(length(path))";
        String cells = "SELECT user_id, " + step + " AS step, t FROM paths ARRAY JOIN path AS t, arrayEnumerate(path) AS k";
        // one pass: each cell learns its type's users at its step, then that type's rank there (ties by name)
        String counted = "SELECT user_id, step, t, count() OVER (PARTITION BY step, t) AS type_users FROM cells";
        String labelled = "SELECT user_id, step, if(dense_rank() OVER (PARTITION BY step ORDER BY type_users DESC, t ASC) <= "
                + q.topN() + ", t, 0) AS label FROM counted";
        // per user the labelled path, whose cells are nodes and whose consecutive pairs are edges
        String items = "SELECT arrayJoin(arrayConcat("
                + "arrayMap(x -> ('node', x.1, x.2, toUInt8(0)), ls), "
                + "arrayMap((a, b) -> ('edge', a.1, a.2, b.2), arrayPopBack(ls), arrayPopFront(ls)))) AS item "
                + "FROM (SELECT user_id, arraySort(groupArray((step, label))) AS ls FROM labelled GROUP BY user_id)";
        return "WITH per_user AS (" + perUser + "), sessions AS (" + sessions + "), paths AS (" + paths + "), "
                + "cells AS (" + cells + "), counted AS (" + counted + "), labelled AS (" + labelled + ") "
                + "SELECT tupleElement(item, 1) AS kind, tupleElement(item, 2) AS step, tupleElement(item, 3) AS source, "
                + "tupleElement(item, 4) AS target, count() AS users FROM (" + items + ") "
                + "GROUP BY kind, step, source, target";
    }

    /** The type's code in the SQL: its 1-based place among the activity types by name; 0 for any other type. */
    private static int code(String type) {
        return ACTIVITY_TYPES.indexOf(type) + 1;
    }
}
