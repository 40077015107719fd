package com.platform.analytics.adapter.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.event.EventTypes;
import com.platform.analytics.domain.fact.FactRow;
import com.platform.analytics.domain.json.Json;
import com.platform.analytics.domain.ml.features.ChurnFeature;
import com.platform.analytics.domain.ml.features.ChurnFeatureRow;
import com.platform.analytics.domain.ml.features.DailyRevenue;
import com.platform.analytics.domain.ml.features.InteractionKind;
import com.platform.analytics.domain.ml.features.PaymentFeatureRow;
import com.platform.analytics.domain.ml.features.UserItemInteraction;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The built-in models' features against real ClickHouse (chDB): generated events go into the warehouse, and every
 * feature and label it computes must equal a plain-Java computation, by the definitions of the domain records, over the
 * same events. Edge cases are planted: activity exactly at the as-of midnight (a label's, never a feature's), a last
 * activity exactly 30 days before (in) and a millisecond earlier (out), friendships seen from both ends and to oneself,
 * payments in another currency, user-less payments, late events appended after the rest, hostile ids.
 */
class ClickHouseModelFeaturesTest {
    private static final LocalDate AS_OF = LocalDate.parse("2026-03-01");
    /** Its label window ends after the data's horizon: labels unknown. */
    private static final LocalDate AS_OF_OPEN = LocalDate.parse("2026-03-10");
    private static final Instant START = Instant.parse("2025-11-01T00:00:00Z");
    private static final Instant HORIZON = Instant.parse("2026-03-20T00:00:00Z");
    private static final String HOSTILE_USER = "u'); DROP TABLE events; --\\";
    private static final String HOSTILE_GAME = "g'\\ OR 1=1 --";
    private static final List<String> GAMES = List.of("g0", "g1", "g2", "g3", HOSTILE_GAME);
    private static final List<String> NETWORKS = List.of("203.0.113.0", "198.51.100.0", "2001:db8:85a3::", "192.0.2.0",
            "100.64.1.0", "100.64.2.0", "100.64.3.0", "100.64.4.0");
    private static final List<String> ACTIVITY_TYPES = List.of(EventTypes.USER_LOGGED_IN, EventTypes.GAME_VIEWED,
            EventTypes.SESSION_STARTED, EventTypes.SESSION_ENDED, EventTypes.SESSION_ENDED, EventTypes.TRANSACTION_COMPLETED,
            EventTypes.GAME_ADDED, EventTypes.FRIEND_ADDED, EventTypes.REFUND_PROCESSED, EventTypes.NOTIFICATION_SENT,
            EventTypes.DOWNLOAD_COMPLETED);

    private static Path dataDir;
    private static ChdbEngine engine;
    private static ClickHouseModelFeatures features;
    private static final List<Ev> EVENTS = new ArrayList<>();
    private static final List<Ev> LATE = new ArrayList<>();
    private static int sequence;

    /** A generated event, as the test knows it. */
    record Ev(String id, String type, Instant ts, String user, String gameId, BigDecimal amountRub, String currency,
            long duration, String transactionId, String data) {
        FactRow row() {
            BigDecimal amount = currency.equals("USD") ? amountRub.divide(BigDecimal.valueOf(90), 2, java.math.RoundingMode.HALF_UP)
                    : amountRub;
            return new FactRow("/test", id, type, true, EventTypes.isActivity(type), ts, ts.plusSeconds(5), user, "", user,
                    gameId, gameId.isEmpty() ? "" : "dev-1", "", "", "", "", "", "", transactionId, amount, currency, amountRub,
                    duration, "", "", data);
        }

        boolean is(String t) {
            return type.equals(t);
        }

        boolean activity() {
            return EventTypes.isActivity(type) && !user.isEmpty();
        }
    }

    private static Ev ev(String type, Instant ts, String user) {
        return ev(type, ts, user, "", BigDecimal.ZERO, 0, "{}");
    }

    private static Ev ev(String type, Instant ts, String user, String game, BigDecimal rub, long duration, String data) {
        String id = "e" + (++sequence);
        boolean money = type.equals(EventTypes.TRANSACTION_COMPLETED) || type.equals(EventTypes.REFUND_PROCESSED);
        String currency = !money ? "" : sequence % 5 == 0 ? "USD" : "RUB";
        // a few payments without a transaction id: named by their event id
        String tx = !money || sequence % 11 == 0 ? "" : "tx-" + id;
        return new Ev(id, type, ts, user, game, rub, currency, duration, tx, data);
    }

    @BeforeAll
    static void loadGeneratedEvents() throws Exception {
        Random random = new Random(20260301);
        List<String> users = new ArrayList<>();
        for (int u = 0; u < 240; u++) {
            users.add(u == 17 ? HOSTILE_USER : "user-" + u);
        }
        long span = Duration.between(START, HORIZON).toMillis();
        for (int u = 0; u < users.size(); u++) {
            String user = users.get(u);
            Instant registered = START.plusMillis((long) (random.nextDouble() * span * 0.8));
            String home = NETWORKS.get(random.nextInt(NETWORKS.size()));
            EVENTS.add(ev(EventTypes.USER_REGISTERED, registered, user, "", BigDecimal.ZERO, 0,
                    "{\"ipAddress\":" + Json.write(home) + "}"));
            // some users stop early (churners), some keep going to the horizon
            Instant until = random.nextInt(3) == 0 ? registered.plus(Duration.ofDays(random.nextInt(60)))
                    : HORIZON.minusMillis(1);
            if (until.isAfter(HORIZON)) {
                until = HORIZON.minusMillis(1);
            }
            int n = 5 + random.nextInt(30);
            Instant previous = registered;
            for (int i = 0; i < n; i++) {
                long room = Math.max(1, Duration.between(registered, until).toMillis());
                Instant ts = random.nextInt(8) == 0 ? previous : registered.plusMillis((long) (random.nextDouble() * room));
                previous = ts;
                String type = ACTIVITY_TYPES.get(random.nextInt(ACTIVITY_TYPES.size()));
                String game = GAMES.get(random.nextInt(GAMES.size()));
                Ev e = switch (type) {
                    case EventTypes.SESSION_ENDED -> ev(type, ts, user, game, BigDecimal.ZERO, random.nextInt(9000), "{}");
                    case EventTypes.TRANSACTION_COMPLETED -> ev(type, ts, user, random.nextInt(4) == 0 ? "" : game,
                            BigDecimal.valueOf(random.nextInt(500_000), 2), 0, "{}");
                    case EventTypes.REFUND_PROCESSED -> ev(type, ts, user, random.nextInt(4) == 0 ? "" : game,
                            BigDecimal.valueOf(random.nextInt(300_000), 2), 0, "{}");
                    case EventTypes.GAME_ADDED -> ev(type, ts, user, game, BigDecimal.ZERO, 0, "{}");
                    case EventTypes.FRIEND_ADDED -> ev(type, ts, user, "", BigDecimal.ZERO, 0,
                            "{\"friendUserId\":" + Json.write(users.get(random.nextInt(users.size()))) + "}");
                    case EventTypes.USER_LOGGED_IN, EventTypes.SESSION_STARTED -> ev(type, ts, user,
                            type.equals(EventTypes.SESSION_STARTED) ? game : "", BigDecimal.ZERO, 0, "{\"ipAddress\":"
                            + Json.write(random.nextInt(4) == 0 ? NETWORKS.get(random.nextInt(NETWORKS.size())) : home) + "}");
                    default -> ev(type, ts, user);
                };
                (random.nextInt(10) == 0 ? LATE : EVENTS).add(e);
            }
        }
        Instant t = AS_OF.atStartOfDay(ZoneOffset.UTC).toInstant();
        // planted edges around AS_OF
        EVENTS.add(ev(EventTypes.USER_REGISTERED, t.minus(Duration.ofDays(40)), "edge-midnight"));
        EVENTS.add(ev(EventTypes.SESSION_ENDED, t.minusMillis(1), "edge-midnight", "g1", BigDecimal.ZERO, 600, "{}"));
        EVENTS.add(ev(EventTypes.SESSION_ENDED, t, "edge-midnight", "g1", BigDecimal.ZERO, 7200, "{}"));
        EVENTS.add(ev(EventTypes.TRANSACTION_COMPLETED, t, "edge-midnight", "g1", new BigDecimal("999.00"), 0, "{}"));
        EVENTS.add(ev(EventTypes.USER_LOGGED_IN, t.minus(Duration.ofDays(30)), "edge-30-days-in"));
        EVENTS.add(ev(EventTypes.USER_LOGGED_IN, t.minus(Duration.ofDays(30)).minusMillis(1), "edge-30-days-out"));
        EVENTS.add(ev(EventTypes.USER_LOGGED_IN, t.plus(Duration.ofDays(14)).minusMillis(1), "edge-30-days-out"));
        // the hostile user is active before both dates the tests read
        EVENTS.add(ev(EventTypes.USER_LOGGED_IN, t.minus(Duration.ofDays(3)), HOSTILE_USER));
        EVENTS.add(ev(EventTypes.USER_LOGGED_IN, t.minus(Duration.ofDays(25)), HOSTILE_USER));
        // a friendship to oneself is none; one seen from both ends is one
        EVENTS.add(ev(EventTypes.FRIEND_ADDED, t.minus(Duration.ofDays(3)), "edge-30-days-in", "", BigDecimal.ZERO, 0,
                "{\"friendUserId\":\"edge-30-days-in\"}"));
        EVENTS.add(ev(EventTypes.FRIEND_ADDED, t.minus(Duration.ofDays(2)), "edge-midnight", "", BigDecimal.ZERO, 0,
                "{\"friendUserId\":\"edge-30-days-in\"}"));
        EVENTS.add(ev(EventTypes.FRIEND_ADDED, t.minus(Duration.ofDays(1)), "edge-30-days-in", "", BigDecimal.ZERO, 0,
                "{\"friendUserId\":\"edge-midnight\"}"));
        // payments and refunds without a user count for revenue, not for any user
        EVENTS.add(ev(EventTypes.TRANSACTION_COMPLETED, t.minus(Duration.ofDays(5)), "", "g2", new BigDecimal("123.45"), 0, "{}"));
        EVENTS.add(ev(EventTypes.REFUND_PROCESSED, t.minus(Duration.ofDays(5)), "", "", new BigDecimal("23.40"), 0, "{}"));
        // a fraud-like burst: a fresh account on a shared network pays three times within the hour
        Instant burst = t.minus(Duration.ofDays(6));
        EVENTS.add(ev(EventTypes.USER_REGISTERED, burst, "edge-burst", "", BigDecimal.ZERO, 0, "{\"ipAddress\":\"203.0.113.0\"}"));
        for (int i = 1; i <= 3; i++) {
            EVENTS.add(ev(EventTypes.TRANSACTION_COMPLETED, burst.plus(Duration.ofMinutes(10L * i)), "edge-burst", "g3",
                    new BigDecimal("4999.99"), 0, "{}"));
        }
        EVENTS.add(ev(EventTypes.TRANSACTION_COMPLETED, burst.plus(Duration.ofMinutes(30)), "edge-burst", "g0",
                new BigDecimal("10.00"), 0, "{}"));

        dataDir = Files.createTempDirectory("chdb-mlfeat-test");
        engine = ChdbEngine.open(dataDir, 2);
        ClickHouseWarehouse warehouse = new ClickHouseWarehouse(engine.transport(), "mlfeat_test");
        warehouse.migrate();
        warehouse.append(EVENTS.stream().map(Ev::row).toList());
        // late arrivals: inserted after the rest, with event times spread over the whole range
        warehouse.append(LATE.stream().map(Ev::row).toList());
        EVENTS.addAll(LATE);
        features = new ClickHouseModelFeatures(engine.transport(), "mlfeat_test");
    }

    @AfterAll
    static void closeEngine() throws Exception {
        if (engine != null) {
            engine.transport().execute("DROP DATABASE IF EXISTS mlfeat_test SYNC");
            engine.transport().execute("DROP DATABASE IF EXISTS mlfeat_point_in_time SYNC");
            engine.close();
        }
        if (dataDir != null) {
            try (var paths = Files.walk(dataDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    // ---- the definitions, in plain Java ----

    private static Instant midnight(LocalDate d) {
        return d.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static boolean within(Ev e, Instant t, int days) {
        return !e.ts().isBefore(t.minus(Duration.ofDays(days))) && e.ts().isBefore(t);
    }

    static Map<String, ChurnFeatureRow> expectedChurnRows(List<Ev> events, LocalDate asOf, boolean withLabels) {
        Instant t = midnight(asOf);
        Instant labelEnd = t.plus(Duration.ofDays(ChurnFeature.LABEL_WINDOW_DAYS));
        Instant horizon = events.stream().map(Ev::ts).max(Comparator.naturalOrder()).orElseThrow();
        boolean labelled = withLabels && !horizon.isBefore(labelEnd);
        Map<String, List<Ev>> byUser = events.stream().filter(e -> !e.user().isEmpty() && e.ts().isBefore(t))
                .collect(Collectors.groupingBy(Ev::user));
        Map<String, Set<String>> friends = new HashMap<>();
        for (Ev e : events) {
            if (e.is(EventTypes.FRIEND_ADDED) && !e.user().isEmpty() && e.ts().isBefore(t)) {
                String other = (String) Json.parseObject(e.data()).get("friendUserId");
                if (other != null && !other.isEmpty() && !other.equals(e.user())) {
                    friends.computeIfAbsent(e.user(), k -> new HashSet<>()).add(other);
                    friends.computeIfAbsent(other, k -> new HashSet<>()).add(e.user());
                }
            }
        }
        Map<String, ChurnFeatureRow> out = new TreeMap<>();
        for (Map.Entry<String, List<Ev>> entry : byUser.entrySet()) {
            List<Ev> evs = entry.getValue();
            Set<LocalDate> active7 = days(evs, e -> e.activity() && within(e, t, 7));
            Set<LocalDate> active30 = days(evs, e -> e.activity() && within(e, t, 30));
            if (active30.isEmpty()) {
                continue;
            }
            LocalDate last = evs.stream().filter(Ev::activity).map(e -> day(e.ts())).max(Comparator.naturalOrder()).orElseThrow();
            LocalDate first = evs.stream().filter(Ev::activity).map(e -> day(e.ts())).min(Comparator.naturalOrder()).orElseThrow();
            long play7 = 0;
            long playPrevious7 = 0;
            long play30 = 0;
            long sessions7 = 0;
            long sessions30 = 0;
            long purchases30 = 0;
            long refunds90 = 0;
            BigDecimal net30 = BigDecimal.ZERO;
            Set<String> games = new HashSet<>();
            for (Ev e : evs) {
                if (e.is(EventTypes.SESSION_ENDED)) {
                    if (within(e, t, 7)) {
                        play7 += e.duration();
                        sessions7++;
                    } else if (within(e, t, 14)) {
                        playPrevious7 += e.duration();
                    }
                    if (within(e, t, 30)) {
                        play30 += e.duration();
                        sessions30++;
                    }
                } else if (e.is(EventTypes.TRANSACTION_COMPLETED) && within(e, t, 30)) {
                    purchases30++;
                    net30 = net30.add(e.amountRub());
                } else if (e.is(EventTypes.REFUND_PROCESSED)) {
                    if (within(e, t, 30)) {
                        net30 = net30.subtract(e.amountRub());
                    }
                    if (within(e, t, 90)) {
                        refunds90++;
                    }
                } else if (e.is(EventTypes.GAME_ADDED) && !e.gameId().isEmpty()) {
                    games.add(e.gameId());
                }
            }
            double[] v = new double[ChurnFeature.values().length];
            v[ChurnFeature.RECENCY_DAYS.ordinal()] = ChronoUnit.DAYS.between(last, asOf);
            v[ChurnFeature.TENURE_DAYS.ordinal()] = ChronoUnit.DAYS.between(first, asOf);
            v[ChurnFeature.ACTIVE_DAYS_7.ordinal()] = active7.size();
            v[ChurnFeature.ACTIVE_DAYS_30.ordinal()] = active30.size();
            v[ChurnFeature.SESSIONS_7.ordinal()] = sessions7;
            v[ChurnFeature.SESSIONS_30.ordinal()] = sessions30;
            v[ChurnFeature.PLAYTIME_MINUTES_7.ordinal()] = play7 / 60.0;
            v[ChurnFeature.PLAYTIME_MINUTES_30.ordinal()] = play30 / 60.0;
            v[ChurnFeature.PLAYTIME_TREND.ordinal()] = play7 / 60.0 - playPrevious7 / 60.0;
            v[ChurnFeature.PURCHASES_30.ordinal()] = purchases30;
            v[ChurnFeature.NET_REVENUE_30.ordinal()] = net30.doubleValue();
            v[ChurnFeature.REFUNDS_90.ordinal()] = refunds90;
            v[ChurnFeature.FRIENDS_TOTAL.ordinal()] = friends.getOrDefault(entry.getKey(), Set.of()).size();
            v[ChurnFeature.GAMES_OWNED.ordinal()] = games.size();
            Boolean churned = null;
            if (labelled) {
                churned = events.stream().noneMatch(e -> e.activity() && e.user().equals(entry.getKey())
                        && !e.ts().isBefore(t) && e.ts().isBefore(labelEnd));
            }
            out.put(entry.getKey(), new ChurnFeatureRow(entry.getKey(), asOf, v, churned));
        }
        return out;
    }

    private static LocalDate day(Instant t) {
        return LocalDate.ofInstant(t, ZoneOffset.UTC);
    }

    private static Set<LocalDate> days(List<Ev> evs, Predicate<Ev> which) {
        return evs.stream().filter(which).map(e -> day(e.ts())).collect(Collectors.toSet());
    }

    private static Map<String, ChurnFeatureRow> byUser(List<ChurnFeatureRow> rows) {
        Map<String, ChurnFeatureRow> out = new TreeMap<>();
        for (ChurnFeatureRow r : rows) {
            assertThat(out.put(r.userPseudonym(), r)).as("one row per user: %s", r.userPseudonym()).isNull();
        }
        return out;
    }

    private static void assertSameRows(Map<String, ChurnFeatureRow> got, Map<String, ChurnFeatureRow> expected) {
        assertThat(got.keySet()).containsExactlyElementsOf(expected.keySet());
        for (String user : expected.keySet()) {
            ChurnFeatureRow g = got.get(user);
            ChurnFeatureRow e = expected.get(user);
            for (ChurnFeature f : ChurnFeature.values()) {
                assertThat(g.value(f)).as("%s of %s", f.featureName(), user).isEqualTo(e.value(f));
            }
            assertThat(g.churned()).as("label of %s", user).isEqualTo(e.churned());
        }
    }

    // ---- churn ----

    @Test
    void everyChurnFeatureAndLabelIsAsDefined() {
        Map<String, ChurnFeatureRow> expected = expectedChurnRows(EVENTS, AS_OF, true);
        Map<String, ChurnFeatureRow> got = byUser(features.churnRows(AS_OF, true));

        assertSameRows(got, expected);
        assertThat(expected).hasSizeGreaterThan(100);
        assertThat(expected.values()).anyMatch(r -> Boolean.TRUE.equals(r.churned())).anyMatch(r -> Boolean.FALSE.equals(r.churned()));
        for (ChurnFeature f : ChurnFeature.values()) {
            assertThat(expected.values()).as("some user has a non-zero %s", f.featureName()).anyMatch(r -> r.value(f) != 0);
        }
        assertThat(expected.values()).anyMatch(r -> r.value(ChurnFeature.NET_REVENUE_30) < 0)
                .anyMatch(r -> r.value(ChurnFeature.PLAYTIME_TREND) < 0);
    }

    @Test
    void theAsOfMidnightAndTheThirtyDayEdgeAreRespected() {
        Map<String, ChurnFeatureRow> got = byUser(features.churnRows(AS_OF, true));

        ChurnFeatureRow midnight = got.get("edge-midnight");
        // the session ending a millisecond before midnight counts, the one at midnight and the payment at midnight do not
        assertThat(midnight.value(ChurnFeature.SESSIONS_7)).isEqualTo(1);
        assertThat(midnight.value(ChurnFeature.PLAYTIME_MINUTES_7)).isEqualTo(10);
        assertThat(midnight.value(ChurnFeature.PURCHASES_30)).isZero();
        assertThat(midnight.value(ChurnFeature.RECENCY_DAYS)).isEqualTo(1);
        assertThat(midnight.value(ChurnFeature.FRIENDS_TOTAL)).isEqualTo(1);
        assertThat(midnight.churned()).as("active at midnight: in the label window").isFalse();
        assertThat(got.get("edge-30-days-in").value(ChurnFeature.RECENCY_DAYS)).isEqualTo(1);
        assertThat(got.get("edge-30-days-in").value(ChurnFeature.FRIENDS_TOTAL)).isEqualTo(1);
        assertThat(got).doesNotContainKey("edge-30-days-out");
        assertThat(got.get(HOSTILE_USER)).isNotNull();
    }

    @Test
    void labelsAreUnknownUntilTheWindowIsInTheDataOrWhenNotAsked() {
        List<ChurnFeatureRow> open = features.churnRows(AS_OF_OPEN, true);
        assertThat(open).isNotEmpty().allMatch(r -> r.churned() == null);
        assertSameRows(byUser(open), expectedChurnRows(EVENTS, AS_OF_OPEN, true));
        List<ChurnFeatureRow> unasked = features.churnRows(AS_OF, false);
        assertSameRows(byUser(unasked), expectedChurnRows(EVENTS, AS_OF, false));
        assertThat(unasked).allMatch(r -> r.churned() == null);
    }

    @Test
    void eventsAtOrAfterAsOfChangeLabelsOnlyNeverFeatures() {
        String database = "mlfeat_point_in_time";
        ClickHouseWarehouse warehouse = new ClickHouseWarehouse(engine.transport(), database);
        warehouse.migrate();
        ClickHouseModelFeatures pointInTime = new ClickHouseModelFeatures(engine.transport(), database);
        Instant t = midnight(AS_OF);
        List<Ev> before = EVENTS.stream().filter(e -> e.ts().isBefore(t)).toList();
        List<Ev> after = EVENTS.stream().filter(e -> !e.ts().isBefore(t)).toList();
        warehouse.append(before.stream().map(Ev::row).toList());
        // with the data ending before asOf, no label is known
        Map<String, ChurnFeatureRow> early = byUser(pointInTime.churnRows(AS_OF, true));
        assertThat(early.values()).allMatch(r -> r.churned() == null);

        warehouse.append(after.stream().map(Ev::row).toList());
        Map<String, ChurnFeatureRow> later = byUser(pointInTime.churnRows(AS_OF, true));

        assertThat(later.keySet()).containsExactlyElementsOf(early.keySet());
        for (String user : early.keySet()) {
            assertThat(later.get(user).values()).as(user).containsExactly(early.get(user).values());
        }
        assertThat(later.values()).allMatch(ChurnFeatureRow::labelled);
        assertSameRows(later, expectedChurnRows(EVENTS, AS_OF, true));
    }

    @Test
    void refreshingMaterialisesTheRowsIdempotentlyAndServesThem() {
        LocalDate asOf = AS_OF.minusDays(20);
        assertThat(features.churnFeatures(asOf)).isEmpty();
        List<ChurnFeatureRow> computed = features.churnRows(asOf, true);

        long first = features.refreshChurnFeatures(asOf);
        List<ChurnFeatureRow> stored = features.churnFeatures(asOf);
        long second = features.refreshChurnFeatures(asOf);

        assertThat(first).isEqualTo(second).isEqualTo(computed.size());
        assertThat(stored).containsExactlyElementsOf(computed);
        assertThat(features.churnFeatures(asOf)).containsExactlyElementsOf(computed);
        assertThat(stored).allMatch(ChurnFeatureRow::labelled);
        // serving: some users, an unknown one, the hostile one; in user order
        List<String> some = List.of(computed.get(5).userPseudonym(), "nobody", computed.get(0).userPseudonym(), HOSTILE_USER);
        List<ChurnFeatureRow> served = features.churnFeatures(asOf, some);
        assertThat(served).containsExactlyElementsOf(computed.stream()
                .filter(r -> some.contains(r.userPseudonym())).toList());
        assertThat(served).extracting(ChurnFeatureRow::userPseudonym).contains(HOSTILE_USER);
        // other dates are untouched by this one's refreshes
        assertThat(features.churnFeatures(asOf.plusDays(1))).isEmpty();
        // the latest refreshed date, as serving looks for it
        assertThat(features.latestChurnFeatures(asOf)).contains(asOf);
        assertThat(features.latestChurnFeatures(asOf.minusYears(5))).isEmpty();
    }

    @Test
    void aRefreshReplacesTheWholeGenerationOfItsDate() {
        String database = "mlfeat_refresh";
        ClickHouseWarehouse warehouse = new ClickHouseWarehouse(engine.transport(), database);
        warehouse.migrate();
        try {
            ClickHouseModelFeatures refreshing = new ClickHouseModelFeatures(engine.transport(), database);
            Instant t = midnight(AS_OF);
            warehouse.append(List.of(ev(EventTypes.USER_LOGGED_IN, t.minus(Duration.ofDays(2)), "a").row(),
                    ev(EventTypes.USER_LOGGED_IN, t.minus(Duration.ofDays(3)), "b").row()));
            assertThat(refreshing.refreshChurnFeatures(AS_OF)).isEqualTo(2);
            assertThat(refreshing.churnFeatures(AS_OF)).extracting(ChurnFeatureRow::churned).containsOnlyNulls();

            // a late session of a, and data reaching past the label window: a's features and both labels change
            warehouse.append(List.of(ev(EventTypes.SESSION_ENDED, t.minus(Duration.ofDays(1)), "a", "g1", BigDecimal.ZERO, 120, "{}").row(),
                    ev(EventTypes.USER_LOGGED_IN, t.plus(Duration.ofDays(20)), "b").row()));
            assertThat(refreshing.refreshChurnFeatures(AS_OF)).isEqualTo(2);

            List<ChurnFeatureRow> stored = refreshing.churnFeatures(AS_OF);
            assertThat(stored).containsExactlyElementsOf(refreshing.churnRows(AS_OF, true));
            assertThat(stored).extracting(ChurnFeatureRow::userPseudonym).containsExactly("a", "b");
            assertThat(stored.get(0).value(ChurnFeature.SESSIONS_7)).isEqualTo(1);
            assertThat(stored).extracting(ChurnFeatureRow::churned).containsExactly(true, true);
        } finally {
            engine.transport().execute("DROP DATABASE IF EXISTS " + database + " SYNC");
        }
    }

    // ---- revenue, interactions, payments ----

    @Test
    void dailyNetRevenueIsTheKpiDefinitionForThePlatformAndPerGame() {
        LocalDate from = LocalDate.parse("2026-01-15");
        LocalDate to = LocalDate.parse("2026-03-05");
        for (Optional<String> game : List.of(Optional.<String>empty(), Optional.of("g2"), Optional.of(HOSTILE_GAME),
                Optional.of("no-such-game"))) {
            List<DailyRevenue> got = features.dailyRevenue(from, to, game);
            assertThat(got).hasSize((int) ChronoUnit.DAYS.between(from, to) + 1);
            for (DailyRevenue r : got) {
                BigDecimal expected = BigDecimal.ZERO.setScale(2);
                for (Ev e : EVENTS) {
                    if (day(e.ts()).equals(r.day()) && game.map(g -> g.equals(e.gameId())).orElse(true)) {
                        if (e.is(EventTypes.TRANSACTION_COMPLETED)) {
                            expected = expected.add(e.amountRub());
                        } else if (e.is(EventTypes.REFUND_PROCESSED)) {
                            expected = expected.subtract(e.amountRub());
                        }
                    }
                }
                assertThat(r.netRevenueRub()).as("%s %s", r.day(), game).isEqualTo(expected);
                assertThat(r.gameId()).isEqualTo(game);
            }
            if (game.isEmpty() || game.get().startsWith("g")) {
                assertThat(got).as("%s", game).anyMatch(r -> r.netRevenueRub().signum() != 0);
            } else {
                assertThat(got).allMatch(r -> r.netRevenueRub().signum() == 0);
            }
        }
        assertThatThrownBy(() -> features.dailyRevenue(to, from, Optional.empty())).isInstanceOf(AnalyticsException.class);
    }

    @Test
    void interactionsAreOnePerUserGameAndKind() {
        LocalDate from = LocalDate.parse("2026-01-01");
        LocalDate to = LocalDate.parse("2026-02-28");
        Instant start = midnight(from);
        Instant end = midnight(to.plusDays(1));
        Map<List<String>, UserItemInteraction> expected = new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(0))
                .thenComparing(k -> k.get(1)).thenComparing(k -> k.get(2)));
        for (Ev e : EVENTS) {
            InteractionKind kind = e.is(EventTypes.TRANSACTION_COMPLETED) ? InteractionKind.PURCHASE
                    : e.is(EventTypes.GAME_ADDED) ? InteractionKind.LIBRARY_ADD : e.is(EventTypes.SESSION_ENDED) ? InteractionKind.PLAY : null;
            if (kind == null || e.user().isEmpty() || e.gameId().isEmpty() || e.ts().isBefore(start) || !e.ts().isBefore(end)) {
                continue;
            }
            expected.merge(List.of(e.user(), e.gameId(), kind.name()), new UserItemInteraction(e.user(), e.gameId(), e.ts(), kind, 0),
                    (a, b) -> new UserItemInteraction(a.userPseudonym(), a.gameId(),
                            a.firstAt().isBefore(b.firstAt()) ? a.firstAt() : b.firstAt(), kind, 0));
        }
        Map<List<String>, Double> weights = new HashMap<>();
        for (Ev e : EVENTS) {
            if (!e.user().isEmpty() && !e.gameId().isEmpty() && !e.ts().isBefore(start) && e.ts().isBefore(end)) {
                if (e.is(EventTypes.SESSION_ENDED)) {
                    weights.merge(List.of(e.user(), e.gameId(), "PLAY"), (double) e.duration(), Double::sum);
                } else if (e.is(EventTypes.TRANSACTION_COMPLETED) || e.is(EventTypes.GAME_ADDED)) {
                    weights.merge(List.of(e.user(), e.gameId(), e.is(EventTypes.GAME_ADDED) ? "LIBRARY_ADD" : "PURCHASE"), 1.0, Double::sum);
                }
            }
        }
        List<UserItemInteraction> want = new ArrayList<>();
        expected.forEach((k, v) -> {
            double w = weights.get(k);
            want.add(new UserItemInteraction(v.userPseudonym(), v.gameId(), v.firstAt(), v.kind(),
                    v.kind() == InteractionKind.PLAY ? w / 60 : w));
        });

        List<UserItemInteraction> got = features.interactions(from, to);

        assertThat(want).hasSizeGreaterThan(200);
        assertThat(got).containsExactlyElementsOf(want);
    }

    @Test
    void ownedGamesAreEveryPurchasedOrAddedGameOfTheUser() {
        Map<String, java.util.TreeSet<String>> expected = new HashMap<>();
        for (Ev e : EVENTS) {
            if ((e.is(EventTypes.TRANSACTION_COMPLETED) || e.is(EventTypes.GAME_ADDED)) && !e.user().isEmpty() && !e.gameId().isEmpty()) {
                expected.computeIfAbsent(e.user(), u -> new java.util.TreeSet<>()).add(e.gameId());
            }
        }
        assertThat(expected).hasSizeGreaterThan(20);
        int checked = 0;
        for (Map.Entry<String, java.util.TreeSet<String>> user : expected.entrySet()) {
            assertThat(features.ownedGames(user.getKey())).as(user.getKey()).containsExactlyElementsOf(user.getValue());
            if (++checked == 40) {
                break;
            }
        }
        assertThat(features.ownedGames("nobody")).isEmpty();
        assertThat(features.ownedGames("x' OR '1'='1")).as("a value, never SQL").isEmpty();
    }

    @Test
    void everyPaymentFeatureIsAsDefined() {
        LocalDate from = LocalDate.parse("2026-02-01");
        LocalDate to = LocalDate.parse("2026-03-10");
        Instant start = midnight(from);
        Instant end = midnight(to.plusDays(1));
        Map<String, Map<String, Instant>> networks = new HashMap<>();
        Map<String, Instant> firstEvent = new HashMap<>();
        for (Ev e : EVENTS) {
            if (e.user().isEmpty()) {
                continue;
            }
            firstEvent.merge(e.user(), e.ts(), (a, b) -> a.isBefore(b) ? a : b);
            Object net = Json.parseObject(e.data()).get("ipAddress");
            if (net != null && (e.is(EventTypes.USER_REGISTERED) || e.is(EventTypes.USER_LOGGED_IN) || e.is(EventTypes.SESSION_STARTED))) {
                networks.computeIfAbsent(e.user(), k -> new HashMap<>()).merge((String) net, e.ts(), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        List<PaymentFeatureRow> want = new ArrayList<>();
        for (Ev p : EVENTS) {
            if (!p.is(EventTypes.TRANSACTION_COMPLETED) || p.user().isEmpty() || p.ts().isBefore(start) || !p.ts().isBefore(end)) {
                continue;
            }
            Instant t = p.ts();
            BigDecimal spend24h = BigDecimal.ZERO.setScale(2);
            BigDecimal spend7d = BigDecimal.ZERO.setScale(2);
            long payments24h = 0;
            long payments90d = 0;
            long refunds90d = 0;
            for (Ev h : EVENTS) {
                if (!h.user().equals(p.user()) || !h.ts().isBefore(t)) {
                    continue;
                }
                boolean in24h = !h.ts().isBefore(t.minus(Duration.ofHours(24)));
                boolean in7d = !h.ts().isBefore(t.minus(Duration.ofDays(7)));
                boolean in90d = !h.ts().isBefore(t.minus(Duration.ofDays(90)));
                if (h.is(EventTypes.TRANSACTION_COMPLETED)) {
                    spend24h = in24h ? spend24h.add(h.amountRub()) : spend24h;
                    spend7d = in7d ? spend7d.add(h.amountRub()) : spend7d;
                    payments24h += in24h ? 1 : 0;
                    payments90d += in90d ? 1 : 0;
                } else if (h.is(EventTypes.REFUND_PROCESSED) && in90d) {
                    refunds90d++;
                }
            }
            Set<String> shared = new HashSet<>();
            for (Map.Entry<String, Instant> mine : networks.getOrDefault(p.user(), Map.of()).entrySet()) {
                if (!mine.getValue().isBefore(t)) {
                    continue;
                }
                networks.forEach((other, nets) -> {
                    Instant seen = nets.get(mine.getKey());
                    if (!other.equals(p.user()) && seen != null && seen.isBefore(t)) {
                        shared.add(other);
                    }
                });
            }
            want.add(new PaymentFeatureRow(p.transactionId().isEmpty() ? p.id() : p.transactionId(), p.user(), t, p.amountRub(),
                    spend24h, spend7d, payments24h, refunds90d / (payments90d + 1.0),
                    Duration.between(firstEvent.get(p.user()), t).toMillis() / 86_400_000.0, shared.size()));
        }
        want.sort(Comparator.comparing(PaymentFeatureRow::at).thenComparing(PaymentFeatureRow::transactionId));

        List<PaymentFeatureRow> got = features.paymentRows(from, to);

        assertThat(want).hasSizeGreaterThan(100);
        assertThat(got).hasSameSizeAs(want);
        Map<String, PaymentFeatureRow> gotById = got.stream().collect(Collectors.toMap(PaymentFeatureRow::transactionId, r -> r));
        for (PaymentFeatureRow w : want) {
            assertThat(gotById.get(w.transactionId())).as(w.transactionId()).isEqualTo(w);
        }
        assertThat(got).extracting(PaymentFeatureRow::at).isSorted();
        PaymentFeatureRow lastOfBurst = want.stream().filter(r -> r.userPseudonym().equals("edge-burst"))
                .max(Comparator.comparing(PaymentFeatureRow::at)).orElseThrow();
        assertThat(lastOfBurst.payments24h()).isEqualTo(2);
        assertThat(lastOfBurst.spend24hRub()).isEqualByComparingTo("9999.98");
        assertThat(lastOfBurst.sharedNetworkUsers()).isPositive();
        assertThat(want).anyMatch(r -> r.refundRate90d() > 0).anyMatch(r -> r.sharedNetworkUsers() == 0);
    }
}
