package com.platform.analytics.adapter.clickhouse;

import static com.platform.analytics.adapter.clickhouse.FactRows.event;
import static com.platform.analytics.domain.event.EventTypes.GAME_VIEWED;
import static com.platform.analytics.domain.event.EventTypes.NOTIFICATION_SENT;
import static com.platform.analytics.domain.event.EventTypes.REFUND_PROCESSED;
import static com.platform.analytics.domain.event.EventTypes.SESSION_ENDED;
import static com.platform.analytics.domain.event.EventTypes.TRANSACTION_COMPLETED;
import static com.platform.analytics.domain.event.EventTypes.USER_LOGGED_IN;
import static com.platform.analytics.domain.event.EventTypes.USER_REGISTERED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.event.EventKey;
import com.platform.analytics.domain.fact.FactRow;
import com.platform.analytics.domain.metric.Dimension;
import com.platform.analytics.domain.metric.Granularity;
import com.platform.analytics.domain.metric.Measure;
import com.platform.analytics.domain.metric.MeasureQuery;
import com.platform.analytics.domain.metric.MeasureRow;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The warehouse against real ClickHouse (chDB): a small platform history, every measure checked against
 * values worked out by hand from it. One engine for the class, a fresh database per test.
 *
 * <p>The history (UTC; Moscow is UTC+3). Activity by UTC day: Feb 20 u3; Feb 27 u1; Mar 1 u1, u2 (at
 * 23:59:59.999); Mar 2 u1, u2 (at 00:00), u3 (at 22:30, Mar 3 in Moscow); Mar 3 u3 and an anonymous visitor;
 * Mar 9 u2; Apr 1 u1 (00:30). Not activity: a refund Mar 3, a notification to u4 Mar 4.
 */
class ClickHouseWarehouseTest {
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");

    private static Path dataDir;
    private static ChdbEngine engine;
    private static ClickHouseTransport transport;
    private static int databases;

    private ClickHouseWarehouse warehouse;

    @BeforeAll
    static void openEngine() throws Exception {
        dataDir = Files.createTempDirectory("chdb-warehouse-test");
        engine = ChdbEngine.open(dataDir, 2);
        transport = engine.transport();
    }

    @AfterAll
    static void closeEngine() {
        engine.close();
    }

    @BeforeEach
    void freshDatabase() {
        warehouse = new ClickHouseWarehouse(transport, "warehouse_test_" + (++databases));
        assertThat(warehouse.migrate()).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @AfterEach
    void dropDatabase() {
        transport.execute("DROP DATABASE IF EXISTS " + warehouse.database() + " SYNC");
    }

    static List<FactRow> history() {
        return List.of(
                event(USER_REGISTERED, "2026-02-20T12:00:00Z", "u3").on("pc", "KZ").build(),
                event(USER_REGISTERED, "2026-02-27T10:00:00Z", "u1").on("pc", "RU").build(),
                event(USER_LOGGED_IN, "2026-03-01T08:00:00Z", "u1").on("pc", "RU").build(),
                event(USER_REGISTERED, "2026-03-01T23:59:59.999Z", "u2").on("mobile", "RU").build(),
                event(TRANSACTION_COMPLETED, "2026-03-02T00:00:00Z", "u2").on("mobile", "RU").game("g1", "game")
                        .paid("100.50", "RUB", "100.50").build(),
                event(TRANSACTION_COMPLETED, "2026-03-02T12:00:00Z", "u1").on("pc", "RU").game("g2", "dlc")
                        .paid("10.00", "USD", "900.00").build(),
                event(SESSION_ENDED, "2026-03-02T22:30:00Z", "u3").on("pc", "KZ").lasting(3600).build(),
                event(SESSION_ENDED, "2026-03-03T10:00:00Z", "u3").on("pc", "KZ").lasting(1800).build(),
                event(REFUND_PROCESSED, "2026-03-03T09:00:00Z", "u1").on("pc", "RU").game("g1", "game")
                        .paid("100.50", "RUB", "100.50").build(),
                event(GAME_VIEWED, "2026-03-03T11:00:00Z", "").anonymous("anon-1").on("pc", "RU").build(),
                event(NOTIFICATION_SENT, "2026-03-04T12:00:00Z", "u4").on("pc", "RU").build(),
                event(GAME_VIEWED, "2026-03-09T12:00:00Z", "u2").on("mobile", "RU").build(),
                event(USER_LOGGED_IN, "2026-04-01T00:30:00Z", "u1").on("pc", "RU").build());
    }

    private Map<String, String> measure(Measure m, String from, String to, Granularity g, ZoneId zone) {
        return measure(m, from, to, g, zone, List.of(), Map.of());
    }

    /** bucket (then "|" and the dimension values) to the value's exact text. */
    private Map<String, String> measure(Measure m, String from, String to, Granularity g, ZoneId zone,
            List<Dimension> dims, Map<Dimension, Set<String>> filters) {
        List<MeasureRow> rows = warehouse.measure(new MeasureQuery(m, LocalDate.parse(from), LocalDate.parse(to), g,
                zone, dims, filters));
        Map<String, String> out = new LinkedHashMap<>();
        for (MeasureRow r : rows) {
            List<String> key = new ArrayList<>();
            key.add(r.bucket().toString());
            key.addAll(r.dimensionValues());
            out.put(String.join("|", key), r.value().toPlainString());
        }
        return out;
    }

    @Test
    void activeUsersPerDayWeekMonthAndTotal() {
        warehouse.append(history());

        assertThat(measure(Measure.ACTIVE_USERS, "2026-03-01", "2026-03-04", Granularity.DAY, UTC))
                .containsExactly(Map.entry("2026-03-01", "2"), Map.entry("2026-03-02", "3"), Map.entry("2026-03-03", "1"));
        // Mar 1 is a Sunday: the first week bucket is Monday Feb 23, holding only Mar 1
        assertThat(measure(Measure.ACTIVE_USERS, "2026-03-01", "2026-03-15", Granularity.WEEK, UTC))
                .containsExactly(Map.entry("2026-02-23", "2"), Map.entry("2026-03-02", "3"), Map.entry("2026-03-09", "1"));
        assertThat(measure(Measure.ACTIVE_USERS, "2026-02-25", "2026-04-01", Granularity.MONTH, UTC))
                .containsExactly(Map.entry("2026-02-01", "1"), Map.entry("2026-03-01", "3"), Map.entry("2026-04-01", "1"));
        assertThat(measure(Measure.ACTIVE_USERS, "2026-03-01", "2026-03-31", Granularity.TOTAL, UTC))
                .containsExactly(Map.entry("2026-03-01", "3"));
    }

    @Test
    void daysAreTheQueryZonesCalendarDays() {
        warehouse.append(history());

        // u2's registration at 23:59:59.999Z is Mar 2 in Moscow; u3's session at 22:30Z is Mar 3 there
        assertThat(measure(Measure.ACTIVE_USERS, "2026-03-01", "2026-03-04", Granularity.DAY, MOSCOW))
                .containsExactly(Map.entry("2026-03-01", "1"), Map.entry("2026-03-02", "2"), Map.entry("2026-03-03", "1"));
        assertThat(measure(Measure.NEW_USERS, "2026-02-20", "2026-03-04", Granularity.DAY, MOSCOW))
                .containsExactly(Map.entry("2026-02-20", "1"), Map.entry("2026-02-27", "1"), Map.entry("2026-03-02", "1"));
        assertThat(measure(Measure.SESSIONS, "2026-03-01", "2026-03-04", Granularity.DAY, MOSCOW))
                .containsExactly(Map.entry("2026-03-03", "2"));
        assertThat(measure(Measure.PLAYTIME_SECONDS, "2026-03-01", "2026-03-04", Granularity.DAY, MOSCOW))
                .containsExactly(Map.entry("2026-03-03", "5400"));
        // Apr 1 00:30Z is Apr 1 in Moscow too, and Mar 31 has nothing: the range end is exclusive of Apr 1
        assertThat(measure(Measure.ACTIVE_USERS, "2026-03-10", "2026-03-31", Granularity.TOTAL, MOSCOW)).isEmpty();
        // a fixed offset is the same as the matching Etc zone
        assertThat(measure(Measure.ACTIVE_USERS, "2026-03-01", "2026-03-04", Granularity.DAY, ZoneId.of("+03:00")))
                .containsExactly(Map.entry("2026-03-01", "1"), Map.entry("2026-03-02", "2"), Map.entry("2026-03-03", "1"));
    }

    @Test
    void userAndMoneyMeasures() {
        warehouse.append(history());

        assertThat(measure(Measure.NEW_USERS, "2026-02-20", "2026-03-04", Granularity.DAY, UTC))
                .containsExactly(Map.entry("2026-02-20", "1"), Map.entry("2026-02-27", "1"), Map.entry("2026-03-01", "1"));
        assertThat(measure(Measure.PAYING_USERS, "2026-03-01", "2026-03-03", Granularity.DAY, UTC))
                .containsExactly(Map.entry("2026-03-02", "2"));
        assertThat(measure(Measure.GROSS_REVENUE, "2026-03-01", "2026-03-31", Granularity.TOTAL, UTC))
                .containsExactly(Map.entry("2026-03-01", "1000.50"));
        assertThat(measure(Measure.GROSS_REVENUE, "2026-03-01", "2026-03-01", Granularity.DAY, MOSCOW)).isEmpty();
        assertThat(measure(Measure.REFUNDS, "2026-03-01", "2026-03-03", Granularity.DAY, UTC))
                .containsExactly(Map.entry("2026-03-03", "100.50"));
        assertThat(measure(Measure.SESSIONS, "2026-03-01", "2026-03-03", Granularity.DAY, UTC))
                .containsExactly(Map.entry("2026-03-02", "1"), Map.entry("2026-03-03", "1"));
        assertThat(measure(Measure.SESSIONS, "2026-03-01", "2026-03-08", Granularity.WEEK, UTC))
                .containsExactly(Map.entry("2026-03-02", "2"));
        assertThat(measure(Measure.PLAYTIME_SECONDS, "2026-03-01", "2026-03-03", Granularity.DAY, UTC))
                .containsExactly(Map.entry("2026-03-02", "3600"), Map.entry("2026-03-03", "1800"));
        assertThat(measure(Measure.PLAYTIME_SECONDS, "2026-03-01", "2026-03-31", Granularity.MONTH, UTC))
                .containsExactly(Map.entry("2026-03-01", "5400"));
    }

    @Test
    void dimensionsAndFilters() {
        warehouse.append(history());

        assertThat(measure(Measure.ACTIVE_USERS, "2026-03-01", "2026-03-03", Granularity.DAY, UTC,
                List.of(Dimension.PLATFORM), Map.of())).containsExactly(
                        Map.entry("2026-03-01|mobile", "1"), Map.entry("2026-03-01|pc", "1"),
                        Map.entry("2026-03-02|mobile", "1"), Map.entry("2026-03-02|pc", "2"),
                        Map.entry("2026-03-03|pc", "1"));
        assertThat(measure(Measure.ACTIVE_USERS, "2026-03-01", "2026-03-03", Granularity.TOTAL, UTC,
                List.of(Dimension.PLATFORM, Dimension.COUNTRY), Map.of())).containsExactly(
                        Map.entry("2026-03-01|mobile|RU", "1"), Map.entry("2026-03-01|pc|KZ", "1"),
                        Map.entry("2026-03-01|pc|RU", "1"));
        assertThat(measure(Measure.GROSS_REVENUE, "2026-03-01", "2026-03-31", Granularity.TOTAL, UTC,
                List.of(Dimension.GAME_ID), Map.of())).containsExactly(
                        Map.entry("2026-03-01|g1", "100.50"), Map.entry("2026-03-01|g2", "900.00"));
        // events without the dimension group under the empty value
        assertThat(measure(Measure.SESSIONS, "2026-03-01", "2026-03-31", Granularity.TOTAL, UTC,
                List.of(Dimension.GAME_ID), Map.of())).containsExactly(Map.entry("2026-03-01|", "2"));

        assertThat(measure(Measure.ACTIVE_USERS, "2026-03-01", "2026-03-03", Granularity.DAY, UTC, List.of(),
                Map.of(Dimension.COUNTRY, Set.of("RU")))).containsExactly(
                        Map.entry("2026-03-01", "2"), Map.entry("2026-03-02", "2"));
        assertThat(measure(Measure.ACTIVE_USERS, "2026-03-01", "2026-03-03", Granularity.DAY, UTC, List.of(),
                Map.of(Dimension.COUNTRY, Set.of("RU", "KZ")))).containsExactly(
                        Map.entry("2026-03-01", "2"), Map.entry("2026-03-02", "3"), Map.entry("2026-03-03", "1"));
        assertThat(measure(Measure.ACTIVE_USERS, "2026-03-01", "2026-03-03", Granularity.DAY, UTC, List.of(),
                Map.of(Dimension.COUNTRY, Set.of("RU"), Dimension.PLATFORM, Set.of("mobile")))).containsExactly(
                        Map.entry("2026-03-01", "1"), Map.entry("2026-03-02", "1"));
        assertThat(measure(Measure.ACTIVE_USERS, "2026-03-01", "2026-03-03", Granularity.DAY, MOSCOW, List.of(),
                Map.of(Dimension.COUNTRY, Set.of("RU"), Dimension.PLATFORM, Set.of("mobile")))).containsExactly(
                        Map.entry("2026-03-02", "1"));
        assertThat(measure(Measure.PAYING_USERS, "2026-03-01", "2026-03-03", Granularity.DAY, UTC, List.of(),
                Map.of(Dimension.ITEM_TYPE, Set.of("dlc")))).containsExactly(Map.entry("2026-03-02", "1"));
        // a value holding a quote is just a value that matches nothing
        assertThat(measure(Measure.ACTIVE_USERS, "2026-03-01", "2026-03-03", Granularity.DAY, UTC, List.of(),
                Map.of(Dimension.COUNTRY, Set.of("RU') OR ('1'='1")))).isEmpty();
    }

    @Test
    void rollingWindowsReachBackBeforeTheRange() {
        warehouse.append(history());

        // Feb 28: window Feb 22..28 holds u1 (Feb 27) only; u3 (Feb 20) is outside it
        assertThat(measure(Measure.ACTIVE_USERS_ROLLING_7D, "2026-02-28", "2026-02-28", Granularity.DAY, UTC))
                .containsExactly(Map.entry("2026-02-28", "1"));
        // Mar 4..5 have no activity of their own; Mar 9's window Mar 3..9 holds u3 (Mar 3) and u2 (Mar 9)
        assertThat(measure(Measure.ACTIVE_USERS_ROLLING_7D, "2026-03-04", "2026-03-09", Granularity.DAY, UTC))
                .containsExactly(Map.entry("2026-03-04", "3"), Map.entry("2026-03-05", "3"),
                        Map.entry("2026-03-06", "3"), Map.entry("2026-03-07", "3"), Map.entry("2026-03-08", "3"),
                        Map.entry("2026-03-09", "2"));
        // in Moscow u2 first appears on Mar 2
        assertThat(measure(Measure.ACTIVE_USERS_ROLLING_7D, "2026-03-01", "2026-03-01", Granularity.DAY, MOSCOW))
                .containsExactly(Map.entry("2026-03-01", "1"));
        assertThat(measure(Measure.ACTIVE_USERS_ROLLING_7D, "2026-03-01", "2026-03-01", Granularity.DAY, UTC))
                .containsExactly(Map.entry("2026-03-01", "2"));
        // Mar 21: window Feb 20..Mar 21 holds all three
        assertThat(measure(Measure.ACTIVE_USERS_ROLLING_30D, "2026-03-21", "2026-03-21", Granularity.DAY, UTC))
                .containsExactly(Map.entry("2026-03-21", "3"));
        // Apr 1: window Mar 3..Apr 1 holds u3 (Mar 3) and u1 (Apr 1) on pc, u2 on mobile; Apr 2 loses u3
        assertThat(measure(Measure.ACTIVE_USERS_ROLLING_30D, "2026-04-01", "2026-04-02", Granularity.DAY, UTC,
                List.of(Dimension.PLATFORM), Map.of())).containsExactly(
                        Map.entry("2026-04-01|mobile", "1"), Map.entry("2026-04-01|pc", "2"),
                        Map.entry("2026-04-02|mobile", "1"), Map.entry("2026-04-02|pc", "1"));
    }

    @Test
    void keysThatGrowWhenEscapedAreLookedUpInStatementsThatFit() {
        // a backslash takes four bytes in the statement (TSV, then SQL escaping): 200 ids of 1,000 backslashes
        // are 800 KB of literal, which must be split to stay under max_query_size
        List<FactRow> rows = new ArrayList<>();
        List<EventKey> keys = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String id = "\\".repeat(1000) + i;
            rows.add(event(USER_LOGGED_IN, "2026-03-05T10:00:00Z", "u" + i).id("/escapes", id).build());
            keys.add(new EventKey("/escapes", id));
        }
        warehouse.append(rows);
        assertThat(warehouse.findExisting(keys)).hasSize(200);
        assertThat(ClickHouseWarehouse.literalBytes("a'\\\nж€")).isEqualTo(1 + 2 + 2 + 2 + 2 + 3);
    }

    @Test
    void findExistingAnswersStoredKeysOnly() {
        List<FactRow> rows = new ArrayList<>(history());
        rows.add(event(USER_LOGGED_IN, "2026-03-05T10:00:00Z", "u5").id("/odd'source\\", "it's \"odd\"\n\t")
                .data("{\"note\":\"quote ' and backslash \\\\ and тест\"}").build());
        warehouse.append(rows);

        EventKey odd = new EventKey("/odd'source\\", "it's \"odd\"\n\t");
        EventKey first = new EventKey(rows.get(0).source(), rows.get(0).eventId());
        EventKey unknown = new EventKey("/test-service", "never-sent");
        assertThat(warehouse.findExisting(List.of(odd, first, unknown))).containsExactlyInAnyOrder(odd, first);
        assertThat(warehouse.findExisting(List.of())).isEmpty();

        // more keys than fit one statement: the lookup is split and still finds every stored key
        List<EventKey> many = new ArrayList<>();
        for (int i = 0; i < 12_000; i++) {
            many.add(new EventKey("/test-service", "missing-" + i + "-".repeat(20)));
        }
        many.add(first);
        many.add(odd);
        assertThat(warehouse.findExisting(many)).containsExactlyInAnyOrder(odd, first);

        assertThat(TabSeparatedRows.parse(transport.query("SELECT data FROM " + warehouse.database()
                + ".events WHERE user_id = 'u5'", "TabSeparated"))).containsExactly(List.of(rows.get(rows.size() - 1).dataJson()));
    }

    @Test
    void appendedRowsKeepEveryColumn() {
        FactRow row = event(TRANSACTION_COMPLETED, "2026-03-02T00:00:00.123Z", "u9").on("pc", "RU")
                .game("g7", "dlc").paid("12.345", "EUR", "1234.57").build();
        warehouse.append(List.of(row));

        String line = transport.query("SELECT source, event_id, type, is_registered_type, is_activity, ts, received_at, "
                + "user_id, game_id, developer_id, platform, country, genre, item_type, amount, currency, amount_rub "
                + "FROM " + warehouse.database() + ".events", "TabSeparated");
        assertThat(line).isEqualTo(String.join("\t", "/test-service", row.eventId(), TRANSACTION_COMPLETED, "1", "1",
                "2026-03-02 00:00:00.123", "2026-03-02 00:00:05.123", "u9", "g7", "dev-1", "pc", "RU", "rpg", "dlc",
                "12.35", "EUR", "1234.57") + "\n");
        assertThat(transport.query("SELECT day, user_id, events FROM " + warehouse.database()
                + ".mart_user_activity_daily", "TabSeparated")).isEqualTo("2026-03-02\tu9\t1\n");
    }

    @Test
    void aRowWhoseTimeInBinaryHoldsABlankLineIsStored() {
        // 2026-01-01T13:45:04.778Z is 0x0a0a... in little-endian millis: chDB ends inline binary data at a blank
        // line, which is why rows travel as text
        FactRow row = event(USER_LOGGED_IN, "2026-01-01T13:45:04.778Z", "u1").build();
        warehouse.append(List.of(row));
        assertThat(transport.query("SELECT ts FROM " + warehouse.database() + ".events", "TabSeparated"))
                .isEqualTo("2026-01-01 13:45:04.778\n");
    }

    @Test
    void anEventOfAnUnknownTypeLeavesOnlyItsKey() {
        FactRow known = event(USER_LOGGED_IN, "2026-03-02T10:00:00Z", "u1").build();
        FactRow unknown = new FactRow("/new-service", "n-1", "com.platform.brandnew.v1", false, false,
                Instant.parse("2026-03-02T10:00:00Z"), Instant.parse("2026-03-02T10:00:05Z"), "u1", "", "", "", "", "", "",
                "", "", "", "", "", BigDecimal.ZERO, "", BigDecimal.ZERO, 0, "", "", "{}");
        warehouse.append(List.of(known, unknown));

        // the unknown event's payload and identifiers stay out of the warehouse: key, type and time only
        assertThat(transport.query("SELECT type, is_registered_type, user_id, length(data) > 0 FROM " + warehouse.database()
                + ".events ORDER BY type", "TabSeparated")).isEqualTo(USER_LOGGED_IN + "\t1\tu1\t1\ncom.platform.brandnew.v1\t0\t\t0\n");
        assertThat(warehouse.findExisting(List.of(new EventKey("/new-service", "n-1"), new EventKey(known.source(), known.eventId()))))
                .hasSize(2);
        assertThat(warehouse.countKeys()).isEqualTo(2);
    }

    @Test
    void theActivityMartIsReconciledWithEvents() {
        warehouse.append(List.of(event(USER_LOGGED_IN, "2026-03-02T10:00:00Z", "u1").build(),
                event(USER_LOGGED_IN, "2026-03-03T10:00:00Z", "u2").build()));
        assertThat(warehouse.reconcileActivityMart(null)).isZero();

        // as if the mart's view had failed after the rows were stored
        transport.execute("TRUNCATE TABLE " + warehouse.database() + ".mart_user_activity_daily");
        assertThat(warehouse.reconcileActivityMart(java.util.Set.of(java.time.LocalDate.parse("2026-03-02")))).isEqualTo(1);
        assertThat(warehouse.reconcileActivityMart(null)).isEqualTo(1);
        assertThat(warehouse.reconcileActivityMart(null)).isZero();
        assertThat(transport.query("SELECT day, user_id FROM " + warehouse.database() + ".mart_user_activity_daily ORDER BY day",
                "TabSeparated")).isEqualTo("2026-03-02\tu1\n2026-03-03\tu2\n");
    }

    @Test
    void appendIsAllOrNothing() {
        // the good row is in another month, so it would be another part if anything were written
        FactRow good = event(USER_LOGGED_IN, "2026-02-02T10:00:00Z", "u1").build();
        FactRow negative = event(SESSION_ENDED, "2026-03-02T10:00:00Z", "u1").lasting(-5).build();

        assertThatThrownBy(() -> warehouse.append(List.of(good, negative))).isInstanceOf(AnalyticsException.class);
        assertThat(transport.query("SELECT count() FROM " + warehouse.database() + ".events", "TabSeparated"))
                .isEqualTo("0\n");
        assertThat(warehouse.findExisting(List.of(new EventKey(good.source(), good.eventId())))).isEmpty();
    }

    @Test
    void migrateTwiceAppliesNothingTheSecondTime() {
        assertThat(warehouse.migrate()).isEmpty();
        assertThat(transport.query("SELECT version FROM " + warehouse.database() + ".schema_migrations ORDER BY version",
                "TabSeparated")).isEqualTo("1\n2\n3\n4\n5\n6\n");
    }

    @Test
    void literalsSurviveTheRoundTripThroughClickHouse() {
        List<String> values = List.of("plain", "it's", "back\\slash", "\\'", "'; DROP TABLE x; --", "tab\there",
                "line\nbreak", "nul\0byte", "юникод ✓", "");
        String sql = values.stream().map(SqlLiterals::string).collect(Collectors.joining(", ", "SELECT ", ""));
        List<List<String>> rows = TabSeparatedRows.parse(transport.query(sql, "TabSeparated"));
        assertThat(rows).containsExactly(values);
    }

    @Test
    void statementsFromManyThreadsShareThePool() throws Exception {
        warehouse.append(history());
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Map<String, String>>> answers = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                int n = i;
                answers.add(threads.submit(() -> measure(Measure.ACTIVE_USERS, "2026-03-01", "2026-03-04",
                        Granularity.DAY, n % 2 == 0 ? UTC : MOSCOW)));
            }
            for (int i = 0; i < answers.size(); i++) {
                assertThat(answers.get(i).get(30, java.util.concurrent.TimeUnit.SECONDS)).containsEntry("2026-03-02",
                        i % 2 == 0 ? "3" : "2");
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void oneEnginePerProcess() {
        assertThatThrownBy(() -> ChdbEngine.open(dataDir.resolve("other"), 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already open");
    }
}
