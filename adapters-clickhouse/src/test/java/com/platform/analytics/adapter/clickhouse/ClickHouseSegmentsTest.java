package com.platform.analytics.adapter.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.event.EventTypes;
import com.platform.analytics.domain.fact.FactRow;
import com.platform.analytics.domain.json.Json;
import com.platform.analytics.domain.segment.SegmentCriteria;
import com.platform.analytics.domain.segment.UserAttributes;
import com.platform.analytics.port.out.SegmentEngine;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Segments against real ClickHouse (chDB): generated events go into the warehouse, and the attributes and
 * memberships it computes must equal a plain-Java computation over the same events (not the same SQL). Countries
 * are hostile strings (quotes, backslashes, an injection attempt, unicode) that must match literally.
 */
class ClickHouseSegmentsTest {
    private static final Instant AS_OF = Instant.parse("2026-03-31T12:00:00Z");
    private static final List<String> COUNTRIES = List.of("RU", "KZ", "O'Brien", "back\\slash", "') OR 1=1 --",
            "Ünïcødé 🎮", "tab\there", "%", "_", "'", "\\'");
    private static final List<String> PLATFORMS = List.of("pc", "mobile", "console");
    private static final List<String> STATUSES = List.of("active", "suspended", "deleted");

    private static Path dataDir;
    private static ChdbEngine engine;
    private static ClickHouseWarehouse warehouse;
    private static ClickHouseSegments segments;
    private static final List<Ev> EVENTS = new ArrayList<>();

    /** A generated event, as the test knows it. */
    record Ev(String source, String id, String type, Instant ts, String user, String country, String platform,
            String gameId, BigDecimal amountRub, long duration, String data) {
        FactRow row() {
            FactRows b = FactRows.event(type, ts.toString(), user).id(source, id).on(platform, country)
                    .game(gameId, "").lasting(duration).data(data);
            if (amountRub.signum() != 0) {
                b.paid(amountRub.toPlainString(), "RUB", amountRub.toPlainString());
            }
            return b.build();
        }
    }

    @BeforeAll
    static void loadGeneratedEvents() throws Exception {
        Random random = new Random(20260331);
        Instant start = AS_OF.minus(Duration.ofDays(60));
        List<String> types = List.of(EventTypes.USER_REGISTERED, EventTypes.USER_LOGGED_IN, EventTypes.GAME_VIEWED,
                EventTypes.GAME_ADDED, EventTypes.SESSION_ENDED, EventTypes.TRANSACTION_COMPLETED, EventTypes.REFUND_PROCESSED,
                EventTypes.USER_BANNED, EventTypes.STATUS_UPDATED, EventTypes.NOTIFICATION_SENT);
        int sequence = 0;
        for (int u = 0; u < 80; u++) {
            String user = "k1_" + String.format("%032x", u * 7919L);
            int n = random.nextInt(25);
            Instant previous = start;
            for (int i = 0; i < n; i++) {
                String type = types.get(random.nextInt(types.size()));
                // some events in the same millisecond as the one before, some after asOf (not seen), unordered ids
                Instant ts = random.nextInt(6) == 0 ? previous
                        : start.plusMillis((long) (random.nextDouble() * Duration.ofDays(62).toMillis()));
                previous = ts;
                String country = random.nextInt(4) == 0 ? "" : COUNTRIES.get(random.nextInt(COUNTRIES.size()));
                String platform = random.nextInt(3) == 0 ? "" : PLATFORMS.get(random.nextInt(PLATFORMS.size()));
                String game = type.equals(EventTypes.GAME_ADDED) || type.equals(EventTypes.SESSION_ENDED)
                        ? "g" + random.nextInt(4) : "";
                BigDecimal amount = type.equals(EventTypes.TRANSACTION_COMPLETED) || type.equals(EventTypes.REFUND_PROCESSED)
                        ? BigDecimal.valueOf(random.nextInt(900_000), 2) : BigDecimal.ZERO;
                long duration = type.equals(EventTypes.SESSION_ENDED) ? random.nextInt(7200) : 0;
                String data = "{}";
                if (type.equals(EventTypes.USER_BANNED)) {
                    int kind = random.nextInt(3);
                    data = kind == 0 ? "{\"reason\":\"x\"}" : "{\"until\":\"" + AS_OF.plus(Duration.ofDays(kind == 1 ? 5 : -5)) + "\"}";
                } else if (type.equals(EventTypes.STATUS_UPDATED)) {
                    data = "{\"newStatus\":" + Json.write(STATUSES.get(random.nextInt(STATUSES.size()))) + "}";
                }
                EVENTS.add(new Ev("/s" + random.nextInt(3), "e" + (sequence++ * 7 % 1000) + "-" + i, type, ts, user,
                        country, platform, game, amount, duration, data));
            }
        }
        // an anonymous event counts for nobody
        EVENTS.add(new Ev("/s0", "anon", EventTypes.GAME_VIEWED, AS_OF.minusSeconds(5), "", "RU", "pc", "", BigDecimal.ZERO, 0, "{}"));

        dataDir = Files.createTempDirectory("chdb-segments-test");
        engine = ChdbEngine.open(dataDir, 2);
        warehouse = new ClickHouseWarehouse(engine.transport(), "segments_test");
        warehouse.migrate();
        warehouse.append(EVENTS.stream().map(Ev::row).toList());
        segments = new ClickHouseSegments(engine.transport(), "segments_test");
    }

    @AfterAll
    static void closeEngine() {
        if (engine != null) {
            engine.transport().execute("DROP DATABASE IF EXISTS segments_test SYNC");
            engine.close();
        }
    }

    /** The attributes by their definitions in SegmentField, computed in plain Java. */
    static Map<String, UserAttributes> expectedAttributes(Instant asOf) {
        Comparator<Ev> latest = Comparator.comparing(Ev::ts).thenComparing(Ev::source).thenComparing(Ev::id);
        Map<String, List<Ev>> byUser = EVENTS.stream().filter(e -> !e.user().isEmpty() && !e.ts().isAfter(asOf))
                .collect(Collectors.groupingBy(Ev::user, TreeMap::new, Collectors.toList()));
        Map<String, UserAttributes> out = new TreeMap<>();
        for (Map.Entry<String, List<Ev>> entry : byUser.entrySet()) {
            List<Ev> evs = entry.getValue();
            String country = evs.stream().filter(e -> !e.country().isEmpty()).max(latest).map(Ev::country).orElse("");
            String platform = evs.stream().filter(e -> !e.platform().isEmpty()).max(latest).map(Ev::platform).orElse("");
            Instant registered = evs.stream().filter(e -> e.type().equals(EventTypes.USER_REGISTERED)).map(Ev::ts)
                    .min(Comparator.naturalOrder()).orElse(null);
            Instant lastActive = evs.stream().filter(e -> EventTypes.isActivity(e.type())).map(Ev::ts)
                    .max(Comparator.naturalOrder()).orElse(null);
            BigDecimal paid = BigDecimal.ZERO.setScale(2);
            long payments = 0;
            Set<String> games = new HashSet<>();
            long playtime = 0;
            long sessions = 0;
            for (Ev e : evs) {
                if (e.type().equals(EventTypes.TRANSACTION_COMPLETED)) {
                    paid = paid.add(e.amountRub());
                    payments++;
                } else if (e.type().equals(EventTypes.REFUND_PROCESSED)) {
                    paid = paid.subtract(e.amountRub());
                } else if (e.type().equals(EventTypes.GAME_ADDED) && !e.gameId().isEmpty()) {
                    games.add(e.gameId());
                } else if (e.type().equals(EventTypes.SESSION_ENDED) && e.ts().isAfter(asOf.minus(Duration.ofDays(30)))) {
                    playtime += e.duration();
                    sessions++;
                }
            }
            Long days = lastActive == null ? null : ChronoUnit.DAYS.between(LocalDate.ofInstant(lastActive, ZoneOffset.UTC),
                    LocalDate.ofInstant(asOf, ZoneOffset.UTC));
            boolean banned = evs.stream().filter(e -> e.type().equals(EventTypes.USER_BANNED)).max(latest).map(e -> {
                Object until = Json.parseObject(e.data()).get("until");
                return until == null || Instant.parse((String) until).isAfter(asOf);
            }).orElse(false);
            String status = evs.stream().filter(e -> e.type().equals(EventTypes.STATUS_UPDATED)).max(latest)
                    .map(e -> (String) Json.parseObject(e.data()).get("newStatus")).orElse("active");
            out.put(entry.getKey(), new UserAttributes(entry.getKey(), country, platform, registered, lastActive, paid, payments,
                    games.size(), playtime, sessions, days, banned, status));
        }
        return out;
    }

    private static Set<String> expectedMembers(SegmentCriteria criteria) {
        return expectedAttributes(AS_OF).values().stream().filter(criteria::matches).map(UserAttributes::userId)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Instant instantOrNull(String text) {
        return text.equals("null") ? null : java.time.LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
    }

    @Test
    void theWarehouseComputesEveryAttributeAsDefined() {
        Map<String, UserAttributes> got = new TreeMap<>();
        // absent values as the text "null": TabSeparated's \N would read back as an escape
        String sql = "SELECT user_id, country, platform, ifNull(toString(registered_at), 'null'),"
                + " ifNull(toString(last_active_at), 'null'), total_payments_sum_rub, payments_count, games_owned,"
                + " playtime_seconds_30d, sessions_30d, ifNull(toString(days_since_last_active), 'null'), is_banned, account_status FROM ("
                + SegmentSql.attributes("segments_test", AS_OF) + ")";
        for (List<String> f : TabSeparatedRows.parse(engine.transport().query(sql, "TabSeparated"))) {
            got.put(f.get(0), new UserAttributes(f.get(0), f.get(1), f.get(2), instantOrNull(f.get(3)), instantOrNull(f.get(4)),
                    new BigDecimal(f.get(5)).setScale(2), Long.parseLong(f.get(6)), Long.parseLong(f.get(7)),
                    Long.parseLong(f.get(8)), Long.parseLong(f.get(9)), f.get(10).equals("null") ? null : Long.parseLong(f.get(10)),
                    f.get(11).equals("1"), f.get(12)));
        }
        Map<String, UserAttributes> expected = expectedAttributes(AS_OF);

        assertThat(expected).hasSizeGreaterThan(50);
        assertThat(got.keySet()).containsExactlyElementsOf(expected.keySet());
        for (String user : expected.keySet()) {
            assertThat(got.get(user)).as(user).isEqualTo(expected.get(user));
        }
    }

    @Test
    void hostileStringsMatchLiterallyAndNothingElse() {
        for (String country : COUNTRIES) {
            SegmentCriteria equal = criteria("{\"field\":\"user.country\",\"operator\":\"=\",\"value\":" + Json.write(country) + "}");
            assertMembership(equal);
            assertThat(expectedMembers(equal)).as("users whose country is %s", country).isNotEmpty();
            assertMembership(criteria("{\"field\":\"user.country\",\"operator\":\"contains\",\"value\":" + Json.write(country) + "}"));
        }
        assertMembership(criteria("{\"field\":\"user.country\",\"operator\":\"in\",\"value\":" + Json.write(COUNTRIES.subList(2, 7)) + "}"));
        assertMembership(criteria("{\"field\":\"user.account_status\",\"operator\":\"not_in\",\"value\":[\"active\",\"x' OR '1'='1\"]}"));
        SegmentCriteria injection = criteria("{\"field\":\"user.platform\",\"operator\":\"=\",\"value\":\"pc' OR 1=1 --\"}");
        assertMembership(injection);
        assertThat(expectedMembers(injection)).isEmpty();
    }

    @Test
    void everyValueIsAQueryParameterNeverSqlText() {
        SegmentCriteria tree = criteria("{\"type\":\"AND\",\"conditions\":["
                + "{\"field\":\"user.country\",\"operator\":\"in\",\"value\":[\"O'Brien\",\"') OR 1=1 --\"]},"
                + "{\"field\":\"user.total_payments_sum_rub\",\"operator\":\">=\",\"value\":1234.5},"
                + "{\"field\":\"user.payments_count\",\"operator\":\">=\",\"value\":77},"
                + "{\"type\":\"NOT\",\"conditions\":[{\"field\":\"user.platform\",\"operator\":\"contains\",\"value\":\"x\\\\y\"}]}]}");

        SegmentSql.Bound members = SegmentSql.members("segments_test", AS_OF, tree);

        assertThat(members.parameters()).containsExactly(Map.entry("v0", "O'Brien"), Map.entry("v1", "') OR 1=1 --"),
                Map.entry("v2", "1234.5"), Map.entry("v3", "77"), Map.entry("v4", "x\\y"));
        for (String value : List.of("O'Brien", "OR 1=1", "1234.5", "77", "x\\y")) {
            assertThat(members.sql()).as("the SQL holds no value").doesNotContain(value);
        }
        assertThat(members.sql()).contains("{v0:String}", "toDecimal128({v2:String}, 2)", "{v3:Int64}");
        assertThat(members.explained()).startsWith("SET param_v0 = 'O\\'Brien', param_v1 = ");
        assertMembership(tree);
    }

    @Test
    void treesOverEveryAttributeMatchThePlainJavaEvaluation() {
        List<String> trees = List.of(
                "{\"type\":\"AND\",\"conditions\":[{\"field\":\"user.total_payments_sum_rub\",\"operator\":\">=\",\"value\":1000}]}",
                "{\"field\":\"user.total_payments_sum_rub\",\"operator\":\"<\",\"value\":-0.01}",
                "{\"type\":\"OR\",\"conditions\":[{\"field\":\"user.payments_count\",\"operator\":\">\",\"value\":1},"
                        + "{\"field\":\"user.games_owned\",\"operator\":\">=\",\"value\":2}]}",
                "{\"type\":\"NOT\",\"conditions\":[{\"field\":\"user.registered_at\",\"operator\":\">=\",\"value\":\"2026-03-01T00:00:00Z\"}]}",
                "{\"field\":\"user.last_active_at\",\"operator\":\"<\",\"value\":\"2026-03-20T00:00:00.000Z\"}",
                "{\"type\":\"AND\",\"conditions\":[{\"field\":\"user.playtime_seconds_30d\",\"operator\":\">\",\"value\":3600},"
                        + "{\"field\":\"user.sessions_30d\",\"operator\":\"!=\",\"value\":2}]}",
                "{\"field\":\"user.days_since_last_active\",\"operator\":\"<=\",\"value\":7}",
                "{\"type\":\"NOT\",\"conditions\":[{\"field\":\"user.days_since_last_active\",\"operator\":\"<=\",\"value\":7}]}",
                "{\"field\":\"user.is_banned\",\"operator\":\"=\",\"value\":true}",
                "{\"field\":\"user.is_banned\",\"operator\":\"!=\",\"value\":true}",
                "{\"field\":\"user.account_status\",\"operator\":\"=\",\"value\":\"suspended\"}",
                "{\"type\":\"AND\",\"conditions\":[{\"field\":\"user.platform\",\"operator\":\"in\",\"value\":[\"pc\",\"console\"]},"
                        + "{\"type\":\"OR\",\"conditions\":[{\"field\":\"user.country\",\"operator\":\"=\",\"value\":\"RU\"},"
                        + "{\"type\":\"NOT\",\"conditions\":[{\"field\":\"user.is_banned\",\"operator\":\"=\",\"value\":false}]}]}]}",
                "{\"field\":\"user.platform\",\"operator\":\"=\",\"value\":\"\"}",
                "{\"field\":\"user.payments_count\",\"operator\":\"=\",\"value\":0}",
                "{\"type\":\"NOT\",\"conditions\":[{\"field\":\"user.payments_count\",\"operator\":\"=\",\"value\":0}]}",
                "{\"type\":\"OR\",\"conditions\":[{\"field\":\"user.account_status\",\"operator\":\"!=\",\"value\":\"active\"},"
                        + "{\"field\":\"user.registered_at\",\"operator\":\"<\",\"value\":\"2026-03-10T00:00:00Z\"}]}");
        for (String tree : trees) {
            assertMembership(criteria(tree));
        }
    }

    @Test
    void onlyUsersWithAnEventTheCriteriaNeedAreComputedWhenNoOneElseCanMatch() {
        // no payment: payments_count 0, which fails ">= 2": only payers are computed, from payments and refunds
        assertThat(SegmentSql.sourceTypes(criteria("{\"type\":\"AND\",\"conditions\":["
                + "{\"field\":\"user.total_payments_sum_rub\",\"operator\":\">=\",\"value\":1000},"
                + "{\"field\":\"user.payments_count\",\"operator\":\">=\",\"value\":2}]}")))
                .containsExactlyInAnyOrder(EventTypes.TRANSACTION_COMPLETED, EventTypes.REFUND_PROCESSED);
        assertThat(SegmentSql.sourceTypes(criteria("{\"type\":\"OR\",\"conditions\":["
                + "{\"field\":\"user.is_banned\",\"operator\":\"=\",\"value\":true},"
                + "{\"field\":\"user.games_owned\",\"operator\":\">\",\"value\":3}]}")))
                .containsExactlyInAnyOrder(EventTypes.USER_BANNED, EventTypes.GAME_ADDED);
        // users without a payment match "= 0": everyone is computed
        assertThat(SegmentSql.sourceTypes(criteria("{\"field\":\"user.payments_count\",\"operator\":\"=\",\"value\":0}"))).isEmpty();
        // the country comes from events of every type: everyone is computed
        assertThat(SegmentSql.sourceTypes(criteria("{\"type\":\"AND\",\"conditions\":["
                + "{\"field\":\"user.payments_count\",\"operator\":\">=\",\"value\":2},"
                + "{\"field\":\"user.country\",\"operator\":\"=\",\"value\":\"RU\"}]}"))).isEmpty();
        SegmentCriteria refunded = criteria("{\"field\":\"user.total_payments_sum_rub\",\"operator\":\"<\",\"value\":-0.01}");
        assertThat(SegmentSql.members("segments_test", AS_OF, refunded).sql()).contains("type IN (");
        assertMembership(refunded);
        assertThat(expectedMembers(refunded)).as("users with more refunded than paid").isNotEmpty();
    }

    @Test
    void aRefreshWritesASnapshotNamedByItsTimeAndCountsTheChangeAgainstTheCurrentOne() {
        UUID segment = UUID.randomUUID();
        SegmentCriteria payers = criteria("{\"field\":\"user.payments_count\",\"operator\":\">=\",\"value\":1}");
        SegmentCriteria bigPayers = criteria("{\"field\":\"user.payments_count\",\"operator\":\">=\",\"value\":2}");
        Set<String> all = expectedMembers(payers);
        Set<String> big = expectedMembers(bigPayers);
        assertThat(big).isNotEmpty().hasSizeLessThan(all.size());

        assertThat(segments.members(segment, AS_OF, 0, 10)).isEmpty();

        SegmentEngine.Snapshot first = segments.refresh(segment, payers, AS_OF, Optional.empty());
        SegmentEngine.Snapshot same = segments.refresh(segment, payers, AS_OF.plusMillis(1), Optional.of(first.calculatedAt()));
        SegmentEngine.Snapshot smaller = segments.refresh(segment, bigPayers, AS_OF.plusSeconds(60), Optional.of(same.calculatedAt()));

        assertThat(first.calculatedAt()).isEqualTo(AS_OF);
        assertThat(first.userCount()).isEqualTo(all.size());
        assertThat(first.changedMembers()).isEqualTo(all.size());
        assertThat(same.changedMembers()).isZero();
        assertThat(smaller.userCount()).isEqualTo(big.size());
        assertThat(smaller.changedMembers()).isEqualTo(all.size() - big.size());
        List<String> paged = new ArrayList<>();
        for (int page = 0; page * 7 < big.size() + 7; page++) {
            paged.addAll(segments.members(segment, smaller.calculatedAt(), page * 7L, 7));
        }
        assertThat(paged).containsExactlyElementsOf(big);
        assertThat(segments.members(segment, same.calculatedAt(), 0, 10_000)).as("an earlier snapshot, as it was")
                .containsExactlyElementsOf(all);
        String member = big.iterator().next();
        String formerMember = all.stream().filter(u -> !big.contains(u)).findFirst().orElseThrow();
        assertThat(segments.isMember(segment, smaller.calculatedAt(), member)).isTrue();
        assertThat(segments.isMember(segment, smaller.calculatedAt(), formerMember)).isFalse();
        assertThat(segments.isMember(segment, same.calculatedAt(), formerMember)).isTrue();
        assertThat(segments.isMember(segment, smaller.calculatedAt(), "' OR 1=1 --")).isFalse();
        assertThatThrownBy(() -> segments.refresh(segment, payers, AS_OF.plusSeconds(60), Optional.of(smaller.calculatedAt())))
                .as("a snapshot must come after the current one").isInstanceOf(IllegalArgumentException.class);

        segments.discardBefore(segment, same.calculatedAt());
        assertRowsSoon(segment, String.valueOf(all.size() + big.size())); // "the first snapshot goes, later ones stay"
        assertThat(segments.members(segment, first.calculatedAt(), 0, 10)).isEmpty();

        segments.forget(segment);
        assertRowsSoon(segment, "0");
        assertThat(segments.members(segment, smaller.calculatedAt(), 0, 10)).isEmpty();
    }

    @Test
    void changesAreCountedAgainstTheCurrentSnapshotNotAnUnrecordedOneInBetween() {
        UUID segment = UUID.randomUUID();
        SegmentCriteria payers = criteria("{\"field\":\"user.payments_count\",\"operator\":\">=\",\"value\":1}");
        SegmentCriteria bigPayers = criteria("{\"field\":\"user.payments_count\",\"operator\":\">=\",\"value\":2}");
        Set<String> all = expectedMembers(payers);
        Set<String> big = expectedMembers(bigPayers);

        SegmentEngine.Snapshot current = segments.refresh(segment, payers, AS_OF, Optional.empty());
        // written, but its recording failed: never current, never announced
        SegmentEngine.Snapshot unrecorded = segments.refresh(segment, bigPayers, AS_OF.plusSeconds(1), Optional.of(current.calculatedAt()));
        assertThat(unrecorded.changedMembers()).isEqualTo(all.size() - big.size());
        SegmentEngine.Snapshot next = segments.refresh(segment, bigPayers, AS_OF.plusSeconds(2), Optional.of(current.calculatedAt()));

        assertThat(next.changedMembers()).as("the unannounced change is counted again").isEqualTo(all.size() - big.size());
        assertThat(next.userCount()).isEqualTo(big.size());
        SegmentEngine.Snapshot after = segments.refresh(segment, bigPayers, AS_OF.plusSeconds(3), Optional.of(next.calculatedAt()));
        assertThat(after.changedMembers()).isZero();
        segments.discardBefore(segment, next.calculatedAt());
        assertRowsSoon(segment, String.valueOf(2 * big.size())); // "the failed attempt's rows go with the older snapshot"
    }

    @Test
    void aFailedRefreshLeavesTheCurrentSnapshotAndItsRowsAreNeverRead() {
        UUID segment = UUID.randomUUID();
        SegmentCriteria payers = criteria("{\"field\":\"user.payments_count\",\"operator\":\">=\",\"value\":1}");
        SegmentEngine.Snapshot current = segments.refresh(segment, payers, AS_OF, Optional.empty());
        ClickHouseSegments broken = new ClickHouseSegments(engine.transport(), "segments_test_missing");

        assertThatThrownBy(() -> broken.refresh(segment, payers, AS_OF.plusSeconds(1), Optional.of(current.calculatedAt())))
                .isInstanceOf(AnalyticsException.class);
        // an attempt that wrote some members and then failed
        engine.transport().execute("INSERT INTO segments_test.segment_members VALUES ('" + segment
                + "', toDateTime64('2026-03-31 12:00:01.000', 3, 'UTC'), 'k1_intruder')");

        assertThat(segments.isMember(segment, current.calculatedAt(), "k1_intruder")).isFalse();
        assertThat(segments.members(segment, current.calculatedAt(), 0, 1000)).containsExactlyElementsOf(expectedMembers(payers));
        SegmentEngine.Snapshot next = segments.refresh(segment, payers, AS_OF.plusSeconds(2), Optional.of(current.calculatedAt()));
        assertThat(next.changedMembers()).isZero();
        segments.discardBefore(segment, next.calculatedAt());
        assertRowsSoon(segment, String.valueOf(expectedMembers(payers).size()));
    }

    @Test
    void staticMembersAreStoredAsGivenWithHostileIds() {
        UUID segment = UUID.randomUUID();
        List<String> ids = List.of("k1_b", "k1_a", "it's", "back\\slash", "tab\tid", "new\nline", "k1_a", "🎮");

        SegmentEngine.Snapshot snapshot = segments.replaceMembers(segment, ids, AS_OF, Optional.empty());
        SegmentEngine.Snapshot again = segments.replaceMembers(segment, List.of("k1_a"), AS_OF.plusSeconds(1),
                Optional.of(snapshot.calculatedAt()));

        assertThat(snapshot.userCount()).isEqualTo(7);
        assertThat(again.changedMembers()).isEqualTo(6);
        assertThat(segments.members(segment, again.calculatedAt(), 0, 10)).containsExactly("k1_a");
        SegmentEngine.Snapshot back = segments.replaceMembers(segment, ids, AS_OF.plusSeconds(2), Optional.of(again.calculatedAt()));
        assertThat(segments.members(segment, back.calculatedAt(), 0, 10)).containsExactlyElementsOf(new TreeSet<>(ids));
        for (String id : ids) {
            assertThat(segments.isMember(segment, back.calculatedAt(), id)).as(id).isTrue();
        }
        SegmentEngine.Snapshot empty = segments.replaceMembers(segment, List.of(), AS_OF.plusSeconds(3), Optional.of(back.calculatedAt()));
        assertThat(empty.userCount()).isZero();
        assertThat(empty.changedMembers()).isEqualTo(7);
        assertThat(segments.members(segment, empty.calculatedAt(), 0, 10)).isEmpty();
    }

    private static SegmentCriteria criteria(String json) {
        return SegmentCriteria.parse(Json.parse(json), "/criteria");
    }

    private static void assertMembership(SegmentCriteria criteria) {
        UUID segment = UUID.randomUUID();
        SegmentEngine.Snapshot snapshot = segments.refresh(segment, criteria, AS_OF, Optional.empty());
        Set<String> expected = expectedMembers(criteria);
        assertThat(new TreeSet<>(segments.members(segment, snapshot.calculatedAt(), 0, 10_000))).as("%s", Json.write(criteria.toJson()))
                .containsExactlyElementsOf(expected);
        assertThat(snapshot.userCount()).isEqualTo(expected.size());
        assertThat(snapshot.sql()).contains("INSERT INTO");
    }

    /**
     * The segment's member rows, once a clean-up has run: it is not waited for (it masks nothing a reader uses: readers
     * name the current snapshot), so the rows go shortly after.
     */
    private static void assertRowsSoon(UUID segment, Object expected) {
        String sql = "SELECT count() FROM segments_test.segment_members WHERE segment_id = '" + segment + "'";
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        String rows = engine.transport().query(sql, "TabSeparated").strip();
        while (!rows.equals(String.valueOf(expected)) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            rows = engine.transport().query(sql, "TabSeparated").strip();
        }
        assertThat(rows).as("member rows of " + segment + " after the clean-up").isEqualTo(String.valueOf(expected));
    }
}
