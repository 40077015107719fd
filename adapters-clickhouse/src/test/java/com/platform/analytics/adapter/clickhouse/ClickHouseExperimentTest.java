package com.platform.analytics.adapter.clickhouse;

import static com.platform.analytics.domain.event.EventTypes.EXPERIMENT_EXPOSED;
import static com.platform.analytics.domain.event.EventTypes.REFUND_PROCESSED;
import static com.platform.analytics.domain.event.EventTypes.TRANSACTION_COMPLETED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import com.platform.analytics.domain.access.DataScope;
import com.platform.analytics.domain.analysis.experiment.ExperimentMetric;
import com.platform.analytics.domain.analysis.experiment.ExperimentQuery;
import com.platform.analytics.domain.analysis.experiment.ExperimentTotals;
import com.platform.analytics.domain.analysis.experiment.VariantTotals;
import com.platform.analytics.domain.event.EventTypes;
import com.platform.analytics.domain.fact.FactRow;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
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
 * The experiment SQL against real ClickHouse (chDB), compared with an independent computation in plain Java over
 * the same rows (a loop per user, no SQL): generated users plus hand-made edge cases (goal before exposure, goal at
 * exactly exposure + window and one millisecond after, same-millisecond events, two variants, a first exposure
 * before the range, anonymous exposures, another experiment, out-of-order inserts, a time zone boundary).
 */
class ClickHouseExperimentTest {
    private static final String KEY = "checkout_v2";
    /** The hand-made cases are an experiment of their own, so their totals can be written down by hand. */
    private static final String EDGE_KEY = "edge_cases";
    private static final String GOAL = EventTypes.TRANSACTION_COMPLETED;
    private static final String OTHER_GOAL = EventTypes.GAME_ADDED;
    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    private static final LocalDate FROM = LocalDate.parse("2026-03-02");
    private static final LocalDate TO = LocalDate.parse("2026-03-12");
    private static final Duration WINDOW = Duration.ofDays(3);

    private static Path dataDir;
    private static ChdbEngine engine;
    private static ClickHouseWarehouse warehouse;
    private static ClickHouseExperiment experiments;
    private static final List<FactRow> ROWS = new ArrayList<>();
    private static int sequence;

    @BeforeAll
    static void loadEvents() throws Exception {
        dataDir = Files.createTempDirectory("chdb-experiment-test");
        engine = ChdbEngine.open(dataDir, 2);
        warehouse = new ClickHouseWarehouse(engine.transport(), "experiment_test");
        warehouse.migrate();
        experiments = new ClickHouseExperiment(engine.transport(), "experiment_test");

        List<FactRow> generated = generated(new Random(20260302L));
        List<FactRow> edges = edgeCases();
        ROWS.addAll(generated);
        ROWS.addAll(edges);
        // out of order: the later half of the generated history first, then the earlier half, then the edge cases
        List<FactRow> shuffled = new ArrayList<>(generated);
        Collections.shuffle(shuffled, new Random(7));
        warehouse.append(shuffled.subList(shuffled.size() / 2, shuffled.size()));
        warehouse.append(shuffled.subList(0, shuffled.size() / 2));
        warehouse.append(edges);
    }

    @AfterAll
    static void closeEngine() throws Exception {
        if (engine != null) {
            engine.close();
        }
        if (dataDir != null) {
            try (var paths = Files.walk(dataDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Instant at(String utc) {
        return Instant.parse(utc);
    }

    private static FactRow row(String type, Instant time, String user, String key, String variant, String rub) {
        BigDecimal amount = rub == null ? BigDecimal.ZERO : new BigDecimal(rub);
        return new FactRow("/test", "x-" + (++sequence), type, true, EventTypes.isActivity(type), time, time.plusSeconds(1),
                user, "", "", "", "", "pc", "RU", "", "", "", "", "", amount, rub == null ? "" : "RUB", amount, 0,
                key, variant, "{}");
    }

    private static FactRow exposed(String user, String variant, Instant time) {
        return row(EXPERIMENT_EXPOSED, time, user, KEY, variant, null);
    }

    private static FactRow edge(String user, String variant, Instant time) {
        return row(EXPERIMENT_EXPOSED, time, user, EDGE_KEY, variant, null);
    }

    private static FactRow event(String type, String user, Instant time) {
        return row(type, time, user, "", "", null);
    }

    private static FactRow paid(String user, Instant time, String rub) {
        return row(TRANSACTION_COMPLETED, time, user, "", "", rub);
    }

    private static FactRow refunded(String user, Instant time, String rub) {
        return row(REFUND_PROCESSED, time, user, "", "", rub);
    }

    /** 400 users, exposures spread over Feb 27..Mar 14, outcomes spread around them. */
    private static List<FactRow> generated(Random random) {
        List<FactRow> rows = new ArrayList<>();
        String[] variants = {"control", "treatment", "treatment_b"};
        Instant start = at("2026-02-27T00:00:00Z");
        long spanMillis = Duration.ofDays(16).toMillis();
        for (int u = 0; u < 400; u++) {
            String user = "g" + u;
            Instant first = start.plusMillis((long) (random.nextDouble() * spanMillis));
            String variant = variants[random.nextInt(variants.length)];
            rows.add(exposed(user, variant, first));
            int repeats = random.nextInt(3);
            for (int r = 0; r < repeats; r++) {
                // mostly the same variant again; sometimes another one (excluded), sometimes at the same millisecond
                String again = random.nextInt(8) == 0 ? variants[random.nextInt(variants.length)] : variant;
                Instant when = random.nextInt(5) == 0 ? first : first.plusMillis(random.nextInt(5 * 86_400_000));
                rows.add(exposed(user, again, when));
            }
            int outcomes = random.nextInt(4);
            for (int o = 0; o < outcomes; o++) {
                Instant when = first.plusMillis((long) ((random.nextDouble() * 6 - 1.5) * 86_400_000L));
                switch (random.nextInt(4)) {
                    case 0 -> rows.add(paid(user, when, (1 + random.nextInt(300000)) / 100 + "." + random.nextInt(10) + "5"));
                    case 1 -> rows.add(refunded(user, when, random.nextInt(5000) + ".10"));
                    case 2 -> rows.add(event(OTHER_GOAL, user, when));
                    default -> rows.add(paid(user, when, "499.00"));
                }
            }
        }
        return rows;
    }

    /** Hand-made cases, the window being 3 days; the verdicts for Mar 2..12 in Moscow are in the comments. */
    private static List<FactRow> edgeCases() {
        Instant t = at("2026-03-05T10:00:00.123Z");
        return List.of(
                // goal one millisecond before exposure: control, not converted, revenue 0
                edge("e-before", "control", t), paid("e-before", t.minusMillis(1), "10.00"),
                // goal at exactly exposure + window: control, converted (the window includes its end), 20.00
                edge("e-exact", "control", t), paid("e-exact", t.plus(WINDOW), "20.00"),
                // one millisecond past it: treatment, not converted, 0
                edge("e-past", "treatment", t), paid("e-past", t.plus(WINDOW).plusMillis(1), "30.00"),
                // goal in the same millisecond as the exposure: treatment, converted, 40.00 - 15.50 = 24.50
                edge("e-same", "treatment", t), paid("e-same", t, "40.00"), refunded("e-same", t.plusSeconds(5), "15.50"),
                // two variants: excluded, whatever they did
                edge("e-two", "control", t), edge("e-two", "treatment", t.plusSeconds(60)), paid("e-two", t.plusSeconds(90), "50.00"),
                // two variants in the same millisecond: excluded
                edge("e-tie", "control", t), edge("e-tie", "treatment", t),
                // first exposed before the range (Mar 1 in Moscow): not analysed, though exposed again in range
                edge("e-early", "control", at("2026-03-01T20:59:59.999Z")), edge("e-early", "control", t),
                paid("e-early", t.plusSeconds(1), "60.00"),
                // 21:00 UTC on Mar 1 is 00:00 on Mar 2 in Moscow: treatment, converted, 70.00
                edge("e-midnight", "treatment", at("2026-03-01T21:00:00Z")), paid("e-midnight", at("2026-03-01T21:00:00Z"), "70.00"),
                // last millisecond of Mar 12 in Moscow: control; its window reaches past the range: converted, 80.00
                edge("e-last", "control", at("2026-03-12T20:59:59.999Z")), paid("e-last", at("2026-03-14T12:00:00Z"), "80.00"),
                // first millisecond of Mar 13 in Moscow: out of range (in range for UTC: control, not converted)
                edge("e-after", "control", at("2026-03-12T21:00:00Z")),
                // an anonymous exposure and another experiment's: neither counts
                edge("", "control", t),
                row(EXPERIMENT_EXPOSED, t, "e-other", "pricing", "control", null), paid("e-other", t.plusSeconds(1), "5.00"));
    }

    private static Map<String, Object> expected(ExperimentQuery q) {
        return expected(q, ROWS);
    }

    /** The independent computation: per user, by the definition, over {@code all} in memory (also for the scope tests). */
    static Map<String, Object> expected(ExperimentQuery q, List<FactRow> all) {
        Instant from = q.exposedFrom();
        Instant until = q.exposedUntil();
        Map<String, List<FactRow>> byUser = new TreeMap<>();
        for (FactRow r : all) {
            if (!r.userId().isEmpty()) {
                byUser.computeIfAbsent(r.userId(), k -> new ArrayList<>()).add(r);
            }
        }
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, BigDecimal> revenue = new TreeMap<>();
        Map<String, Double> squares = new TreeMap<>();
        long excluded = 0;
        for (List<FactRow> rows : byUser.values()) {
            FactRow first = null;
            Set<String> variants = new HashSet<>();
            for (FactRow r : rows) {
                if (r.type().equals(EXPERIMENT_EXPOSED) && r.experimentKey().equals(q.experimentKey())
                        && r.time().isBefore(until)) {
                    variants.add(r.variant());
                    if (first == null || r.time().isBefore(first.time())) {
                        first = r;
                    }
                }
            }
            if (first == null || first.time().isBefore(from)) {
                continue;
            }
            if (variants.size() > 1) {
                excluded++;
                continue;
            }
            Instant start = first.time();
            Instant end = start.plus(q.window());
            boolean converted = false;
            BigDecimal net = BigDecimal.ZERO;
            for (FactRow r : rows) {
                boolean inWindow = !r.time().isBefore(start) && !r.time().isAfter(end);
                if (!inWindow) {
                    continue;
                }
                if (q.metric() == ExperimentMetric.CONVERSION && r.type().equals(q.goalEvent())) {
                    converted = true;
                }
                if (r.type().equals(TRANSACTION_COMPLETED)) {
                    net = net.add(r.amountRub());
                } else if (r.type().equals(REFUND_PROCESSED)) {
                    net = net.subtract(r.amountRub());
                }
            }
            long[] c = counts.computeIfAbsent(first.variant(), k -> new long[2]);
            c[0]++;
            if (converted) {
                c[1]++;
            }
            if (q.metric() == ExperimentMetric.REVENUE) {
                revenue.merge(first.variant(), net, BigDecimal::add);
                squares.merge(first.variant(), net.doubleValue() * net.doubleValue(), Double::sum);
            }
        }
        Map<String, Object> out = new TreeMap<>();
        counts.forEach((v, c) -> out.put(v, c[0] + "/" + c[1] + "/"
                + revenue.getOrDefault(v, BigDecimal.ZERO).stripTrailingZeros().toPlainString()));
        out.put("excluded", excluded);
        out.put("squares", squares);
        return out;
    }

    static Map<String, Object> actual(ExperimentTotals totals) {
        Map<String, Object> out = new TreeMap<>();
        Map<String, Double> squares = new TreeMap<>();
        for (VariantTotals v : totals.variants()) {
            out.put(v.variant(), v.users() + "/" + v.conversions() + "/" + v.revenue().stripTrailingZeros().toPlainString());
            if (v.revenueSquares() != 0 || v.revenue().signum() != 0) {
                squares.put(v.variant(), v.revenueSquares());
            }
        }
        out.put("excluded", totals.excludedUsers());
        out.put("squares", squares);
        return out;
    }

    private static ExperimentQuery conversion(String goal, ZoneId zone) {
        return new ExperimentQuery(KEY, FROM, TO, zone, goal, WINDOW, ExperimentMetric.CONVERSION);
    }

    @Test
    void conversionMatchesTheIndependentComputation() {
        for (ZoneId zone : List.of(MOSCOW, ZoneId.of("UTC"), ZoneId.of("America/Los_Angeles"))) {
            for (String goal : List.of(GOAL, OTHER_GOAL)) {
                ExperimentQuery q = conversion(goal, zone);
                assertThat(expected(q)).as("the generated data has users").containsKeys("control", "treatment", "treatment_b");
                ExperimentTotals totals = experiments.experimentTotals(DataScope.ALL_GAMES, q);
                Map<String, Object> expected = expected(q);
                // the generated history exercises exclusion and conversion, not just empty totals
                assertThat((long) expected.get("excluded")).isPositive();
                assertThat(totals.variants()).anySatisfy(v -> assertThat(v.conversions()).isPositive());
                assertThat(actual(totals)).as("%s %s", zone, goal).isEqualTo(expected);
                assertThat(totals.sql()).contains("experiment_key = 'checkout_v2'");
            }
        }
    }

    @Test
    void revenueMatchesTheIndependentComputation() {
        for (ZoneId zone : List.of(MOSCOW, ZoneId.of("UTC"))) {
            ExperimentQuery q = new ExperimentQuery(KEY, FROM, TO, zone, null, WINDOW, ExperimentMetric.REVENUE);
            Map<String, Object> expected = expected(q);
            Map<String, Object> actual = actual(experiments.experimentTotals(DataScope.ALL_GAMES, q));
            @SuppressWarnings("unchecked")
            Map<String, Double> expectedSquares = (Map<String, Double>) expected.remove("squares");
            @SuppressWarnings("unchecked")
            Map<String, Double> actualSquares = (Map<String, Double>) actual.remove("squares");
            assertThat(actual).as("%s", zone).isEqualTo(expected);
            assertThat(actualSquares.keySet()).isEqualTo(expectedSquares.keySet());
            expectedSquares.forEach((v, s) -> assertThat(actualSquares.get(v)).isCloseTo(s, within(s * 1e-12)));
        }
    }

    @Test
    void edgeCasesCountAsTheDefinitionSays() {
        ExperimentQuery moscow = new ExperimentQuery(EDGE_KEY, FROM, TO, MOSCOW, GOAL, WINDOW, ExperimentMetric.CONVERSION);
        ExperimentTotals conversion = experiments.experimentTotals(DataScope.ALL_GAMES, moscow);
        assertThat(conversion.variants()).extracting(VariantTotals::variant, VariantTotals::users, VariantTotals::conversions)
                .containsExactly(tuple("control", 3L, 2L), tuple("treatment", 3L, 2L));
        assertThat(conversion.excludedUsers()).isEqualTo(2);
        assertThat(actual(conversion)).isEqualTo(expected(moscow));

        ExperimentQuery revenueQuery = new ExperimentQuery(EDGE_KEY, FROM, TO, MOSCOW, null, WINDOW, ExperimentMetric.REVENUE);
        ExperimentTotals revenue = experiments.experimentTotals(DataScope.ALL_GAMES, revenueQuery);
        assertThat(revenue.variants()).extracting(VariantTotals::variant, VariantTotals::users,
                v -> v.revenue().stripTrailingZeros().toPlainString(),
                VariantTotals::revenueSquares)
                .containsExactly(tuple("control", 3L, "100", 6800.0), tuple("treatment", 3L, "94.5", 5500.25));
        assertThat(revenue.excludedUsers()).isEqualTo(2);

        // in UTC the midnight and early users fall before the range and the Mar 12 21:00 one inside it
        ExperimentTotals utc = experiments.experimentTotals(DataScope.ALL_GAMES, 
                new ExperimentQuery(EDGE_KEY, FROM, TO, ZoneId.of("UTC"), GOAL, WINDOW, ExperimentMetric.CONVERSION));
        assertThat(utc.variants()).extracting(VariantTotals::variant, VariantTotals::users, VariantTotals::conversions)
                .containsExactly(tuple("control", 4L, 2L), tuple("treatment", 2L, 1L));
    }

    @Test
    void anEmptyRangeOrUnknownExperimentHasNoVariants() {
        ExperimentTotals none = experiments.experimentTotals(DataScope.ALL_GAMES, new ExperimentQuery(KEY, LocalDate.parse("2025-01-01"),
                LocalDate.parse("2025-01-31"), ZoneId.of("UTC"), GOAL, WINDOW, ExperimentMetric.CONVERSION));
        assertThat(none.variants()).isEmpty();
        assertThat(none.excludedUsers()).isZero();
        ExperimentTotals unknown = experiments.experimentTotals(DataScope.ALL_GAMES, new ExperimentQuery("no_such", FROM, TO, MOSCOW, null,
                WINDOW, ExperimentMetric.REVENUE));
        assertThat(unknown.variants()).isEmpty();
    }

    @Test
    void hostileStringsStayLiterals() {
        long before = countEvents();
        for (String hostile : List.of("x' OR '1'='1", "x\\' OR 1=1 --", "x'); DROP TABLE experiment_test.events; --",
                "ü\n\t\0'\"`")) {
            ExperimentTotals totals = experiments.experimentTotals(DataScope.ALL_GAMES, new ExperimentQuery(hostile, FROM, TO, MOSCOW, hostile,
                    WINDOW, ExperimentMetric.CONVERSION));
            assertThat(totals.variants()).as(hostile).isEmpty();
            ExperimentTotals goal = experiments.experimentTotals(DataScope.ALL_GAMES, conversion(hostile, MOSCOW));
            assertThat(goal.variants()).isNotEmpty().allSatisfy(v -> assertThat(v.conversions()).isZero());
        }
        assertThat(countEvents()).isEqualTo(before);
    }

    private static long countEvents() {
        return Long.parseLong(engine.transport().query("SELECT count() FROM experiment_test.events", "TabSeparated").trim());
    }
}
