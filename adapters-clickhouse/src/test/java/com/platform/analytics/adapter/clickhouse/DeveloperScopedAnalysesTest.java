package com.platform.analytics.adapter.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.platform.analytics.domain.access.DataScope;
import com.platform.analytics.domain.analysis.AnalysisRange;
import com.platform.analytics.domain.analysis.experiment.ExperimentMetric;
import com.platform.analytics.domain.analysis.experiment.ExperimentQuery;
import com.platform.analytics.domain.analysis.experiment.ExperimentTotals;
import com.platform.analytics.domain.analysis.funnel.FilterOperator;
import com.platform.analytics.domain.analysis.funnel.FunnelBreakdown;
import com.platform.analytics.domain.analysis.funnel.FunnelQuery;
import com.platform.analytics.domain.analysis.funnel.FunnelResult;
import com.platform.analytics.domain.analysis.funnel.FunnelStep;
import com.platform.analytics.domain.analysis.funnel.FunnelStepResult;
import com.platform.analytics.domain.analysis.funnel.PropertyFilter;
import com.platform.analytics.domain.analysis.paths.PathDirection;
import com.platform.analytics.domain.analysis.paths.PathEdge;
import com.platform.analytics.domain.analysis.paths.PathsQuery;
import com.platform.analytics.domain.analysis.paths.PathsResult;
import com.platform.analytics.domain.analysis.retention.CohortRetentionQuery;
import com.platform.analytics.domain.analysis.retention.CohortRetentionResult;
import com.platform.analytics.domain.analysis.retention.RetentionMode;
import com.platform.analytics.domain.analysis.retention.RetentionPeriod;
import com.platform.analytics.domain.event.EventTypes;
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
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Developer scoping of every analysis on real ClickHouse (chDB): two developers (dev-a owns g1 and g2, dev-b owns g3),
 * users who play games of both, and events of no game at all. Under a developer's scope each analysis must equal the
 * independent plain-Java computation over that developer's events alone (the same computations as the analyses' own
 * tests), no breakdown value or path can come from the other's games, and a developer id shaped like SQL is a value
 * that matches nothing.
 */
class DeveloperScopedAnalysesTest {
    private static final String DATABASE = "developer_scope_test";
    private static final String DEV_A = "dev-a";
    private static final String DEV_B = "dev-b";
    private static final Map<String, String> OWNER = Map.of("g1", DEV_A, "g2", DEV_A, "g3", DEV_B);
    private static final List<String> GAMES = List.of("g1", "g2", "g3");
    private static final LocalDate FROM = LocalDate.parse("2026-03-02");
    private static final LocalDate TO = LocalDate.parse("2026-03-15");
    private static final String STEP_A = "test.step.a";
    private static final String STEP_B = "test.step.b";
    private static final String STEP_C = "test.step.c";
    private static final String EXPERIMENT = "shared_exp";
    private static final String[] ACTIVITY = {
        EventTypes.USER_LOGGED_IN, EventTypes.GAME_VIEWED, EventTypes.GAME_SEARCHED, EventTypes.SESSION_STARTED,
        EventTypes.TRANSACTION_COMPLETED, EventTypes.GAME_ADDED};
    /** Developer ids a forged token or a careless caller could bring: each must stay one quoted value. */
    private static final List<String> HOSTILE = List.of("dev-a' OR '1'='1", "x\\' OR 1=1 --", "dev-a\\", "' OR developer_id != '");

    private static Path dataDir;
    private static ChdbEngine engine;
    private static ClickHouseFunnels funnels;
    private static ClickHouseCohortRetention retention;
    private static ClickHousePaths paths;
    private static ClickHouseExperiment experiments;
    private static final List<Generated> EVENTS = new ArrayList<>();

    /** One generated event, readable by each analysis' plain computation; {@code game} empty: of no game. */
    private record Generated(String id, String user, String type, Instant time, String game, String experimentKey,
            String variant, BigDecimal rub, Map<String, Object> data) {
        String developer() {
            return game.isEmpty() ? "" : OWNER.get(game);
        }

        FactRow row() {
            Map<String, Object> json = new LinkedHashMap<>(data);
            if (!game.isEmpty()) {
                json.put("gameId", game);
                json.put("developerId", developer());
            }
            return new FactRow("/scope-test", id, type, true, EventTypes.isActivity(type), time, time.plusSeconds(3), user, "",
                    "", game, developer(), String.valueOf(data.getOrDefault("platform", "")), "RU", "", "", "", "", "", rub,
                    rub.signum() == 0 ? "" : "RUB", rub, 0, experimentKey, variant, Json.write(json));
        }

        AnalysisEvent analysisEvent() {
            return new AnalysisEvent("/scope-test", id, type, time, time.plusSeconds(3), user);
        }

        PlainJavaFunnel.Event funnelEvent() {
            Map<String, Object> json = new LinkedHashMap<>(data);
            if (!game.isEmpty()) {
                json.put("gameId", game);
                json.put("developerId", developer());
            }
            return new PlainJavaFunnel.Event(user, type, time.toEpochMilli(), json);
        }
    }

    @BeforeAll
    static void loadTwoDevelopers() throws Exception {
        Random random = new Random(20260305L);
        Instant base = Instant.parse("2026-02-26T00:00:00Z");
        int sequence = 0;
        String[] platforms = {"pc", "ps"};
        for (int u = 0; u < 70; u++) {
            String user = "user-" + u;
            // most users play games of both developers, some only one developer's
            List<String> played = switch (u % 5) {
                case 0 -> List.of("g1");
                case 1 -> List.of("g3");
                case 2 -> List.of("g1", "g3");
                case 3 -> List.of("g2", "g3");
                default -> List.of("g1", "g2", "g3");
            };
            for (String developer : List.of(DEV_A, DEV_B)) {
                List<String> own = played.stream().filter(g -> OWNER.get(g).equals(developer)).toList();
                if (!own.isEmpty()) {
                    // registered with each developer separately, on different days: cohorts differ per developer
                    Instant registered = base.plus(Duration.ofMinutes(random.nextInt(60 * 24 * 16)));
                    EVENTS.add(event(++sequence, user, EventTypes.USER_REGISTERED, registered, own.get(0), Map.of()));
                }
            }
            // sessions that switch between games of both developers, so paths and sessions mix them
            Instant t = base.plus(Duration.ofMinutes(random.nextInt(60 * 24 * 14)));
            for (int i = 0; i < 30; i++) {
                t = t.plus(Duration.ofMinutes(random.nextInt(4) == 0 ? 60 + random.nextInt(60 * 30) : random.nextInt(20)));
                String game = random.nextInt(12) == 0 ? "" : played.get(random.nextInt(played.size()));
                String type = ACTIVITY[random.nextInt(ACTIVITY.length)];
                BigDecimal rub = type.equals(EventTypes.TRANSACTION_COMPLETED)
                        ? new BigDecimal(100 + random.nextInt(900) + ".50") : BigDecimal.ZERO;
                EVENTS.add(new Generated("e" + (++sequence), user, type, t, game, "", "", rub, Map.of()));
                if (random.nextInt(6) == 0) {
                    // a funnel step, with a platform to filter on
                    String step = new String[] {STEP_A, STEP_B, STEP_C}[random.nextInt(3)];
                    EVENTS.add(event(++sequence, user, step, t.plusMillis(random.nextInt(5)), game,
                            Map.of("platform", platforms[random.nextInt(2)])));
                }
            }
            // funnel chains inside one game, and sometimes across developers (A in g1, B in g3)
            Instant f = base.plus(Duration.ofDays(5)).plus(Duration.ofMinutes(random.nextInt(60 * 24 * 8)));
            String entryGame = played.get(random.nextInt(played.size()));
            EVENTS.add(event(++sequence, user, STEP_A, f, entryGame, Map.of("platform", platforms[u % 2])));
            EVENTS.add(event(++sequence, user, STEP_B, f.plus(Duration.ofMinutes(10)), played.get(random.nextInt(played.size())),
                    Map.of()));
            if (random.nextBoolean()) {
                EVENTS.add(event(++sequence, user, STEP_C, f.plus(Duration.ofMinutes(30)), entryGame, Map.of()));
            }
            // one experiment key used by both developers: a user exposed in both to different variants is excluded
            // overall but not within one developer's games
            String variant = random.nextBoolean() ? "control" : "treatment";
            Instant exposed = base.plus(Duration.ofDays(4)).plus(Duration.ofMinutes(random.nextInt(60 * 24 * 10)));
            EVENTS.add(exposure(++sequence, user, exposed, played.get(0), variant));
            if (played.size() > 1 && random.nextInt(3) == 0) {
                String other = played.get(played.size() - 1);
                String otherVariant = random.nextBoolean() ? variant : (variant.equals("control") ? "treatment" : "control");
                EVENTS.add(exposure(++sequence, user, exposed.plus(Duration.ofHours(random.nextInt(48))), other, otherVariant));
            }
            if (random.nextBoolean()) {
                String game = played.get(random.nextInt(played.size()));
                EVENTS.add(new Generated("e" + (++sequence), user, EventTypes.REFUND_PROCESSED,
                        exposed.plus(Duration.ofHours(random.nextInt(72))), game, "", "", new BigDecimal("99.90"), Map.of()));
            }
        }
        dataDir = Files.createTempDirectory("chdb-developer-scope");
        engine = ChdbEngine.open(dataDir, 2);
        ClickHouseWarehouse warehouse = new ClickHouseWarehouse(engine.transport(), DATABASE);
        warehouse.migrate();
        List<FactRow> rows = new ArrayList<>(EVENTS.stream().map(Generated::row).toList());
        Collections.shuffle(rows, random);
        for (int i = 0; i < rows.size(); i += 700) {
            warehouse.append(rows.subList(i, Math.min(rows.size(), i + 700)));
        }
        funnels = new ClickHouseFunnels(engine.transport(), DATABASE);
        retention = new ClickHouseCohortRetention(engine.transport(), DATABASE);
        paths = new ClickHousePaths(engine.transport(), DATABASE);
        experiments = new ClickHouseExperiment(engine.transport(), DATABASE);
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

    private static Generated event(int sequence, String user, String type, Instant time, String game, Map<String, Object> data) {
        return new Generated("e" + sequence, user, type, time, game, "", "", BigDecimal.ZERO, data);
    }

    private static Generated exposure(int sequence, String user, Instant time, String game, String variant) {
        return new Generated("e" + sequence, user, EventTypes.EXPERIMENT_EXPOSED, time, game, EXPERIMENT, variant,
                BigDecimal.ZERO, Map.of());
    }

    private static List<Generated> of(String developer) {
        return EVENTS.stream().filter(e -> e.developer().equals(developer)).toList();
    }

    // --- funnels ---

    @Test
    void aDevelopersFunnelIsTheirEventsAloneAndItsBreakdownShowsOnlyTheirGames() {
        FunnelQuery byGame = new FunnelQuery(FROM, TO, ZoneId.of("UTC"), Duration.ofHours(6),
                List.of(step(STEP_A), step(STEP_B), step(STEP_C)), Optional.of("data.gameId"));
        FunnelQuery filtered = new FunnelQuery(FROM, TO, ZoneId.of("Europe/Moscow"), Duration.ofDays(1), List.of(
                new FunnelStep(STEP_A, List.of(new PropertyFilter("data.platform", FilterOperator.EQ, List.of("pc")))),
                step(STEP_B)), Optional.of("data.developerId"));
        for (FunnelQuery q : List.of(byGame, filtered)) {
            FunnelResult all = funnels.funnel(DataScope.ALL_GAMES, q);
            FunnelResult a = assertFunnelMatchesPlainJava(DEV_A, q);
            FunnelResult b = assertFunnelMatchesPlainJava(DEV_B, q);
            // the scope takes something away: both developers' users together exceed either's
            assertThat(a.steps().get(0).users()).isPositive().isLessThan(all.steps().get(0).users());
            assertThat(b.steps().get(0).users()).isPositive().isLessThan(all.steps().get(0).users());
            assertThat(a.sql()).contains("developer_id = 'dev-a'");
            assertThat(all.sql()).doesNotContain("developer_id =");
        }
        assertThat(funnels.funnel(DataScope.ALL_GAMES, byGame).breakdown()).extracting(FunnelBreakdown::value)
                .as("the data has every game").contains("g1", "g2", "g3");
        assertThat(funnels.funnel(DataScope.developer(DEV_A), byGame).breakdown()).extracting(FunnelBreakdown::value)
                .containsExactly("g1", "g2");
        assertThat(funnels.funnel(DataScope.developer(DEV_B), byGame).breakdown()).extracting(FunnelBreakdown::value)
                .containsExactly("g3");
        assertThat(funnels.funnel(DataScope.developer(DEV_A), filtered).breakdown()).extracting(FunnelBreakdown::value)
                .containsExactly(DEV_A);
    }

    @Test
    void aFilterOnTheOtherDevelopersGameFindsNothingInsideTheScope() {
        // the application refuses such a filter with a 403 before the warehouse is asked; the warehouse on its own
        // still never reaches the other developer's rows
        FunnelQuery q = new FunnelQuery(FROM, TO, ZoneId.of("UTC"), Duration.ofDays(1), List.of(
                new FunnelStep(STEP_A, List.of(new PropertyFilter("data.gameId", FilterOperator.EQ, List.of("g3")))),
                step(STEP_B)), Optional.of("data.gameId"));
        assertThat(funnels.funnel(DataScope.ALL_GAMES, q).steps().get(0).users()).isPositive();
        assertThat(funnels.funnel(DataScope.developer(DEV_A), q).steps()).allMatch(s -> s.users() == 0);
        assertThat(funnels.funnel(DataScope.developer(DEV_A), q).breakdown()).isEmpty();
    }

    private static FunnelResult assertFunnelMatchesPlainJava(String developer, FunnelQuery q) {
        FunnelResult got = funnels.funnel(DataScope.developer(developer), q);
        FunnelResult want = FunnelResult.of(q, PlainJavaFunnel.counts(q, of(developer).stream().map(Generated::funnelEvent).toList()), "");
        String what = developer + " " + q;
        assertSameSteps(got.steps(), want.steps(), what);
        assertThat(got.breakdown()).extracting(FunnelBreakdown::value).as(what)
                .containsExactlyElementsOf(want.breakdown().stream().map(FunnelBreakdown::value).toList());
        for (int i = 0; i < want.breakdown().size(); i++) {
            assertSameSteps(got.breakdown().get(i).steps(), want.breakdown().get(i).steps(), what + " " + want.breakdown().get(i).value());
        }
        return got;
    }

    private static void assertSameSteps(List<FunnelStepResult> got, List<FunnelStepResult> want, String what) {
        assertThat(got).as(what).hasSameSizeAs(want);
        for (int k = 0; k < want.size(); k++) {
            FunnelStepResult g = got.get(k);
            FunnelStepResult w = want.get(k);
            assertThat(g.users()).as(what + " step " + k).isEqualTo(w.users());
            if (w.medianSecondsFromStart() == null) {
                assertThat(g.medianSecondsFromStart()).as(what).isNull();
            } else {
                assertThat(g.medianSecondsFromStart()).as(what).isCloseTo(w.medianSecondsFromStart(), within(new BigDecimal("0.0011")));
                assertThat(g.meanSecondsFromStart()).as(what).isCloseTo(w.meanSecondsFromStart(), within(new BigDecimal("0.0011")));
            }
        }
    }

    private static FunnelStep step(String type) {
        return new FunnelStep(type, List.of());
    }

    // --- retention ---

    @Test
    void aDevelopersRetentionCountsCohortsAndReturnsInTheirGamesOnly() {
        List<CohortRetentionQuery> queries = List.of(
                // activity in UTC days: the returns come from the mart
                new CohortRetentionQuery(new AnalysisRange(FROM, TO, ZoneId.of("UTC")), RetentionPeriod.DAY, 10,
                        RetentionMode.EXACT, EventTypes.USER_REGISTERED, null),
                // another zone and a return event: the returns come from the events
                new CohortRetentionQuery(new AnalysisRange(FROM, TO, ZoneId.of("Asia/Tokyo")), RetentionPeriod.WEEK, 2,
                        RetentionMode.UNBOUNDED, EventTypes.USER_REGISTERED, EventTypes.GAME_VIEWED));
        for (CohortRetentionQuery q : queries) {
            CohortRetentionResult all = retention.retention(DataScope.ALL_GAMES, q);
            for (String developer : List.of(DEV_A, DEV_B)) {
                CohortRetentionResult mine = retention.retention(DataScope.developer(developer), q);
                assertThat(mine.cohorts()).as("%s %s", developer, q)
                        .isEqualTo(ClickHouseCohortRetentionTest.expected(q, analysisEvents(developer))).isNotEmpty();
                assertThat(mine.cohorts()).isNotEqualTo(all.cohorts());
                assertThat(mine.sql()).contains("developer_id = " + SqlLiterals.string(developer));
            }
            assertThat(all.cohorts()).isEqualTo(ClickHouseCohortRetentionTest.expected(q,
                    EVENTS.stream().map(Generated::analysisEvent).toList()));
        }
    }

    private static List<AnalysisEvent> analysisEvents(String developer) {
        return of(developer).stream().map(Generated::analysisEvent).toList();
    }

    // --- paths ---

    @Test
    void aDevelopersPathsAreMadeOfTheirGamesActivityAloneIncludingTheOtherNode() {
        for (String developer : List.of(DEV_A, DEV_B)) {
            for (PathsQuery q : List.of(
                    new PathsQuery(new AnalysisRange(FROM, TO, ZoneId.of("UTC")), PathDirection.FROM_START, EventTypes.GAME_VIEWED, 4, 1, 30),
                    new PathsQuery(new AnalysisRange(FROM, TO, ZoneId.of("Europe/Moscow")), PathDirection.TO_END,
                            EventTypes.TRANSACTION_COMPLETED, 3, 10, 15))) {
                PathsResult got = paths.paths(DataScope.developer(developer), q);
                Map<String, Long> nodes = new TreeMap<>();
                got.nodes().forEach(n -> nodes.put(n.id(), n.users()));
                Map<String, Long> edges = new TreeMap<>();
                for (PathEdge e : got.edges()) {
                    edges.put(e.source() + " -> " + e.target(), e.users());
                }
                ClickHousePathsTest.Expected want = ClickHousePathsTest.expected(q, analysisEvents(developer));
                assertThat(nodes).as("%s %s", developer, q).isEqualTo(want.nodes()).isNotEmpty();
                assertThat(edges).as("%s %s", developer, q).isEqualTo(want.edges());
                assertThat(got.sql()).contains("developer_id = " + SqlLiterals.string(developer));
                PathsResult all = paths.paths(DataScope.ALL_GAMES, q);
                assertThat(got.nodes()).isNotEqualTo(all.nodes());
                if (q.topN() == 1) {
                    assertThat(nodes.keySet()).as("the other node is the developer's too").anyMatch(id -> id.endsWith(":" + PathsQuery.OTHER));
                }
            }
        }
    }

    // --- experiments ---

    @Test
    void aDevelopersExperimentCountsExposuresAndOutcomesInTheirGamesOnly() {
        for (ExperimentQuery q : List.of(
                new ExperimentQuery(EXPERIMENT, FROM, TO, ZoneId.of("UTC"), EventTypes.GAME_ADDED, Duration.ofDays(3),
                        ExperimentMetric.CONVERSION),
                new ExperimentQuery(EXPERIMENT, FROM, TO, ZoneId.of("Europe/Moscow"), null, Duration.ofDays(5),
                        ExperimentMetric.REVENUE))) {
            ExperimentTotals all = experiments.experimentTotals(DataScope.ALL_GAMES, q);
            assertThat(all.excludedUsers()).as("users exposed in both developers' games to two variants").isPositive();
            long users = 0;
            for (String developer : List.of(DEV_A, DEV_B)) {
                ExperimentTotals mine = experiments.experimentTotals(DataScope.developer(developer), q);
                Map<String, Object> want = ClickHouseExperimentTest.expected(q, of(developer).stream().map(Generated::row).toList());
                Map<String, Object> got = ClickHouseExperimentTest.actual(mine);
                @SuppressWarnings("unchecked")
                Map<String, Double> wantSquares = (Map<String, Double>) want.remove("squares");
                @SuppressWarnings("unchecked")
                Map<String, Double> gotSquares = (Map<String, Double>) got.remove("squares");
                assertThat(got).as("%s %s", developer, q.metric()).isEqualTo(want);
                assertThat(gotSquares.keySet()).isEqualTo(wantSquares.keySet());
                wantSquares.forEach((v, s) -> assertThat(gotSquares.get(v)).isCloseTo(s, within(Math.abs(s) * 1e-12)));
                assertThat(mine.sql()).contains("developer_id = " + SqlLiterals.string(developer));
                users += mine.variants().stream().mapToLong(v -> v.users()).sum() + mine.excludedUsers();
            }
            assertThat(users).as("each developer counts their own exposed users, so together more than once")
                    .isGreaterThan(all.variants().stream().mapToLong(v -> v.users()).sum() + all.excludedUsers());
        }
    }

    // --- hostile developer ids ---

    @Test
    void aDeveloperIdShapedLikeSqlIsAValueThatMatchesNothing() {
        FunnelQuery funnel = new FunnelQuery(FROM, TO, ZoneId.of("UTC"), Duration.ofDays(1), List.of(step(STEP_A), step(STEP_B)),
                Optional.of("data.gameId"));
        CohortRetentionQuery mart = new CohortRetentionQuery(new AnalysisRange(FROM, TO, ZoneId.of("UTC")), RetentionPeriod.DAY, 5,
                RetentionMode.EXACT, EventTypes.USER_REGISTERED, null);
        CohortRetentionQuery events = new CohortRetentionQuery(new AnalysisRange(FROM, TO, ZoneId.of("Asia/Tokyo")),
                RetentionPeriod.DAY, 5, RetentionMode.EXACT, EventTypes.USER_REGISTERED, null);
        PathsQuery path = new PathsQuery(new AnalysisRange(FROM, TO, ZoneId.of("UTC")), PathDirection.FROM_START,
                EventTypes.GAME_VIEWED, 3, 5, 30);
        ExperimentQuery experiment = new ExperimentQuery(EXPERIMENT, FROM, TO, ZoneId.of("UTC"), null, Duration.ofDays(3),
                ExperimentMetric.REVENUE);
        assertThat(funnels.funnel(DataScope.ALL_GAMES, funnel).steps().get(0).users()).as("the data has funnels").isPositive();
        for (String hostile : HOSTILE) {
            DataScope scope = DataScope.developer(hostile);
            FunnelResult f = funnels.funnel(scope, funnel);
            assertThat(f.steps()).as(hostile).allMatch(s -> s.users() == 0);
            assertThat(f.breakdown()).as(hostile).isEmpty();
            assertThat(f.sql()).contains("developer_id = " + SqlLiterals.string(hostile));
            assertThat(retention.retention(scope, mart).cohorts()).as(hostile).isEmpty();
            assertThat(retention.retention(scope, events).cohorts()).as(hostile).isEmpty();
            assertThat(paths.paths(scope, path).nodes()).as(hostile).isEmpty();
            ExperimentTotals e = experiments.experimentTotals(scope, experiment);
            assertThat(e.variants()).as(hostile).isEmpty();
            assertThat(e.excludedUsers()).as(hostile).isZero();
        }
    }

    @Test
    void everyGamesScopeLeavesTheSqlAsItWas() {
        FunnelQuery funnel = new FunnelQuery(FROM, TO, ZoneId.of("UTC"), Duration.ofDays(1), List.of(step(STEP_A), step(STEP_B)),
                Optional.empty());
        assertThat(FunnelSql.of(DATABASE, DataScope.ALL_GAMES, funnel)).doesNotContain("developer_id");
        PathsQuery path = new PathsQuery(new AnalysisRange(FROM, TO, ZoneId.of("UTC")), PathDirection.FROM_START,
                EventTypes.GAME_VIEWED, 3, 5, 30);
        assertThat(ClickHousePaths.sql(DATABASE, DataScope.ALL_GAMES, path)).doesNotContain("developer_id");
        CohortRetentionQuery mart = new CohortRetentionQuery(new AnalysisRange(FROM, TO, ZoneId.of("UTC")), RetentionPeriod.DAY, 5,
                RetentionMode.EXACT, EventTypes.USER_REGISTERED, null);
        assertThat(ClickHouseCohortRetention.sql(DATABASE, DataScope.ALL_GAMES, mart)).doesNotContain("developer_id");
        // a developer's: once per scan (retention reads cohort events and returns: twice)
        assertThat(ClickHouseCohortRetention.sql(DATABASE, DataScope.developer(DEV_A), mart).split("developer_id = 'dev-a'", -1))
                .hasSize(3);
        assertThat(FunnelSql.of(DATABASE, DataScope.developer(DEV_A), funnel).split("developer_id = 'dev-a'", -1)).hasSize(2);
    }
}
