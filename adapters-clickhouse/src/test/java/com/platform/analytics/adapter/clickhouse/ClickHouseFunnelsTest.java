package com.platform.analytics.adapter.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.platform.analytics.adapter.clickhouse.PlainJavaFunnel.Event;
import com.platform.analytics.domain.access.DataScope;
import com.platform.analytics.domain.analysis.funnel.FilterOperator;
import com.platform.analytics.domain.analysis.funnel.FunnelBreakdown;
import com.platform.analytics.domain.analysis.funnel.FunnelQuery;
import com.platform.analytics.domain.analysis.funnel.FunnelResult;
import com.platform.analytics.domain.analysis.funnel.FunnelStep;
import com.platform.analytics.domain.analysis.funnel.FunnelStepResult;
import com.platform.analytics.domain.analysis.funnel.PropertyFilter;
import com.platform.analytics.domain.fact.FactRow;
import com.platform.analytics.domain.json.Json;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Funnels against real ClickHouse (chDB), compared with {@link PlainJavaFunnel} (the definition by brute force) on
 * the same events, and on small hand-worked histories for the edge cases. One engine, a fresh database per test.
 */
class ClickHouseFunnelsTest {
    private static final String A = "test.step.a";
    private static final String B = "test.step.b";
    private static final String C = "test.step.c";
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    private static final LocalDate DAY = LocalDate.parse("2026-03-02");
    private static final long T0 = Instant.parse("2026-03-02T10:00:00Z").toEpochMilli();

    private static Path dataDir;
    private static ChdbEngine engine;
    private static int databases;

    private ClickHouseWarehouse warehouse;
    private ClickHouseFunnels funnels;
    private final List<Event> events = new ArrayList<>();

    @BeforeAll
    static void openEngine() throws Exception {
        dataDir = Files.createTempDirectory("chdb-funnels-test");
        engine = ChdbEngine.open(dataDir, 2);
    }

    @AfterAll
    static void closeEngine() throws Exception {
        if (engine != null) {
            engine.close();
        }
        try (var paths = Files.walk(dataDir)) {
            paths.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @BeforeEach
    void freshDatabase() {
        warehouse = new ClickHouseWarehouse(engine.transport(), "funnels_test_" + (++databases));
        warehouse.migrate();
        funnels = new ClickHouseFunnels(engine.transport(), warehouse.database());
    }

    @AfterEach
    void dropDatabase() {
        engine.transport().execute("DROP DATABASE IF EXISTS " + warehouse.database() + " SYNC");
    }

    // --- hand-worked histories ---

    @Test
    void eventsOfTheSameMillisecondNeverFollowEachOtherButAnEarlierChainCanStillUseThem() {
        // u1: A, A, B, then B and C in one millisecond: the chain from the second A is A@3 -> B@5 -> C@7
        add("u1", A, 0);
        add("u1", A, 3);
        add("u1", B, 5);
        add("u1", B, 7);
        add("u1", C, 7);
        // u2: A and B in the same millisecond: B is not after A
        add("u2", A, 0);
        add("u2", B, 0);
        load();

        FunnelResult result = funnels.funnel(DataScope.ALL_GAMES, query(UTC, Duration.ofDays(1), A, B, C));

        assertThat(result.steps()).extracting(FunnelStepResult::users).containsExactly(2L, 1L, 1L);
        assertThat(result.steps().get(2).medianSecondsFromStart()).isEqualByComparingTo("0.004");
        assertMatchesPlainJava(query(UTC, Duration.ofDays(1), A, B, C));
        // why windowFunnel is not used: it keeps only the latest chain per level and counts u1 two steps deep
        String depth = engine.transport().query("SELECT windowFunnel(86400000, 'strict_increase')(toUInt64(toUnixTimestamp64Milli(ts)), "
                + "type = '" + A + "', type = '" + B + "', type = '" + C + "') FROM " + warehouse.database()
                + ".events WHERE user_id = 'u1'", "TabSeparated").strip();
        assertThat(depth).isEqualTo("2");
    }

    @Test
    void aStepExactlyAtTheEndOfTheWindowCountsAndOneMillisecondLaterDoesNot() {
        long w = Duration.ofHours(1).toMillis();
        add("in", A, 0);
        add("in", B, w);
        add("out", A, 0);
        add("out", B, w + 1);
        load();

        FunnelResult result = funnels.funnel(DataScope.ALL_GAMES, query(UTC, Duration.ofHours(1), A, B));

        assertThat(result.steps()).extracting(FunnelStepResult::users).containsExactly(2L, 1L);
        assertThat(result.steps().get(1).conversionFromStart()).isEqualByComparingTo("0.5000");
        assertThat(result.steps().get(1).meanSecondsFromStart()).isEqualByComparingTo("3600.000");
    }

    @Test
    void aLaterEntryThatGoesDeeperGivesTheDepthAndTheTimes() {
        long hour = 3_600_000;
        add("u", A, 0);
        add("u", B, hour);
        add("u", A, 9 * 24 * hour);
        add("u", B, 9 * 24 * hour + hour);
        add("u", C, 9 * 24 * hour + 2 * hour);
        load();
        FunnelQuery q = new FunnelQuery(DAY, DAY.plusDays(10), UTC, Duration.ofDays(7),
                List.of(step(A), step(B), step(C)), Optional.empty());

        FunnelResult result = funnels.funnel(DataScope.ALL_GAMES, q);

        assertThat(result.steps()).extracting(FunnelStepResult::users).containsExactly(1L, 1L, 1L);
        assertThat(result.steps()).extracting(FunnelStepResult::medianSecondsFromStart)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("0"), new BigDecimal("3600"), new BigDecimal("7200"));
    }

    @Test
    void theRangeIsDaysInTheRequestedZone() {
        // 22:30 UTC on Mar 1 is 01:30 on Mar 2 in Moscow
        long lateEvening = Instant.parse("2026-03-01T22:30:00Z").toEpochMilli();
        add("u", A, lateEvening);
        add("u", B, lateEvening + 60_000);
        load();

        assertThat(funnels.funnel(DataScope.ALL_GAMES, query(UTC, Duration.ofDays(1), A, B)).steps().get(0).users()).isZero();
        assertThat(funnels.funnel(DataScope.ALL_GAMES, query(MOSCOW, Duration.ofDays(1), A, B)).steps())
                .extracting(FunnelStepResult::users).containsExactly(1L, 1L);
        assertMatchesPlainJava(query(MOSCOW, Duration.ofDays(1), A, B));
    }

    @Test
    void anEmptyRangeGivesZerosAndNoTimes() {
        add("u", A, T0 - 10 * 86_400_000L);
        load();

        FunnelResult result = funnels.funnel(DataScope.ALL_GAMES, query(UTC, Duration.ofDays(1), A, B));

        for (FunnelStepResult s : result.steps()) {
            assertThat(s.users()).isZero();
            assertThat(s.conversionFromStart()).isEqualByComparingTo("0");
            assertThat(s.medianSecondsFromStart()).isNull();
        }
        assertThat(result.sql()).contains("FROM `" + warehouse.database() + "`.events");
    }

    @Test
    void anonymousEventsNeverCountAndFiltersBindHostileValuesAsLiterals() {
        String hostile = "pc' OR 1=1 --\\";
        add("", A, 0, Map.of("platform", "pc"));
        add("u1", A, 0, Map.of("platform", hostile));
        add("u1", B, 1, Map.of());
        add("u2", A, 0, Map.of("platform", "pc"));
        add("u2", B, 1, Map.of());
        load();
        FunnelQuery q = new FunnelQuery(DAY, DAY, UTC, Duration.ofDays(1), List.of(
                new FunnelStep(A, List.of(new PropertyFilter("data.platform", FilterOperator.EQ, List.of(hostile)))),
                step(B)), Optional.empty());

        FunnelResult result = funnels.funnel(DataScope.ALL_GAMES, q);

        assertThat(result.steps()).extracting(FunnelStepResult::users).containsExactly(1L, 1L);
        assertMatchesPlainJava(q);
    }

    @Test
    void aBreakdownSplitsUsersByTheirEntryEventAndAddsUpToTheFunnel() {
        add("u1", A, 0, Map.of("platform", "pc"));
        add("u1", B, 10, Map.of());
        add("u2", A, 0, Map.of("platform", "ps"));
        add("u3", A, 0, Map.of("platform", "pc"));
        add("u4", A, 0, Map.of());
        // two entries in one millisecond: the smaller value is the entry's
        add("u5", A, 0, Map.of("platform", "xbox"));
        add("u5", A, 0, Map.of("platform", "ps"));
        load();
        FunnelQuery q = new FunnelQuery(DAY, DAY, UTC, Duration.ofDays(1), List.of(step(A), step(B)), Optional.of("data.platform"));

        FunnelResult result = funnels.funnel(DataScope.ALL_GAMES, q);

        assertThat(result.breakdown()).extracting(FunnelBreakdown::value).containsExactly("pc", "ps", null);
        assertThat(result.breakdown().get(0).steps()).extracting(FunnelStepResult::users).containsExactly(2L, 1L);
        assertThat(result.breakdown().stream().mapToLong(b -> b.steps().get(0).users()).sum())
                .isEqualTo(result.steps().get(0).users());
        assertMatchesPlainJava(q);
    }

    // --- generated histories against the definition by brute force ---

    @Test
    void generatedHistoriesMatchTheDefinitionWithFiltersBreakdownAndZones() {
        generate(new Random(42), 80, 25);
        List<FunnelQuery> queries = List.of(
                query(UTC, Duration.ofHours(6), A, B, C),
                query(MOSCOW, Duration.ofHours(2), A, B, A, C),
                new FunnelQuery(DAY, DAY.plusDays(1), ZoneId.of("America/New_York"), Duration.ofHours(12), List.of(
                        new FunnelStep(A, List.of(new PropertyFilter("data.platform", FilterOperator.IN, List.of("pc", "ps")))),
                        new FunnelStep(B, List.of(new PropertyFilter("data.level", FilterOperator.GTE, List.of(new BigDecimal("3"))))),
                        new FunnelStep(C, List.of(new PropertyFilter("data.tag", FilterOperator.CONTAINS, List.of("o"))))),
                        Optional.of("data.platform")),
                new FunnelQuery(DAY, DAY, UTC, Duration.ofMinutes(30), List.of(
                        new FunnelStep(A, List.of(new PropertyFilter("data.platform", FilterOperator.NEQ, List.of("pc")))),
                        new FunnelStep(B, List.of(new PropertyFilter("data.tag", FilterOperator.NOT_IN, List.of("blue")))),
                        new FunnelStep(C, List.of(new PropertyFilter("data.level", FilterOperator.LT, List.of(new BigDecimal("4.5")))))),
                        Optional.of("data.tag")));
        for (FunnelQuery q : queries) {
            FunnelResult result = assertMatchesPlainJava(q);
            assertThat(result.steps().get(1).users()).as("the data converts").isPositive();
        }
    }

    @Test
    void funnelsOfEveryLengthMatchTheDefinitionOnEitherSideOfTheFirstFourLevels() {
        // levels 2..4 are expressions of their own, later ones one fold: lengths around the seam, a filter inside the fold
        generate(new Random(13), 60, 40);
        String[] cycle = {A, B, C, B};
        for (int n = 2; n <= 8; n++) {
            List<FunnelStep> steps = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                steps.add(k == 5
                        ? new FunnelStep(cycle[k % cycle.length], List.of(new PropertyFilter("data.platform", FilterOperator.NEQ, List.of("ps"))))
                        : step(cycle[k % cycle.length]));
            }
            FunnelResult result = assertMatchesPlainJava(new FunnelQuery(DAY, DAY.plusDays(1), UTC, Duration.ofDays(2), steps,
                    Optional.of("data.platform")));
            assertThat(result.steps().get(n - 1).users()).as("%d steps: the data reaches the last one", n).isPositive();
        }
    }

    @Test
    void aTwentyStepFunnelMatchesTheDefinition() {
        generate(new Random(7), 60, 40);
        List<FunnelStep> steps = new ArrayList<>();
        String[] cycle = {A, B, C, B};
        for (int k = 0; k < 20; k++) {
            steps.add(step(cycle[k % cycle.length]));
        }
        FunnelQuery q = new FunnelQuery(DAY, DAY.plusDays(1), UTC, Duration.ofDays(2), steps, Optional.of("data.platform"));

        long started = System.nanoTime();
        FunnelResult result = assertMatchesPlainJava(q);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(result.steps().get(5).users()).as("the data reaches deep steps").isPositive();
    }

    @Test
    void whenTwoUsersShareTheGroupingHashTheGuardFailsTheQueryAndTheFunnelIsGroupedByPseudonymInstead() {
        generate(new Random(11), 40, 20);
        // a transport that makes every user share one hash: the real guard in the engine must notice
        List<String> ran = new ArrayList<>();
        ClickHouseTransport colliding = new ClickHouseTransport() {
            @Override
            public void execute(String sql) {
                engine.transport().execute(sql);
            }

            @Override
            public void execute(String sql, Map<String, String> parameters) {
                engine.transport().execute(sql, parameters);
            }

            @Override
            public String query(String sql, String format) {
                ran.add(sql);
                return engine.transport().query(sql.replace("GROUP BY xxh3(user_id)", "GROUP BY xxh3(user_id) % 1"), format);
            }

            @Override
            public void insert(String insertSql, String format, byte[] utf8Rows) {
                engine.transport().insert(insertSql, format, utf8Rows);
            }
        };
        funnels = new ClickHouseFunnels(colliding, warehouse.database());
        FunnelQuery q = new FunnelQuery(DAY, DAY.plusDays(1), UTC, Duration.ofHours(6), List.of(step(A), step(B), step(C)),
                Optional.of("data.platform"));

        FunnelResult result = assertMatchesPlainJava(q);

        assertThat(ran).hasSize(2);
        assertThat(ran.get(0)).contains("GROUP BY xxh3(user_id)");
        assertThat(ran.get(1)).contains("GROUP BY user_id").doesNotContain("xxh3");
        assertThat(result.sql()).isEqualTo(ran.get(1));
        assertThat(result.steps().get(1).users()).as("the data converts").isPositive();
    }

    @Test
    void groupingByPseudonymAndByHashGiveTheSameFunnel() {
        generate(new Random(5), 60, 30);
        FunnelQuery q = new FunnelQuery(DAY, DAY.plusDays(1), MOSCOW, Duration.ofHours(8), List.of(step(A), step(B), step(A), step(C)),
                Optional.of("data.platform"));
        List<List<String>> hashed = TabSeparatedRows.parse(engine.transport().query(
                FunnelSql.of(warehouse.database(), DataScope.ALL_GAMES, q, FunnelSql.UserKey.HASHED), "TabSeparated"));
        List<List<String>> exact = TabSeparatedRows.parse(engine.transport().query(
                FunnelSql.of(warehouse.database(), DataScope.ALL_GAMES, q, FunnelSql.UserKey.EXACT), "TabSeparated"));

        assertThat(hashed).hasSameSizeAs(exact).hasSizeGreaterThan(4);
        for (int i = 0; i < exact.size(); i++) {
            // total, value, step, users, median exactly; the mean up to the order of a floating-point sum
            assertThat(hashed.get(i).subList(0, 5)).isEqualTo(exact.get(i).subList(0, 5));
            if (!exact.get(i).get(5).equals("nan")) {
                assertThat(Double.parseDouble(hashed.get(i).get(5))).isCloseTo(Double.parseDouble(exact.get(i).get(5)), within(1e-6));
            }
        }
    }

    // --- helpers ---

    /** Users with events around the range, many in shared milliseconds, loaded out of order in several inserts. */
    private void generate(Random random, int users, int eventsPerUser) {
        String[] types = {A, B, C};
        String[] platforms = {"pc", "ps", "xbox"};
        String[] tags = {"blue", "gold", "rose", "red"};
        for (int u = 0; u < users; u++) {
            String user = u % 13 == 12 ? "" : "user-" + u;
            long base = T0 - 14 * 3_600_000L + random.nextInt(40) * 3_600_000L;
            for (int i = 0; i < eventsPerUser; i++) {
                // times on a coarse grid of milliseconds, so that events collide, plus exact-window offsets
                long t = base + random.nextInt(200) * (random.nextBoolean() ? 60_000L : 1L)
                        + (random.nextInt(10) == 0 ? 1_800_000L : 0);
                Map<String, Object> data = new LinkedHashMap<>();
                if (random.nextInt(5) != 0) {
                    data.put("platform", platforms[random.nextInt(platforms.length)]);
                }
                if (random.nextInt(4) != 0) {
                    data.put("level", BigDecimal.valueOf(random.nextInt(8)));
                }
                data.put("tag", tags[random.nextInt(tags.length)]);
                add(user, types[random.nextInt(types.length)], t, data);
            }
        }
        Collections.shuffle(events, random);
        load();
    }

    private FunnelResult assertMatchesPlainJava(FunnelQuery q) {
        FunnelResult got = funnels.funnel(DataScope.ALL_GAMES, q);
        FunnelResult want = FunnelResult.of(q, PlainJavaFunnel.counts(q, events), "");
        assertSameSteps(got.steps(), want.steps(), "funnel");
        assertThat(got.breakdown()).extracting(FunnelBreakdown::value)
                .containsExactlyElementsOf(want.breakdown().stream().map(FunnelBreakdown::value).toList());
        for (int i = 0; i < want.breakdown().size(); i++) {
            assertSameSteps(got.breakdown().get(i).steps(), want.breakdown().get(i).steps(),
                    "breakdown " + want.breakdown().get(i).value());
        }
        return got;
    }

    private static void assertSameSteps(List<FunnelStepResult> got, List<FunnelStepResult> want, String what) {
        assertThat(got).hasSameSizeAs(want);
        for (int k = 0; k < want.size(); k++) {
            FunnelStepResult g = got.get(k);
            FunnelStepResult w = want.get(k);
            String as = what + " step " + (k + 1);
            assertThat(g.users()).as(as).isEqualTo(w.users());
            assertThat(g.conversionFromStart()).as(as).isEqualByComparingTo(w.conversionFromStart());
            assertThat(g.conversionFromPrevious()).as(as).isEqualByComparingTo(w.conversionFromPrevious());
            if (w.medianSecondsFromStart() == null) {
                assertThat(g.medianSecondsFromStart()).as(as).isNull();
                assertThat(g.meanSecondsFromStart()).as(as).isNull();
            } else {
                // both sides round doubles to the millisecond: a half-millisecond may round either way
                assertThat(g.medianSecondsFromStart()).as(as).isCloseTo(w.medianSecondsFromStart(), within(new BigDecimal("0.0011")));
                assertThat(g.meanSecondsFromStart()).as(as).isCloseTo(w.meanSecondsFromStart(), within(new BigDecimal("0.0011")));
            }
        }
    }

    private static FunnelQuery query(ZoneId zone, Duration window, String... types) {
        List<FunnelStep> steps = new ArrayList<>();
        for (String t : types) {
            steps.add(step(t));
        }
        return new FunnelQuery(DAY, DAY, zone, window, steps, Optional.empty());
    }

    private static FunnelStep step(String type) {
        return new FunnelStep(type, List.of());
    }

    /** An event {@code offset} ms after 10:00 UTC on the query day (or at the epoch milli given, if large). */
    private void add(String user, String type, long offset) {
        add(user, type, offset, Map.of());
    }

    private void add(String user, String type, long at, Map<String, Object> data) {
        long millis = at > 1_000_000_000_000L ? at : T0 + at;
        events.add(new Event(user, type, millis, data));
    }

    private void load() {
        List<FactRow> rows = new ArrayList<>();
        for (Event e : events) {
            Object platform = e.data().get("platform");
            rows.add(FactRows.event(e.type(), Instant.ofEpochMilli(e.millis()).toString(), e.user())
                    .anonymous(e.user().isEmpty() ? "anon-1" : "")
                    .on(platform == null ? "" : platform.toString(), "")
                    .data(Json.write(e.data()))
                    .build());
        }
        // several inserts, so the warehouse sees them as separate parts arriving out of order
        int chunk = Math.max(1, rows.size() / 3 + 1);
        for (int i = 0; i < rows.size(); i += chunk) {
            warehouse.append(rows.subList(i, Math.min(rows.size(), i + chunk)));
        }
    }
}
