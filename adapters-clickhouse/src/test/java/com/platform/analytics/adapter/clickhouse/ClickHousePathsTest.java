package com.platform.analytics.adapter.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import com.platform.analytics.domain.access.DataScope;
import com.platform.analytics.domain.analysis.paths.PathDirection;
import com.platform.analytics.domain.analysis.paths.PathEdge;
import com.platform.analytics.domain.analysis.paths.PathNode;
import com.platform.analytics.domain.analysis.paths.PathsQuery;
import com.platform.analytics.domain.analysis.paths.PathsResult;
import com.platform.analytics.domain.analysis.AnalysisRange;
import com.platform.analytics.domain.event.EventTypes;
import com.platform.analytics.domain.fact.FactRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * User paths on real ClickHouse (chDB) against an independent plain-Java computation over the same generated
 * events: sessions split by gaps of exactly the limit and one millisecond more, same-millisecond events,
 * non-activity and anonymous events, events around midnight in several zones, rows appended out of order and late.
 */
class ClickHousePathsTest {
    private static final String DATABASE = "paths_test";
    private static final LocalDate FROM = LocalDate.parse("2026-03-02");
    private static final LocalDate TO = LocalDate.parse("2026-03-08");
    private static final String[] TYPES = {
        EventTypes.USER_LOGGED_IN, EventTypes.GAME_VIEWED, EventTypes.GAME_VIEWED, EventTypes.GAME_SEARCHED,
        EventTypes.GAME_ADDED, EventTypes.SESSION_STARTED, EventTypes.SESSION_ENDED, EventTypes.TRANSACTION_COMPLETED,
        EventTypes.DOWNLOAD_STARTED, EventTypes.REVIEW_CREATED, EventTypes.FRIEND_ADDED, EventTypes.PROFILE_UPDATED,
        EventTypes.NOTIFICATION_SENT, EventTypes.EXPERIMENT_EXPOSED, EventTypes.DOWNLOAD_COMPLETED};
    private static final long GAP_MINUTES = 30;

    private static Path dataDir;
    private static ChdbEngine engine;
    private static ClickHousePaths paths;
    private static final List<AnalysisEvent> EVENTS = new ArrayList<>();

    @BeforeAll
    static void loadGeneratedEvents() throws Exception {
        Random random = new Random(2026_03_02);
        long gap = GAP_MINUTES * 60_000;
        long[] steps = {0, 0, 1, 1000, 60_000, 300_000, gap, gap, gap + 1, 2 * gap, 6 * 3_600_000L};
        int sequence = 0;
        for (int u = 0; u < 120; u++) {
            String user = u % 17 == 0 ? "" : "user-" + u;
            Instant t = Instant.parse("2026-03-01T18:00:00Z").plus(Duration.ofMinutes(random.nextInt(60 * 24 * 8)));
            int count = 5 + random.nextInt(30);
            for (int i = 0; i < count; i++) {
                t = t.plusMillis(steps[random.nextInt(steps.length)]);
                // ids in random order, unrelated to insertion and type order
                String id = "p" + random.nextInt(1_000_000) + "-" + (++sequence);
                EVENTS.add(new AnalysisEvent(random.nextBoolean() ? "/a" : "/b", id, TYPES[random.nextInt(TYPES.length)], t,
                        t.plusSeconds(1), user));
            }
        }
        List<AnalysisEvent> shuffled = new ArrayList<>(EVENTS);
        Collections.shuffle(shuffled, random);
        int lateFrom = shuffled.size() * 4 / 5;
        List<AnalysisEvent> late = new ArrayList<>();
        for (AnalysisEvent e : shuffled.subList(lateFrom, shuffled.size())) {
            late.add(new AnalysisEvent(e.source(), e.id(), e.type(), e.time(), e.time().plus(Duration.ofDays(3)), e.userId()));
        }
        dataDir = Files.createTempDirectory("chdb-paths");
        engine = ChdbEngine.open(dataDir, 2);
        ClickHouseWarehouse warehouse = new ClickHouseWarehouse(engine.transport(), DATABASE);
        warehouse.migrate();
        List<AnalysisEvent> onTime = shuffled.subList(0, lateFrom);
        for (int i = 0; i < onTime.size(); i += 400) {
            warehouse.append(rows(onTime.subList(i, Math.min(onTime.size(), i + 400))));
        }
        warehouse.append(rows(late));
        paths = new ClickHousePaths(engine.transport(), DATABASE);
    }

    @AfterAll
    static void closeEngine() throws Exception {
        if (engine != null) {
            engine.transport().execute("DROP DATABASE IF EXISTS " + DATABASE + " SYNC");
            engine.close();
        }
        if (dataDir != null) {
            try (var files = Files.walk(dataDir)) {
                files.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static List<FactRow> rows(List<AnalysisEvent> events) {
        return events.stream().map(AnalysisEvent::row).toList();
    }

    private static PathsQuery query(String zone, PathDirection direction, String anchor, int steps, int topN, int gapMinutes) {
        return new PathsQuery(new AnalysisRange(FROM, TO, ZoneId.of(zone)), direction, anchor, steps, topN, gapMinutes);
    }

    @Test
    void pathsFromAStartEventMatchThePlainComputation() {
        for (String zone : List.of("UTC", "Europe/Moscow", "America/Los_Angeles")) {
            for (int topN : new int[] {1, 3, 50}) {
                for (int steps : new int[] {1, 4, 10}) {
                    check(query(zone, PathDirection.FROM_START, EventTypes.GAME_VIEWED, steps, topN, (int) GAP_MINUTES));
                }
            }
        }
    }

    @Test
    void pathsToAnEndEventMatchThePlainComputation() {
        for (String zone : List.of("UTC", "Asia/Tokyo")) {
            for (int topN : new int[] {2, 50}) {
                check(query(zone, PathDirection.TO_END, EventTypes.TRANSACTION_COMPLETED, 5, topN, (int) GAP_MINUTES));
                check(query(zone, PathDirection.TO_END, EventTypes.GAME_VIEWED, 3, topN, 1));
            }
        }
    }

    @Test
    void otherSessionGapsMatchThePlainComputation() {
        for (int gap : new int[] {1, 5, 1440}) {
            check(query("UTC", PathDirection.FROM_START, EventTypes.USER_LOGGED_IN, 6, 4, gap));
        }
    }

    @Test
    void aGapOfExactlyTheLimitKeepsTheSessionAndOneMillisecondMoreEndsIt() {
        String db = "paths_gap_test";
        ClickHouseWarehouse warehouse = new ClickHouseWarehouse(engine.transport(), db);
        try {
            warehouse.migrate();
            Instant t0 = Instant.parse("2026-03-03T10:00:00Z");
            warehouse.append(rows(List.of(
                    new AnalysisEvent("/s", "1", EventTypes.USER_LOGGED_IN, t0, t0, "u1"),
                    // a notification in between keeps no session alive
                    new AnalysisEvent("/s", "2", EventTypes.NOTIFICATION_SENT, t0.plusSeconds(20 * 60), t0, "u1"),
                    new AnalysisEvent("/s", "3", EventTypes.GAME_VIEWED, t0.plusSeconds(30 * 60), t0, "u1"),
                    new AnalysisEvent("/s", "4", EventTypes.GAME_SEARCHED, t0.plusSeconds(60 * 60).plusMillis(1), t0, "u1"),
                    // same millisecond: ordered by type name (auth.user.loggedin first), whatever the ids or insertion order
                    new AnalysisEvent("/s", "6", EventTypes.GAME_ADDED, t0.plusSeconds(7200), t0, "u2"),
                    new AnalysisEvent("/s", "7", EventTypes.USER_LOGGED_IN, t0.plusSeconds(7200), t0, "u2"),
                    new AnalysisEvent("/s", "8", EventTypes.DOWNLOAD_STARTED, t0.plusSeconds(7201), t0, "u2"))));
            PathsResult result = new ClickHousePaths(engine.transport(), db).paths(DataScope.ALL_GAMES, new PathsQuery(
                    new AnalysisRange(FROM, TO, ZoneId.of("UTC")), PathDirection.FROM_START, EventTypes.USER_LOGGED_IN, 3, 10, 30));
            assertThat(result.nodes()).containsExactly(
                    new PathNode(0, EventTypes.USER_LOGGED_IN, 2),
                    // equal users: by type name
                    new PathNode(1, EventTypes.GAME_VIEWED, 1),
                    new PathNode(1, EventTypes.GAME_ADDED, 1),
                    new PathNode(2, EventTypes.DOWNLOAD_STARTED, 1));
            assertThat(result.edges()).containsExactlyInAnyOrder(
                    new PathEdge("0:" + EventTypes.USER_LOGGED_IN, "1:" + EventTypes.GAME_VIEWED, 1),
                    new PathEdge("0:" + EventTypes.USER_LOGGED_IN, "1:" + EventTypes.GAME_ADDED, 1),
                    new PathEdge("1:" + EventTypes.GAME_ADDED, "2:" + EventTypes.DOWNLOAD_STARTED, 1));
        } finally {
            engine.transport().execute("DROP DATABASE IF EXISTS " + db + " SYNC");
        }
    }

    @Test
    void anEmptyRangeHasNoNodes() {
        PathsResult result = paths.paths(DataScope.ALL_GAMES, new PathsQuery(new AnalysisRange(LocalDate.parse("2030-01-01"),
                LocalDate.parse("2030-01-02"), ZoneId.of("UTC")), PathDirection.FROM_START, EventTypes.GAME_VIEWED, 3, 5, 30));
        assertThat(result.nodes()).isEmpty();
        assertThat(result.edges()).isEmpty();
        assertThat(result.sql()).contains("events");
    }

    @Test
    void aHostileAnchorIsAValueNotSql() {
        // the domain accepts only activity types as anchors; the engine must still quote whatever it gets
        for (String hostile : new String[] {"x' OR 1=1 --", "\\' OR 1=1) --", "a\tb\nc"}) {
            PathsQuery q = new PathsQuery(new AnalysisRange(FROM, TO, ZoneId.of("UTC")), PathDirection.TO_END, hostile, 3, 5, 30);
            assertThat(paths.paths(DataScope.ALL_GAMES, q).nodes()).as(hostile).isEmpty();
        }
    }

    private static void check(PathsQuery q) {
        PathsResult actual = paths.paths(DataScope.ALL_GAMES, q);
        Map<String, Long> nodes = new TreeMap<>();
        for (PathNode n : actual.nodes()) {
            nodes.put(n.id(), n.users());
        }
        Map<String, Long> edges = new TreeMap<>();
        for (PathEdge e : actual.edges()) {
            assertThat(edges.put(e.source() + " -> " + e.target(), e.users())).as("one edge per pair").isNull();
        }
        Expected want = expected(q);
        String what = q.direction() + " " + q.anchor() + " " + q.range().zone() + " steps " + q.steps() + " top " + q.topN()
                + " gap " + q.sessionGapMinutes();
        assertThat(nodes).as("nodes of %s", what).isEqualTo(want.nodes).isNotEmpty();
        assertThat(edges).as("edges of %s", what).isEqualTo(want.edges);
        // the Sankey promise: what leaves a node never weighs more than the users who reached it
        Map<String, Long> leaving = new HashMap<>();
        actual.edges().forEach(e -> leaving.merge(e.source(), e.users(), Long::sum));
        leaving.forEach((node, users) -> assertThat(users).as("leaving %s", node).isLessThanOrEqualTo(nodes.get(node)));
        if (q.topN() == 1) {
            assertThat(nodes.keySet()).as("a top 1 leaves others").anyMatch(id -> id.endsWith(":" + PathsQuery.OTHER));
        }
        // at most topN types plus "other" per step
        Map<Integer, Long> perStep = new HashMap<>();
        actual.nodes().forEach(n -> perStep.merge(n.step(), 1L, Long::sum));
        perStep.values().forEach(c -> assertThat(c).isLessThanOrEqualTo(q.topN() + 1L));
    }

    record Expected(Map<String, Long> nodes, Map<String, Long> edges) {
    }

    private static Expected expected(PathsQuery q) {
        return expected(q, EVENTS);
    }

    /** KPI_DEFINITIONS.md, Paths, as PathsQuery makes it exact, computed directly from {@code all} (also for the scope tests). */
    static Expected expected(PathsQuery q, List<AnalysisEvent> all) {
        Instant start = q.range().start();
        Instant end = q.range().end();
        Map<String, List<AnalysisEvent>> byUser = new HashMap<>();
        for (AnalysisEvent e : all) {
            if (e.activity() && !e.userId().isEmpty() && !e.time().isBefore(start) && e.time().isBefore(end)) {
                byUser.computeIfAbsent(e.userId(), k -> new ArrayList<>()).add(e);
            }
        }
        long gapMillis = q.sessionGapMinutes() * 60_000L;
        List<List<String>> userPaths = new ArrayList<>();
        List<Integer> firstSteps = new ArrayList<>();
        for (List<AnalysisEvent> events : byUser.values()) {
            events.sort(Comparator.comparing(AnalysisEvent::time).thenComparing(AnalysisEvent::type));
            List<List<String>> sessions = new ArrayList<>();
            Instant previous = null;
            for (AnalysisEvent e : events) {
                if (previous == null || Duration.between(previous, e.time()).toMillis() > gapMillis) {
                    sessions.add(new ArrayList<>());
                }
                sessions.get(sessions.size() - 1).add(e.type());
                previous = e.time();
            }
            for (List<String> session : sessions) {
                if (!session.contains(q.anchor())) {
                    continue;
                }
                if (q.direction() == PathDirection.FROM_START) {
                    int i = session.indexOf(q.anchor());
                    userPaths.add(session.subList(i, Math.min(session.size(), i + q.steps() + 1)));
                    firstSteps.add(0);
                } else {
                    int j = session.lastIndexOf(q.anchor());
                    int b = Math.max(0, j - q.steps());
                    userPaths.add(session.subList(b, j + 1));
                    firstSteps.add(b - j);
                }
                break;
            }
        }
        // users per (step, type), then each step's top N by users, ties by type name
        Map<Integer, Map<String, Long>> counts = new TreeMap<>();
        for (int p = 0; p < userPaths.size(); p++) {
            List<String> path = userPaths.get(p);
            for (int i = 0; i < path.size(); i++) {
                counts.computeIfAbsent(firstSteps.get(p) + i, k -> new HashMap<>()).merge(path.get(i), 1L, Long::sum);
            }
        }
        Map<Integer, Set<String>> top = new HashMap<>();
        counts.forEach((step, types) -> {
            List<Map.Entry<String, Long>> ranked = new ArrayList<>(types.entrySet());
            ranked.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
            Set<String> kept = new HashSet<>();
            for (int i = 0; i < Math.min(q.topN(), ranked.size()); i++) {
                kept.add(ranked.get(i).getKey());
            }
            top.put(step, kept);
        });
        Map<String, Long> nodes = new TreeMap<>();
        Map<String, Long> edges = new TreeMap<>();
        for (int p = 0; p < userPaths.size(); p++) {
            List<String> path = userPaths.get(p);
            String previousNode = null;
            for (int i = 0; i < path.size(); i++) {
                int step = firstSteps.get(p) + i;
                String label = top.get(step).contains(path.get(i)) ? path.get(i) : PathsQuery.OTHER;
                String node = step + ":" + label;
                nodes.merge(node, 1L, Long::sum);
                if (previousNode != null) {
                    edges.merge(previousNode + " -> " + node, 1L, Long::sum);
                }
                previousNode = node;
            }
        }
        return new Expected(nodes, edges);
    }
}
