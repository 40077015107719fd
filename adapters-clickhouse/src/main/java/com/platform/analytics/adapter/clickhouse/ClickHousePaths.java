package com.platform.analytics.adapter.clickhouse;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.access.DataScope;
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
    public PathsResult paths(DataScope scope, PathsQuery query) {
        String sql = sql(database, scope, query);
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

    static String sql(String database, DataScope scope, PathsQuery q) {
        String db = SqlLiterals.identifier(database);
        int anchor = code(q.anchor());
        int k = q.steps();
        long gap = q.sessionGapMillis();
        String inRange = "ts >= " + SqlLiterals.instant(q.range().start()) + " AND ts < " + SqlLiterals.instant(q.range().end());
        StringBuilder types = new StringBuilder("[");
        StringBuilder codes = new StringBuilder("[");
        for (int i = 0; i < ACTIVITY_TYPES.size(); i++) {
            types.append(i == 0 ? "" : ", ").append(SqlLiterals.string(ACTIVITY_TYPES.get(i)));
            codes.append(i == 0 ? "" : ", ").append(i + 1);
        }
        types.append(']');
        codes.append(']');
        // a developer's paths and sessions are made of the activity in their games only (activity elsewhere neither
        // makes a step nor keeps a session going)
        // an event is one number, time * 16 + type code: a plain numeric sort orders by time, then type name;
        // transform() works on the type column's dictionary, not on every row
        String perUser = "SELECT arraySort(groupArray(toUnixTimestamp64Milli(ts) * " + CODES + " + transform(type, " + types
                + ", " + codes + ", 0))) AS evs FROM " + db + ".events WHERE is_activity = 1 AND user_id != ''" + AnalysisScopeSql.and(scope) + " AND " + inRange
                + " GROUP BY user_id";
        // the user's first anchor opens the session that counts; only that session's part next to it is cut out
        String first = "arrayFirstIndex(x -> x % " + CODES + " = " + anchor + ", evs)";
        String path;
        String step;
        if (q.direction() == PathDirection.FROM_START) {
            path = "SELECT arrayMap(x -> toUInt8(x % " + CODES + "), if(cut = 0, w, arraySlice(w, 1, cut - 1))) AS path FROM ("
                    + "SELECT arraySlice(evs, " + first + ", " + (k + 1) + ") AS w, "
                    + "arrayFirstIndex(g -> g > " + gap + ", arrayDifference(arrayMap(x -> intDiv(x, " + CODES + "), w))) AS cut "
                    + "FROM (" + perUser + ") WHERE " + first + " > 0)";
            step = "toInt32(n) - 1";
        } else {
            // the session holding the first anchor runs from the last gap at or before it to the next gap after it;
            // the path ends at the session's last anchor
            path = "SELECT arrayMap(x -> toUInt8(x % " + CODES + "), arraySlice(evs, b, j - b + 1)) AS path FROM ("
                    + "SELECT evs, " + first + " AS i, arrayDifference(arrayMap(x -> intDiv(x, " + CODES + "), evs)) AS gaps, "
                    + "greatest(1, arrayLastIndex((g, n) -> n <= i AND g > " + gap + ", gaps, arrayEnumerate(gaps))) AS opened, "
                    + "arrayFirstIndex((g, n) -> n > i AND g > " + gap + ", gaps, arrayEnumerate(gaps)) AS next_opened, "
                    + "if(next_opened = 0, length(evs), next_opened - 1) AS closed, "
                    + "arrayLastIndex((x, n) -> x % " + CODES + " = " + anchor + " AND n <= closed, evs, arrayEnumerate(evs)) AS j, "
                    + "greatest(opened, j - " + k + ") AS b FROM (" + perUser + ") WHERE i > 0)";
            step = "toInt32(n) - toInt32(length(path))";
        }
        // per path its nodes (step, type) and edges (step, type, next type); a user has one type per step, so counts of
        // raw types add up exactly when the types past a step's top N are merged into "other" afterwards
        String items = "SELECT arrayJoin(arrayConcat("
                + "arrayMap((t, n) -> ('node', " + step + ", t, toUInt8(0)), path, arrayEnumerate(path)), "
                + "arrayMap((a, b, n) -> ('edge', " + step + ", a, b), arrayPopBack(path), arrayPopFront(path), "
                + "arrayEnumerate(arrayPopBack(path))))) AS item FROM (" + path + ")";
        String raw = "SELECT groupArray((kind, step, source, target, users)) AS rows FROM ("
                + "SELECT item.1 AS kind, item.2 AS step, item.3 AS source, item.4 AS target, count() AS users FROM ("
                + items + ") GROUP BY kind, step, source, target)";
        // per step the top N types by users, ties by name (codes follow names)
        String top = "SELECT rows, arrayMap(x -> (x.2, x.3), arrayFilter((x, r) -> r <= " + q.topN() + ", nodes, "
                + "arrayEnumerateUniq(arrayMap(x -> x.2, nodes)))) AS top FROM (SELECT rows, "
                + "arraySort(x -> (x.2, -toInt64(x.5), x.3), arrayFilter(x -> x.1 = 'node', rows)) AS nodes FROM (" + raw + "))";
        return "SELECT x.1 AS kind, x.2 AS step, if(has(top, (x.2, x.3)), x.3, 0) AS source, "
                + "if(x.1 = 'edge' AND has(top, (toInt32(x.2 + 1), x.4)), x.4, 0) AS target, sum(x.5) AS users "
                + "FROM (SELECT arrayJoin(rows) AS x, top FROM (" + top + ")) GROUP BY kind, step, source, target";
    }

    /** The type's code in the SQL: its 1-based place among the activity types by name; 0 for any other type. */
    private static int code(String type) {
        return ACTIVITY_TYPES.indexOf(type) + 1;
    }
}
