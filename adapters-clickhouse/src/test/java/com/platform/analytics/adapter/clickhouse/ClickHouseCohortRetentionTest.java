package com.platform.analytics.adapter.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import com.platform.analytics.domain.access.DataScope;
import com.platform.analytics.domain.analysis.AnalysisRange;
import com.platform.analytics.domain.analysis.retention.CohortRetentionQuery;
import com.platform.analytics.domain.analysis.retention.CohortRetentionResult;
import com.platform.analytics.domain.analysis.retention.CohortRow;
import com.platform.analytics.domain.analysis.retention.RetentionMode;
import com.platform.analytics.domain.analysis.retention.RetentionPeriod;
import com.platform.analytics.domain.event.EventTypes;
import com.platform.analytics.domain.fact.FactRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
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
 * Cohort retention on real ClickHouse (chDB) against an independent plain-Java computation over the same
 * generated events: registrations before and inside the range (and repeated ones), activity around midnight in
 * several zones, non-activity events, anonymous events, same-millisecond events, rows appended out of order and
 * late (received days after they happened, in a later insert).
 */
class ClickHouseCohortRetentionTest {
    private static final String DATABASE = "cohort_retention_test";
    private static final LocalDate FROM = LocalDate.parse("2026-03-04");
    private static final LocalDate TO = LocalDate.parse("2026-04-08");
    private static final String[] RETURN_TYPES = {
        EventTypes.USER_LOGGED_IN, EventTypes.GAME_VIEWED, EventTypes.SESSION_STARTED, EventTypes.TRANSACTION_COMPLETED,
        EventTypes.NOTIFICATION_SENT, EventTypes.EXPERIMENT_EXPOSED, EventTypes.REFUND_PROCESSED};

    private static Path dataDir;
    private static ChdbEngine engine;
    private static ClickHouseCohortRetention retention;
    private static final List<AnalysisEvent> EVENTS = new ArrayList<>();

    @BeforeAll
    static void loadGeneratedEvents() throws Exception {
        Random random = new Random(20260304);
        Instant base = Instant.parse("2026-02-20T00:00:00Z");
        int sequence = 0;
        for (int u = 0; u < 90; u++) {
            String user = "user-" + u;
            // registrations from before the range to past its end; some users register twice
            Instant registered = base.plus(Duration.ofMinutes(random.nextInt(60 * 24 * 55)));
            EVENTS.add(event("r" + (++sequence), EventTypes.USER_REGISTERED, registered, user));
            if (u % 9 == 0) {
                EVENTS.add(event("r" + (++sequence), EventTypes.USER_REGISTERED, registered.plus(Duration.ofDays(6)), user));
            }
            int returns = random.nextInt(25);
            for (int i = 0; i < returns; i++) {
                // a few days to weeks later, mostly near midnight so zones disagree about the day
                int[] hours = {0, 1, 20, 21, 22, 23, 12};
                Instant day = registered.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(random.nextInt(50)));
                Instant t = day.plus(Duration.ofHours(hours[random.nextInt(hours.length)]))
                        .plus(Duration.ofMillis(random.nextInt(3_600_000)));
                String type = RETURN_TYPES[random.nextInt(RETURN_TYPES.length)];
                EVENTS.add(event("a" + (++sequence), type, t, user));
                if (random.nextInt(10) == 0) {
                    // another event of the same millisecond
                    EVENTS.add(event("a" + (++sequence), EventTypes.GAME_SEARCHED, t, user));
                }
            }
        }
        // anonymous activity counts for no user
        EVENTS.add(event("anon-1", EventTypes.USER_REGISTERED, Instant.parse("2026-03-10T10:00:00Z"), ""));
        EVENTS.add(event("anon-2", EventTypes.GAME_VIEWED, Instant.parse("2026-03-11T10:00:00Z"), ""));

        List<AnalysisEvent> shuffled = new ArrayList<>(EVENTS);
        Collections.shuffle(shuffled, random);
        // the last fifth arrives late: received ten days after it happened, appended after everything else
        int lateFrom = shuffled.size() * 4 / 5;
        List<AnalysisEvent> late = new ArrayList<>();
        for (AnalysisEvent e : shuffled.subList(lateFrom, shuffled.size())) {
            late.add(new AnalysisEvent(e.source(), e.id(), e.type(), e.time(), e.time().plus(Duration.ofDays(10)), e.userId()));
        }
        List<AnalysisEvent> onTime = shuffled.subList(0, lateFrom);

        dataDir = Files.createTempDirectory("chdb-cohort-retention");
        engine = ChdbEngine.open(dataDir, 2);
        ClickHouseWarehouse warehouse = new ClickHouseWarehouse(engine.transport(), DATABASE);
        warehouse.migrate();
        for (int i = 0; i < onTime.size(); i += 500) {
            warehouse.append(rows(onTime.subList(i, Math.min(onTime.size(), i + 500))));
        }
        warehouse.append(rows(late));
        retention = new ClickHouseCohortRetention(engine.transport(), DATABASE);
    }

    @AfterAll
    static void closeEngine() throws Exception {
        if (engine != null) {
            engine.transport().execute("DROP DATABASE IF EXISTS " + DATABASE + " SYNC");
            engine.close();
        }
        if (dataDir != null) {
            try (var paths = Files.walk(dataDir)) {
                paths.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static AnalysisEvent event(String id, String type, Instant time, String user) {
        return new AnalysisEvent("/test", id, type, time, time.plusSeconds(2), user);
    }

    private static List<FactRow> rows(List<AnalysisEvent> events) {
        return events.stream().map(AnalysisEvent::row).toList();
    }

    @Test
    void everyPeriodModeZoneAndReturnEventMatchesThePlainComputation() {
        for (RetentionPeriod period : RetentionPeriod.values()) {
            int periods = switch (period) {
                case DAY -> 20;
                case WEEK -> 8;
                case MONTH -> 3;
            };
            for (RetentionMode mode : RetentionMode.values()) {
                for (String zone : List.of("UTC", "Europe/Moscow", "America/Los_Angeles")) {
                    for (String returnEvent : new String[] {null, EventTypes.GAME_VIEWED}) {
                        CohortRetentionQuery q = new CohortRetentionQuery(new AnalysisRange(FROM, TO, ZoneId.of(zone)),
                                period, periods, mode, EventTypes.USER_REGISTERED, returnEvent);
                        List<CohortRow> cohorts = retention.retention(DataScope.ALL_GAMES, q).cohorts();
                        assertThat(cohorts).as("%s %s %s %s", period, mode, zone, returnEvent)
                                .isEqualTo(expected(q))
                                .isNotEmpty();
                        // the data must make the comparison telling: some users come back, not all
                        assertThat(cohorts.stream().flatMap(r -> r.retention().stream().skip(1)))
                                .anyMatch(v -> v > 0).anyMatch(v -> v < 1);
                    }
                }
            }
        }
    }

    @Test
    void aCohortFromAnotherEventIsTheUsersFirstSuchEvent() {
        for (RetentionMode mode : RetentionMode.values()) {
            CohortRetentionQuery q = new CohortRetentionQuery(new AnalysisRange(FROM, TO, ZoneId.of("Asia/Tokyo")),
                    RetentionPeriod.WEEK, 5, mode, EventTypes.TRANSACTION_COMPLETED, null);
            assertThat(retention.retention(DataScope.ALL_GAMES, q).cohorts()).as("%s", mode).isEqualTo(expected(q)).isNotEmpty();
        }
    }

    @Test
    void cellsWhosePeriodStartsAfterTheEndAreAbsentAndTheFirstIsOne() {
        CohortRetentionQuery q = new CohortRetentionQuery(new AnalysisRange(FROM, TO, ZoneId.of("UTC")),
                RetentionPeriod.DAY, 90, RetentionMode.EXACT, EventTypes.USER_REGISTERED, null);
        List<CohortRow> cohorts = retention.retention(DataScope.ALL_GAMES, q).cohorts();
        assertThat(cohorts).isNotEmpty();
        for (CohortRow row : cohorts) {
            assertThat(row.retention()).hasSize((int) ChronoUnit.DAYS.between(row.cohort(), TO) + 1);
            assertThat(row.retention().get(0)).isEqualTo(1.0);
        }
        assertThat(cohorts.get(cohorts.size() - 1).cohort()).isEqualTo(TO);
        assertThat(cohorts.get(cohorts.size() - 1).retention()).containsExactly(1.0);
    }

    @Test
    void utcActivityReadsTheMartAndEverythingElseTheEvents() {
        CohortRetentionResult utc = retention.retention(DataScope.ALL_GAMES, new CohortRetentionQuery(new AnalysisRange(FROM, TO, ZoneId.of("UTC")),
                RetentionPeriod.DAY, 3, RetentionMode.EXACT, EventTypes.USER_REGISTERED, null));
        assertThat(utc.sql()).contains("mart_user_activity_daily");
        CohortRetentionResult moscow = retention.retention(DataScope.ALL_GAMES, new CohortRetentionQuery(
                new AnalysisRange(FROM, TO, ZoneId.of("Europe/Moscow")), RetentionPeriod.DAY, 3, RetentionMode.EXACT,
                EventTypes.USER_REGISTERED, null));
        assertThat(moscow.sql()).doesNotContain("mart_user_activity_daily").contains("is_activity = 1");
    }

    @Test
    void anEmptyRangeHasNoCohorts() {
        CohortRetentionQuery q = new CohortRetentionQuery(new AnalysisRange(LocalDate.parse("2030-01-01"),
                LocalDate.parse("2030-02-01"), ZoneId.of("UTC")), RetentionPeriod.WEEK, 4, RetentionMode.UNBOUNDED,
                EventTypes.USER_REGISTERED, null);
        assertThat(retention.retention(DataScope.ALL_GAMES, q).cohorts()).isEmpty();
    }

    @Test
    void hostileEventNamesAreValuesNotSql() {
        String[] hostile = {"x' OR 1=1 --", "\\' OR 1=1 --", "'); DROP TABLE " + DATABASE + ".events; --", "a\tb\nc\0"};
        for (String h : hostile) {
            CohortRetentionQuery asCohort = new CohortRetentionQuery(new AnalysisRange(FROM, TO, ZoneId.of("UTC")),
                    RetentionPeriod.DAY, 5, RetentionMode.EXACT, h, null);
            assertThat(retention.retention(DataScope.ALL_GAMES, asCohort).cohorts()).as(h).isEmpty();
            CohortRetentionQuery asReturn = new CohortRetentionQuery(new AnalysisRange(FROM, TO, ZoneId.of("UTC")),
                    RetentionPeriod.DAY, 5, RetentionMode.UNBOUNDED, EventTypes.USER_REGISTERED, h);
            List<CohortRow> cohorts = retention.retention(DataScope.ALL_GAMES, asReturn).cohorts();
            assertThat(cohorts).as(h).isNotEmpty();
            // nobody returns with a type no event has, so every cell after N = 0 is zero
            assertThat(cohorts).allSatisfy(row -> assertThat(row.retention().subList(1, row.retention().size())).allMatch(v -> v == 0.0));
        }
        assertThat(engine.transport().query("SELECT count() FROM " + DATABASE + ".events", "TabSeparated").trim())
                .isEqualTo(String.valueOf(EVENTS.size()));
    }

    private static List<CohortRow> expected(CohortRetentionQuery q) {
        return expected(q, EVENTS);
    }

    /** KPI_DEFINITIONS.md, Retention, computed directly from {@code events} (also for the developer-scope tests). */
    static List<CohortRow> expected(CohortRetentionQuery q, List<AnalysisEvent> events) {
        ZoneId zone = q.range().zone();
        LocalDate from = q.range().from();
        LocalDate to = q.range().to();
        Map<String, Instant> firstCohortEvent = new HashMap<>();
        Map<String, Set<LocalDate>> returnDays = new HashMap<>();
        Instant start = from.atStartOfDay(zone).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
        for (AnalysisEvent e : events) {
            if (e.userId().isEmpty()) {
                continue;
            }
            if (e.type().equals(q.cohortEvent())) {
                firstCohortEvent.merge(e.userId(), e.time(), (a, b) -> a.isBefore(b) ? a : b);
            }
            boolean isReturn = q.returnEvent() == null ? e.activity() : e.type().equals(q.returnEvent());
            if (isReturn && !e.time().isBefore(start) && e.time().isBefore(end)) {
                returnDays.computeIfAbsent(e.userId(), k -> new HashSet<>()).add(e.time().atZone(zone).toLocalDate());
            }
        }
        Map<LocalDate, List<String>> cohorts = new TreeMap<>();
        firstCohortEvent.forEach((user, t) -> {
            LocalDate day = t.atZone(zone).toLocalDate();
            if (!day.isBefore(from) && !day.isAfter(to)) {
                cohorts.computeIfAbsent(periodStart(q.period(), day), k -> new ArrayList<>()).add(user);
            }
        });
        List<CohortRow> rows = new ArrayList<>();
        cohorts.forEach((cohort, users) -> {
            List<Long> cells = new ArrayList<>();
            for (int n = 0; n <= q.periods(); n++) {
                LocalDate cell = nthPeriod(q.period(), cohort, n);
                if (cell.isAfter(to)) {
                    break;
                }
                if (n == 0) {
                    cells.add((long) users.size());
                    continue;
                }
                long retained = 0;
                for (String user : users) {
                    boolean back = false;
                    for (LocalDate d : returnDays.getOrDefault(user, Set.of())) {
                        LocalDate p = periodStart(q.period(), d);
                        back |= q.mode() == RetentionMode.EXACT ? p.equals(cell) : !p.isBefore(cell);
                    }
                    retained += back ? 1 : 0;
                }
                cells.add(retained);
            }
            rows.add(new CohortRow(cohort, users.size(), cells));
        });
        return rows;
    }

    private static LocalDate periodStart(RetentionPeriod period, LocalDate day) {
        return switch (period) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> LocalDate.of(day.getYear(), day.getMonth(), 1);
        };
    }

    private static LocalDate nthPeriod(RetentionPeriod period, LocalDate start, int n) {
        return switch (period) {
            case DAY -> start.plusDays(n);
            case WEEK -> start.plusDays(7L * n);
            case MONTH -> start.plusMonths(n);
        };
    }
}
