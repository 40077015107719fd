package com.platform.analytics.domain.metric;

import static com.platform.analytics.domain.metric.BuiltInMetric.ARPPU;
import static com.platform.analytics.domain.metric.BuiltInMetric.ARPU;
import static com.platform.analytics.domain.metric.BuiltInMetric.AVG_SESSION_SECONDS;
import static com.platform.analytics.domain.metric.BuiltInMetric.DAU;
import static com.platform.analytics.domain.metric.BuiltInMetric.GROSS_REVENUE;
import static com.platform.analytics.domain.metric.BuiltInMetric.MAU;
import static com.platform.analytics.domain.metric.BuiltInMetric.NET_REVENUE;
import static com.platform.analytics.domain.metric.BuiltInMetric.NEW_USERS;
import static com.platform.analytics.domain.metric.BuiltInMetric.PAYING_CONVERSION;
import static com.platform.analytics.domain.metric.BuiltInMetric.PAYING_USERS;
import static com.platform.analytics.domain.metric.BuiltInMetric.PLAYTIME_SECONDS;
import static com.platform.analytics.domain.metric.BuiltInMetric.REFUNDS;
import static com.platform.analytics.domain.metric.BuiltInMetric.SESSIONS;
import static com.platform.analytics.domain.metric.BuiltInMetric.STICKINESS;
import static com.platform.analytics.domain.metric.BuiltInMetric.WAU;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The calculator against {@link FactMeasures}, a naive reference for the base measures; every expected
 * number below is worked out by hand from the facts, following KPI_DEFINITIONS.md.
 */
class MetricCalculatorTest {

    private static MetricValuesQuery query(BuiltInMetric metric, String from, String to, String granularity,
            String dimensions, List<String> filters) {
        return MetricValuesQuery.parse(metric.metricName(), from, to, granularity, null, dimensions, filters);
    }

    private static MetricValues compute(FactMeasures facts, BuiltInMetric metric, String from, String to,
            String granularity) {
        return new MetricCalculator(facts).compute(metric, query(metric, from, to, granularity, null, null));
    }

    /** The values of the one series of an undivided metric, as plain strings (null where undefined). */
    private static List<String> values(FactMeasures facts, BuiltInMetric metric, String from, String to,
            String granularity) {
        MetricValues v = compute(facts, metric, from, to, granularity);
        assertThat(v.series()).as(metric + " series").hasSize(1);
        assertThat(v.series().get(0).dimensions()).isEmpty();
        return plain(v.series().get(0));
    }

    private static List<String> plain(MetricSeries s) {
        List<String> out = new ArrayList<>();
        for (MetricSeries.Point p : s.points()) {
            out.add(p.value() == null ? null : p.value().toPlainString());
        }
        return out;
    }

    private static List<LocalDate> buckets(MetricSeries s) {
        return s.points().stream().map(MetricSeries.Point::bucket).toList();
    }

    private static List<String> expect(String... values) {
        return Arrays.asList(values);
    }

    // ---- day granularity -------------------------------------------------------------------------------

    /** 2026-03-02..04; two users before the range only feed the rolling windows, exactly at their edges. */
    private static FactMeasures daily() {
        return new FactMeasures()
                .active("2026-02-01", "old")      // D-29 of 03-02: in mau on 03-02 only
                .active("2026-02-24", "u5")       // D-6 of 03-02: in wau on 03-02 only
                .registered("2026-03-02", "u1")
                .paid("2026-03-02", "u1", "100.00")
                .session("2026-03-02", "u1", 600)
                .active("2026-03-02", "u2")
                .active("2026-03-03", "u1")
                .session("2026-03-03", "u1", 300)
                .session("2026-03-03", "u2", 100)
                .paid("2026-03-03", "u2", "50.50")
                .refunded("2026-03-03", "u1", "30.00")
                .refunded("2026-03-04", "u3", "10.00"); // a refund is not activity: u3 is not active
    }

    @Test
    void dayValuesOfEveryMetric() {
        FactMeasures f = daily();
        String from = "2026-03-02";
        String to = "2026-03-04";
        assertThat(values(f, DAU, from, to, "day")).containsExactly("2", "2", "0");
        assertThat(values(f, WAU, from, to, "day")).containsExactly("3", "2", "2");
        assertThat(values(f, MAU, from, to, "day")).containsExactly("4", "3", "3");
        assertThat(values(f, STICKINESS, from, to, "day")).containsExactly("0.5", "0.6667", "0");
        assertThat(values(f, NEW_USERS, from, to, "day")).containsExactly("1", "0", "0");
        assertThat(values(f, PAYING_USERS, from, to, "day")).containsExactly("1", "1", "0");
        assertThat(values(f, GROSS_REVENUE, from, to, "day")).containsExactly("100.00", "50.50", "0.00");
        assertThat(values(f, REFUNDS, from, to, "day")).containsExactly("0.00", "30.00", "10.00");
        assertThat(values(f, NET_REVENUE, from, to, "day")).containsExactly("100.00", "20.50", "-10.00");
        assertThat(values(f, ARPU, from, to, "day")).isEqualTo(expect("50.00", "10.25", null));
        assertThat(values(f, ARPPU, from, to, "day")).isEqualTo(expect("100.00", "20.50", null));
        assertThat(values(f, PAYING_CONVERSION, from, to, "day")).isEqualTo(expect("0.5", "0.5", null));
        assertThat(values(f, SESSIONS, from, to, "day")).containsExactly("1", "2", "0");
        assertThat(values(f, PLAYTIME_SECONDS, from, to, "day")).containsExactly("600", "400", "0");
        assertThat(values(f, AVG_SESSION_SECONDS, from, to, "day")).isEqualTo(expect("600", "200", null));
    }

    @Test
    void everyPointIsNamedByItsBucketAndTheUnitComesFromTheMetric() {
        MetricValues v = compute(daily(), GROSS_REVENUE, "2026-03-02", "2026-03-04", "day");
        assertThat(v.unit()).isEqualTo("RUB");
        assertThat(buckets(v.series().get(0))).containsExactly(
                LocalDate.parse("2026-03-02"), LocalDate.parse("2026-03-03"), LocalDate.parse("2026-03-04"));
        assertThat(v.query().metricName()).isEqualTo("gross_revenue");
        assertThat(compute(daily(), DAU, "2026-03-02", "2026-03-04", "day").unit()).isEqualTo("users");
        assertThat(compute(daily(), STICKINESS, "2026-03-02", "2026-03-04", "day").unit()).isEqualTo("ratio");
    }

    @Test
    void roundsCountsWholeMoneyToKopecksAndRatiosToFourPlacesHalfUp() {
        FactMeasures f = new FactMeasures()
                .active("2026-02-20", "d")
                .paid("2026-03-02", "a", "10.00")
                .paid("2026-03-02", "b", "0.01")
                .active("2026-03-02", "c")
                .session("2026-03-02", "a", 500)
                .session("2026-03-02", "b", 500)
                .session("2026-03-02", "c", 1);
        String day = "2026-03-02";
        assertThat(values(f, ARPU, day, day, "day")).containsExactly("3.34");           // 10.01 / 3 = 3.3366..
        assertThat(values(f, ARPPU, day, day, "day")).containsExactly("5.01");          // 10.01 / 2 = 5.005, half up
        assertThat(values(f, PAYING_CONVERSION, day, day, "day")).containsExactly("0.6667"); // 2 / 3
        assertThat(values(f, AVG_SESSION_SECONDS, day, day, "day")).containsExactly("333.6667"); // 1001 / 3
        assertThat(values(f, STICKINESS, day, day, "day")).containsExactly("0.75");     // 3 / 4
        assertThat(values(f, GROSS_REVENUE, day, day, "day")).containsExactly("10.01");
        assertThat(values(f, DAU, day, day, "day")).containsExactly("3");

        // scales, not just digits: money always carries two places, counts none, ratios at most four
        MetricValues arpu = compute(f, ARPU, day, day, "day");
        assertThat(arpu.series().get(0).points().get(0).value().scale()).isEqualTo(2);
        MetricValues dau = compute(f, DAU, day, day, "day");
        assertThat(dau.series().get(0).points().get(0).value().scale()).isEqualTo(0);
        MetricValues conversion = compute(f, PAYING_CONVERSION, day, day, "day");
        assertThat(conversion.series().get(0).points().get(0).value().scale()).isLessThanOrEqualTo(4);
    }

    @Test
    void roundHelperFollowsTheMetricsKind() {
        assertThat(MetricCalculator.round(DAU, new BigDecimal("2.5")).toPlainString()).isEqualTo("3");
        assertThat(MetricCalculator.round(NET_REVENUE, new BigDecimal("-0.005")).toPlainString()).isEqualTo("-0.01");
        assertThat(MetricCalculator.round(ARPU, new BigDecimal("7")).toPlainString()).isEqualTo("7.00");
        assertThat(MetricCalculator.round(STICKINESS, new BigDecimal("0.33335")).toPlainString()).isEqualTo("0.3334");
        assertThat(MetricCalculator.round(STICKINESS, new BigDecimal("0.10000")).toPlainString()).isEqualTo("0.1");
    }

    // ---- periods -----------------------------------------------------------------------------------------

    /**
     * 2026-03-04 (Wednesday) .. 2026-04-07 (Tuesday): weeks 03-02, 03-09, 03-16, 03-23 (empty), 03-30, 04-06;
     * months March and April. u5 is active only on 03-03, inside the first week but before the range.
     */
    private static final String FROM = "2026-03-04";
    private static final String TO = "2026-04-07";

    private static FactMeasures periods() {
        return new FactMeasures()
                .active("2026-03-03", "u5")
                .active("2026-03-03", "u1")
                .active("2026-03-04", "u1")
                .active("2026-03-05", "u1")
                .active("2026-03-06", "u1")
                .paid("2026-03-04", "u1", "10.00")
                .paid("2026-03-06", "u1", "20.00")
                .session("2026-03-04", "u1", 100)
                .session("2026-03-05", "u1", 200)
                .registered("2026-03-05", "u2")
                .active("2026-03-05", "u2")
                .active("2026-03-10", "u2")
                .paid("2026-03-10", "u2", "5.00")
                .active("2026-03-16", "u3")
                .session("2026-03-16", "u3", 60)
                .refunded("2026-03-31", "u1", "3.00")
                .active("2026-04-01", "u1")
                .registered("2026-04-07", "u4");
    }

    @Test
    void weekBucketsAreDistinctOverTheWeekAndHaveAPointEvenWhenEmpty() {
        FactMeasures f = periods();
        MetricValues v = compute(f, DAU, FROM, TO, "week");
        assertThat(buckets(v.series().get(0))).extracting(LocalDate::toString).containsExactly(
                "2026-03-02", "2026-03-09", "2026-03-16", "2026-03-23", "2026-03-30", "2026-04-06");
        // week 1 has u1 on three days and u2: 2, not 4; u5 (03-03) is outside the range
        assertThat(plain(v.series().get(0))).containsExactly("2", "1", "1", "0", "1", "1");
        assertThat(values(f, NEW_USERS, FROM, TO, "week")).containsExactly("1", "0", "0", "0", "0", "1");
        assertThat(values(f, PAYING_USERS, FROM, TO, "week")).containsExactly("1", "1", "0", "0", "0", "0");
        assertThat(values(f, GROSS_REVENUE, FROM, TO, "week"))
                .containsExactly("30.00", "5.00", "0.00", "0.00", "0.00", "0.00");
        assertThat(values(f, REFUNDS, FROM, TO, "week"))
                .containsExactly("0.00", "0.00", "0.00", "0.00", "3.00", "0.00");
        assertThat(values(f, NET_REVENUE, FROM, TO, "week"))
                .containsExactly("30.00", "5.00", "0.00", "0.00", "-3.00", "0.00");
        assertThat(values(f, SESSIONS, FROM, TO, "week")).containsExactly("2", "0", "1", "0", "0", "0");
        assertThat(values(f, PLAYTIME_SECONDS, FROM, TO, "week")).containsExactly("300", "0", "60", "0", "0", "0");
        assertThat(values(f, AVG_SESSION_SECONDS, FROM, TO, "week"))
                .isEqualTo(expect("150", null, "60", null, null, null));
        assertThat(values(f, ARPU, FROM, TO, "week")).isEqualTo(expect("15.00", "5.00", "0.00", null, "-3.00", "0.00"));
        assertThat(values(f, ARPPU, FROM, TO, "week")).isEqualTo(expect("30.00", "5.00", null, null, null, null));
        assertThat(values(f, PAYING_CONVERSION, FROM, TO, "week")).isEqualTo(expect("0.5", "1", "0", null, "0", "0"));
    }

    @Test
    void wauAndMauOfAWeekAreTheirValuesOnItsLastDayInRange() {
        FactMeasures f = periods();
        // last days: 03-08, 03-15, 03-22, 03-29, 04-05 and 04-07 (the range ends on a Tuesday)
        assertThat(values(f, WAU, FROM, TO, "week")).containsExactly("3", "1", "1", "0", "1", "2");
        assertThat(values(f, MAU, FROM, TO, "week")).containsExactly("3", "3", "4", "4", "3", "4");
    }

    @Test
    void stickinessOfAWeekIsItsMeanDailyDauOverMauOnItsLastDay() {
        // week 1: (1 + 2 + 1 + 0 + 0) / 5 days in range = 0.8, over mau 3; week 4: no dau, 0;
        // last week: two days in range, (0 + 1) / 2 over mau 4
        assertThat(values(periods(), STICKINESS, FROM, TO, "week"))
                .containsExactly("0.2667", "0.0476", "0.0357", "0", "0.0476", "0.125");
    }

    @Test
    void monthBuckets() {
        FactMeasures f = periods();
        MetricValues v = compute(f, DAU, FROM, TO, "month");
        assertThat(buckets(v.series().get(0))).extracting(LocalDate::toString).containsExactly("2026-03-01", "2026-04-01");
        assertThat(plain(v.series().get(0))).containsExactly("3", "2");
        assertThat(values(f, WAU, FROM, TO, "month")).containsExactly("0", "2");  // on 03-31 and 04-07
        assertThat(values(f, MAU, FROM, TO, "month")).containsExactly("4", "4");
        // March: 6 user-days over the 28 days 03-04..03-31, over mau 4; April: 2 over 7 days, over mau 4
        assertThat(values(f, STICKINESS, FROM, TO, "month")).containsExactly("0.0536", "0.0714");
        assertThat(values(f, NEW_USERS, FROM, TO, "month")).containsExactly("1", "1");
        assertThat(values(f, PAYING_USERS, FROM, TO, "month")).containsExactly("2", "0");
        assertThat(values(f, NET_REVENUE, FROM, TO, "month")).containsExactly("32.00", "0.00");
        assertThat(values(f, ARPU, FROM, TO, "month")).containsExactly("10.67", "0.00");
        assertThat(values(f, ARPPU, FROM, TO, "month")).isEqualTo(expect("16.00", null));
        assertThat(values(f, PAYING_CONVERSION, FROM, TO, "month")).containsExactly("0.6667", "0");
        assertThat(values(f, AVG_SESSION_SECONDS, FROM, TO, "month")).isEqualTo(expect("120", null));
    }

    @Test
    void totalIsOneBucketOverTheWholeRange() {
        FactMeasures f = periods();
        MetricValues v = compute(f, DAU, FROM, TO, "total");
        assertThat(buckets(v.series().get(0))).containsExactly(LocalDate.parse(FROM));
        assertThat(plain(v.series().get(0))).containsExactly("4");
        assertThat(values(f, WAU, FROM, TO, "total")).containsExactly("2");
        assertThat(values(f, MAU, FROM, TO, "total")).containsExactly("4");
        // 8 user-days over the 35 days of the range, over mau 4 on 04-07 (a range longer than a month)
        assertThat(values(f, STICKINESS, FROM, TO, "total")).containsExactly("0.0571");
        assertThat(values(f, NEW_USERS, FROM, TO, "total")).containsExactly("2");
        assertThat(values(f, PAYING_USERS, FROM, TO, "total")).containsExactly("2");
        assertThat(values(f, GROSS_REVENUE, FROM, TO, "total")).containsExactly("35.00");
        assertThat(values(f, REFUNDS, FROM, TO, "total")).containsExactly("3.00");
        assertThat(values(f, NET_REVENUE, FROM, TO, "total")).containsExactly("32.00");
        assertThat(values(f, ARPU, FROM, TO, "total")).containsExactly("8.00");
        assertThat(values(f, ARPPU, FROM, TO, "total")).containsExactly("16.00");
        assertThat(values(f, PAYING_CONVERSION, FROM, TO, "total")).containsExactly("0.5");
        assertThat(values(f, SESSIONS, FROM, TO, "total")).containsExactly("3");
        assertThat(values(f, PLAYTIME_SECONDS, FROM, TO, "total")).containsExactly("360");
        assertThat(values(f, AVG_SESSION_SECONDS, FROM, TO, "total")).containsExactly("120");
    }

    @Test
    void stickinessOfAMonthLongTotalCountsEveryDayOfTheRange() {
        // 2026-01-01..2026-03-01: 60 days; one user active every day -> mean dau 1, mau 1
        FactMeasures f = new FactMeasures();
        for (LocalDate d = LocalDate.parse("2026-01-01"); !d.isAfter(LocalDate.parse("2026-03-01")); d = d.plusDays(1)) {
            f.active(d.toString(), "everyday");
        }
        f.active("2026-03-01", "late");
        // (60 + 1) / 60 days over mau 2 on 03-01
        assertThat(values(f, STICKINESS, "2026-01-01", "2026-03-01", "total")).containsExactly("0.5083");
        assertThat(values(f, STICKINESS, "2026-01-01", "2026-03-01", "month")).containsExactly("1", "1", "1");
    }

    // ---- no data -----------------------------------------------------------------------------------------

    @Test
    void withoutDataThereIsOneEmptySeriesWithAPointPerBucket() {
        FactMeasures none = new FactMeasures();
        Set<BuiltInMetric> undefined = EnumSet.of(ARPU, ARPPU, PAYING_CONVERSION, AVG_SESSION_SECONDS);
        for (BuiltInMetric m : BuiltInMetric.values()) {
            for (String granularity : List.of("day", "week", "total")) {
                MetricValues v = compute(none, m, "2026-03-04", "2026-03-10", granularity);
                assertThat(v.series()).as(m + " " + granularity).hasSize(1);
                MetricSeries s = v.series().get(0);
                assertThat(s.dimensions()).isEmpty();
                int n = Granularity.parse(granularity).buckets(LocalDate.parse("2026-03-04"), LocalDate.parse("2026-03-10")).size();
                assertThat(s.points()).hasSize(n);
                String zero = switch (m.kind()) {
                    case COUNT, RATIO -> "0";
                    case MONEY -> "0.00";
                };
                // ratios over nothing are undefined, except stickiness, which is 0 where mau is 0
                assertThat(plain(s)).as(m + " " + granularity)
                        .containsOnly(undefined.contains(m) ? null : zero);
            }
        }
    }

    @Test
    void withDimensionsAndNoDataThereIsNoSeries() {
        MetricValues v = new MetricCalculator(new FactMeasures())
                .compute(DAU, query(DAU, "2026-03-02", "2026-03-03", "day", "platform", null));
        assertThat(v.series()).isEmpty();
    }

    // ---- dimensions and filters --------------------------------------------------------------------------

    /** 2026-03-02..03. u1 plays on two platforms; u3's events carry no platform; console only has a refund. */
    private static FactMeasures split() {
        return new FactMeasures()
                .active("2026-03-02", "u1", "pc", "g1")
                .active("2026-03-02", "u1", "mobile", "g1")
                .active("2026-03-02", "u2", "pc", "g2")
                .active("2026-03-03", "u3", null, "g1")
                .paid("2026-03-03", "u1", "40.00", "pc", "g1")
                .refunded("2026-03-03", "u4", "7.00", "console", "g2");
    }

    private static MetricValues split(BuiltInMetric metric, String dimensions, List<String> filters) {
        return new MetricCalculator(split()).compute(metric, query(metric, "2026-03-02", "2026-03-03", "day", dimensions, filters));
    }

    @Test
    void oneSeriesPerCombinationSortedWithAMissingValueAsNull() {
        MetricValues v = split(DAU, "platform", null);
        assertThat(v.series()).hasSize(3);
        assertThat(v.series().get(0).dimensions()).containsExactly(entry("platform", null));
        assertThat(v.series().get(1).dimensions()).containsExactly(entry("platform", "mobile"));
        assertThat(v.series().get(2).dimensions()).containsExactly(entry("platform", "pc"));
        // a user active on two platforms counts once in each
        assertThat(plain(v.series().get(0))).containsExactly("0", "1");
        assertThat(plain(v.series().get(1))).containsExactly("1", "0");
        assertThat(plain(v.series().get(2))).containsExactly("2", "1");
    }

    @Test
    void twoDimensionsNameBothInQueryOrder() {
        MetricValues v = split(DAU, "platform,game_id", null);
        assertThat(v.series()).extracting(MetricSeries::dimensions).containsExactly(
                mapOf("platform", null, "gameId", "g1"),
                mapOf("platform", "mobile", "gameId", "g1"),
                mapOf("platform", "pc", "gameId", "g1"),
                mapOf("platform", "pc", "gameId", "g2"));
        assertThat(v.series().get(0).dimensions().keySet()).containsExactly("platform", "gameId");
        assertThat(v.series()).extracting(MetricCalculatorTest::plain).containsExactly(
                List.of("0", "1"), List.of("1", "0"), List.of("1", "1"), List.of("1", "0"));
    }

    @Test
    void derivedMetricsMatchGroupsPresentOnOnlyOneSide() {
        // net revenue: pc has only gross, console only refunds
        MetricValues net = split(NET_REVENUE, "platform", null);
        assertThat(net.series()).extracting(MetricSeries::dimensions)
                .containsExactly(Map.of("platform", "console"), Map.of("platform", "pc"));
        assertThat(plain(net.series().get(0))).containsExactly("0.00", "-7.00");
        assertThat(plain(net.series().get(1))).containsExactly("0.00", "40.00");

        // arpu: groups of both net revenue and active users; undefined wherever nobody is active
        MetricValues arpu = split(ARPU, "platform", null);
        assertThat(arpu.series()).extracting(s -> s.dimensions().get("platform"))
                .containsExactly(null, "console", "mobile", "pc");
        assertThat(arpu.series()).extracting(MetricCalculatorTest::plain).containsExactly(
                expect(null, "0.00"), expect(null, null), expect("0.00", null), expect("0.00", "40.00"));

        // paying conversion: groups with active users but no payer are 0, not missing
        MetricValues conversion = split(PAYING_CONVERSION, "platform", null);
        assertThat(conversion.series()).extracting(MetricCalculatorTest::plain).containsExactly(
                expect(null, "0"), expect("0", null), expect("0", "1"));
    }

    @Test
    void filtersOnOneDimensionAreAlternatives() {
        assertThat(plain(split(DAU, null, List.of("platform:pc", "platform:mobile")).series().get(0)))
                .containsExactly("2", "1");
        assertThat(plain(split(DAU, null, List.of("gameId:g2")).series().get(0))).containsExactly("1", "0");
        assertThat(plain(split(DAU, null, List.of("gameId:g1", "platform:pc")).series().get(0)))
                .containsExactly("1", "1");
    }

    @Test
    void asksTheSourceForTheQuerysZoneDimensionsAndFiltersAndDayBucketsForRollingMeasures() {
        FactMeasures f = split();
        MetricValuesQuery q = MetricValuesQuery.parse("stickiness", "2026-03-02", "2026-03-08", "week",
                "Europe/Moscow", "platform", List.of("gameId:g1"));
        new MetricCalculator(f).compute(STICKINESS, q);
        new MetricCalculator(f).compute(ARPU, q);
        assertThat(f.queries).isNotEmpty().allSatisfy(mq -> {
            assertThat(mq.zone()).isEqualTo(ZoneId.of("Europe/Moscow"));
            assertThat(mq.dimensions()).containsExactly(Dimension.PLATFORM);
            assertThat(mq.filters()).isEqualTo(Map.of(Dimension.GAME_ID, Set.of("g1")));
            assertThat(mq.from()).isEqualTo(LocalDate.parse("2026-03-02"));
            assertThat(mq.to()).isEqualTo(LocalDate.parse("2026-03-08"));
        });
        assertThat(f.queries).filteredOn(mq -> mq.measure().rolling())
                .isNotEmpty().allSatisfy(mq -> assertThat(mq.granularity()).isEqualTo(Granularity.DAY));
        assertThat(f.queries).filteredOn(mq -> mq.measure() == Measure.GROSS_REVENUE)
                .isNotEmpty().allSatisfy(mq -> assertThat(mq.granularity()).isEqualTo(Granularity.WEEK));
    }

    private static Map<String, String> mapOf(String k1, String v1, String k2, String v2) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }
}
