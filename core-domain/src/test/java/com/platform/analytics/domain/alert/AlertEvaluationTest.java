package com.platform.analytics.domain.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.platform.analytics.domain.alert.AlertEvaluation.Outcome;
import com.platform.analytics.domain.alert.AlertEvaluation.Result;
import com.platform.analytics.domain.metric.Granularity;
import com.platform.analytics.domain.metric.MetricSeries.Point;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The evaluation of each condition against hand-computed examples. */
class AlertEvaluationTest {
    private static final LocalDate D = LocalDate.parse("2026-03-18"); // a Wednesday

    /** Points for consecutive days ending at {@code last}: {@code values[0]} is the earliest. */
    private static List<Point> days(LocalDate last, Double... values) {
        List<Point> out = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            Double v = values[i];
            out.add(new Point(last.minusDays(values.length - 1 - i), v == null ? null : BigDecimal.valueOf(v)));
        }
        return out;
    }

    @Test
    void theLatestCompletePeriodIsYesterdayLastWeekOrLastMonthInTheRulesZone() {
        Instant now = Instant.parse("2026-03-18T22:30:00Z"); // already the 19th (Thursday) in Moscow
        ZoneId utc = ZoneId.of("UTC");
        ZoneId moscow = ZoneId.of("Europe/Moscow");

        assertThat(AlertEvaluation.latestCompletePeriod(Granularity.DAY, now, utc)).isEqualTo("2026-03-17");
        assertThat(AlertEvaluation.latestCompletePeriod(Granularity.DAY, now, moscow)).isEqualTo("2026-03-18");
        assertThat(AlertEvaluation.latestCompletePeriod(Granularity.WEEK, now, utc)).isEqualTo("2026-03-09");
        assertThat(AlertEvaluation.latestCompletePeriod(Granularity.MONTH, now, utc)).isEqualTo("2026-02-01");
        assertThat(AlertEvaluation.periodEnd(Granularity.WEEK, LocalDate.parse("2026-03-09"))).isEqualTo("2026-03-15");
        assertThat(AlertEvaluation.periodEnd(Granularity.MONTH, LocalDate.parse("2026-02-01"))).isEqualTo("2026-02-28");
    }

    @Test
    void baselinesAreThePreviousPeriodsOrTheSameWeekday() {
        AlertCondition previous = new AlertCondition.RelativeChange(Direction.DROP, 30, 3, AlertCondition.Baseline.PREVIOUS_PERIODS);
        AlertCondition sameWeekday = new AlertCondition.RelativeChange(Direction.DROP, 30, 3, AlertCondition.Baseline.SAME_WEEKDAY);
        AlertCondition anomaly = new AlertCondition.Anomaly(3, 3.5, 3, Direction.BOTH);

        assertThat(AlertEvaluation.baselinePeriods(Granularity.DAY, previous, D)).extracting(LocalDate::toString)
                .containsExactly("2026-03-17", "2026-03-16", "2026-03-15");
        assertThat(AlertEvaluation.baselinePeriods(Granularity.DAY, sameWeekday, D)).extracting(LocalDate::toString)
                .containsExactly("2026-03-11", "2026-03-04", "2026-02-25");
        assertThat(AlertEvaluation.baselinePeriods(Granularity.DAY, anomaly, D)).extracting(LocalDate::toString)
                .containsExactly("2026-03-11", "2026-03-04", "2026-02-25");
        assertThat(AlertEvaluation.baselinePeriods(Granularity.MONTH, anomaly, LocalDate.parse("2026-03-01")))
                .extracting(LocalDate::toString).containsExactly("2026-02-01", "2026-01-01", "2025-12-01");
        assertThat(AlertEvaluation.historyStart(Granularity.DAY, anomaly, D)).isEqualTo("2026-02-25");
        assertThat(AlertEvaluation.historyStart(Granularity.DAY, new AlertCondition.Threshold(ComparisonOperator.LESS, 1), D)).isEqualTo(D);
    }

    @Test
    void aThresholdComparesTheLatestValue() {
        AlertCondition below = new AlertCondition.Threshold(ComparisonOperator.LESS, 10000);

        Result fires = AlertEvaluation.evaluate("dau", Granularity.DAY, below, D, days(D, 12000.0, 9500.0));
        Result clear = AlertEvaluation.evaluate("dau", Granularity.DAY, below, D, days(D, 9500.0, 10000.0));
        Result atOrAbove = AlertEvaluation.evaluate("dau", Granularity.DAY,
                new AlertCondition.Threshold(ComparisonOperator.GREATER_OR_EQUAL, 10000), D, days(D, 10000.0));

        assertThat(fires.outcome()).isEqualTo(Outcome.FIRING);
        assertThat(fires.observed()).isEqualTo(9500.0);
        assertThat(fires.threshold()).isEqualTo(10000.0);
        assertThat(fires.deviation()).isEqualTo(-500.0);
        assertThat(fires.description()).isEqualTo("dau is 9500 on 2026-03-18, < 10000");
        assertThat(clear.outcome()).isEqualTo(Outcome.CLEAR);
        assertThat(atOrAbove.outcome()).isEqualTo(Outcome.FIRING);
    }

    @Test
    void dauFellThirtyPercentAgainstTheSevenDayMean() {
        // the spec's example: the mean of the previous 7 days is (9000 + 11000 + 5 * 10000) / 7 = 10000
        AlertCondition rule = new AlertCondition.RelativeChange(Direction.DROP, 30, 7, AlertCondition.Baseline.PREVIOUS_PERIODS);
        List<Point> history = days(D.minusDays(1), 9000.0, 11000.0, 10000.0, 10000.0, 10000.0, 10000.0, 10000.0);

        Result fell30 = AlertEvaluation.evaluate("dau", Granularity.DAY, rule, D, with(history, D, 7000.0));
        Result fell29 = AlertEvaluation.evaluate("dau", Granularity.DAY, rule, D, with(history, D, 7100.0));
        Result rose50 = AlertEvaluation.evaluate("dau", Granularity.DAY, rule, D, with(history, D, 15000.0));

        assertThat(fell30.outcome()).isEqualTo(Outcome.FIRING);
        assertThat(fell30.expected()).isEqualTo(10000.0);
        assertThat(fell30.deviation()).isCloseTo(-30.0, within(1e-9));
        assertThat(fell30.description()).isEqualTo("dau fell by 30.0% against the mean of the previous 7 days (7000 against 10000) on 2026-03-18");
        assertThat(fell29.outcome()).isEqualTo(Outcome.CLEAR);
        assertThat(fell29.deviation()).isCloseTo(-29.0, within(1e-9));
        assertThat(rose50.outcome()).as("a drop rule ignores rises").isEqualTo(Outcome.CLEAR);
        assertThat(AlertEvaluation.evaluate("dau", Granularity.DAY,
                new AlertCondition.RelativeChange(Direction.RISE, 50, 7, AlertCondition.Baseline.PREVIOUS_PERIODS), D,
                with(history, D, 15000.0)).outcome()).isEqualTo(Outcome.FIRING);
    }

    @Test
    void aRelativeChangeNeedsItsWholeBaselineAndANonZeroMean() {
        AlertCondition rule = new AlertCondition.RelativeChange(Direction.DROP, 30, 3, AlertCondition.Baseline.PREVIOUS_PERIODS);

        Result gap = AlertEvaluation.evaluate("dau", Granularity.DAY, rule, D, days(D, 100.0, null, 100.0, 10.0));
        Result zero = AlertEvaluation.evaluate("refunds", Granularity.DAY, rule, D, days(D, 0.0, 0.0, 0.0, 10.0));
        Result noValue = AlertEvaluation.evaluate("dau", Granularity.DAY, rule, D, days(D, 100.0, 100.0, 100.0, null));

        assertThat(gap.outcome()).isEqualTo(Outcome.INSUFFICIENT_DATA);
        assertThat(gap.description()).contains("only 2 of the 3");
        assertThat(zero.outcome()).isEqualTo(Outcome.INSUFFICIENT_DATA);
        assertThat(noValue.outcome()).isEqualTo(Outcome.INSUFFICIENT_DATA);
        assertThat(noValue.observed()).isNull();
    }

    @Test
    void aDailyAnomalyIsARobustZScoreAgainstTheSameWeekdayWithTheSpreadPooledOverTheWeek() {
        // 3 weeks before D (a Wednesday): every weekday at its own level (Wednesday 100, the others 200) times 0.9,
        // 1.0 and 1.1 in the three weeks. Wednesday's median is 100; the 21 relative residuals are 14 x 0.1 and 7 x 0,
        // so their median is 0.1 and the scale 1.4826 * 0.1 = 0.14826. 60 -> z = (60 / 100 - 1) / 0.14826 = -2.69796;
        // 70 -> -2.02344.
        AlertCondition rule = new AlertCondition.Anomaly(3, 2.5, 3, Direction.BOTH);
        List<Point> points = new ArrayList<>();
        double[] factors = {0.9, 1.0, 1.1};
        for (int w = 0; w < 3; w++) {
            for (int offset = 1; offset <= 7; offset++) {
                LocalDate day = D.minusDays(offset).minusWeeks(w);
                double level = day.getDayOfWeek() == D.getDayOfWeek() ? 100 : 200;
                points.add(new Point(day, BigDecimal.valueOf(level * factors[(w + offset) % 3])));
            }
        }

        Result low = AlertEvaluation.evaluate("dau", Granularity.DAY, rule, D, with(points, D, 60.0));
        Result normal = AlertEvaluation.evaluate("dau", Granularity.DAY, rule, D, with(points, D, 70.0));
        Result riseOnly = AlertEvaluation.evaluate("dau", Granularity.DAY, new AlertCondition.Anomaly(3, 2.5, 3, Direction.RISE), D,
                with(points, D, 60.0));

        assertThat(low.outcome()).isEqualTo(Outcome.FIRING);
        assertThat(low.expected()).isEqualTo(100.0);
        assertThat(low.deviation()).isCloseTo(-0.4 / 0.14826, within(1e-9));
        assertThat(low.description()).contains("robust z-score -2.70 against the median 100 of the same weekday over the previous 3 weeks");
        assertThat(normal.outcome()).isEqualTo(Outcome.CLEAR);
        assertThat(normal.deviation()).isCloseTo(-0.3 / 0.14826, within(1e-9));
        assertThat(riseOnly.outcome()).isEqualTo(Outcome.CLEAR);
    }

    @Test
    void aWeeklyAnomalyIsARobustZScoreAgainstThePreviousWeeks() {
        // the 5 previous weeks: 100, 110, 90, 105, 95; median 100, absolute deviations 0, 10, 10, 5, 5 -> MAD 5,
        // scale 1.4826 * 5 = 7.413; 70 -> z = -30 / 7.413 = -4.0469
        LocalDate week = LocalDate.parse("2026-03-16");
        AlertCondition rule = new AlertCondition.Anomaly(5, 3.5, 4, Direction.BOTH);
        List<Point> points = new ArrayList<>();
        double[] weeks = {100, 110, 90, 105, 95};
        for (int i = 0; i < weeks.length; i++) {
            points.add(new Point(week.minusWeeks(5 - i), BigDecimal.valueOf(weeks[i])));
        }

        Result low = AlertEvaluation.evaluate("dau", Granularity.WEEK, rule, week, with(points, week, 70.0));
        Result normal = AlertEvaluation.evaluate("dau", Granularity.WEEK, rule, week, with(points, week, 120.0));

        assertThat(low.outcome()).isEqualTo(Outcome.FIRING);
        assertThat(low.expected()).isEqualTo(100.0);
        assertThat(low.deviation()).isCloseTo(-30 / 7.413, within(1e-9));
        assertThat(low.description()).contains("robust z-score -4.05 against the median 100 of the previous 5 weeks");
        assertThat(normal.outcome()).isEqualTo(Outcome.CLEAR);
        assertThat(normal.deviation()).isCloseTo(20 / 7.413, within(1e-9));
    }

    @Test
    void anAnomalyNeedsItsMinimumHistoryAndSurvivesAZeroMad() {
        AlertCondition rule = new AlertCondition.Anomaly(4, 3, 3, Direction.BOTH);
        List<Point> twoWeeks = List.of(new Point(D.minusWeeks(1), BigDecimal.TEN), new Point(D.minusWeeks(2), BigDecimal.TEN));
        // 10, 10, 10, 14: median 10, deviations 0, 0, 0, 4 -> MAD 0; mean deviation 1 -> scale 1.253314; 16 -> z = 4.787
        List<Point> mostlyTen = List.of(new Point(D.minusWeeks(1), BigDecimal.TEN), new Point(D.minusWeeks(2), BigDecimal.TEN),
                new Point(D.minusWeeks(3), BigDecimal.TEN), new Point(D.minusWeeks(4), BigDecimal.valueOf(14)));

        assertThat(AlertEvaluation.evaluate("dau", Granularity.DAY, rule, D, with(twoWeeks, D, 1.0)).outcome())
                .isEqualTo(Outcome.INSUFFICIENT_DATA);
        Result r = AlertEvaluation.evaluate("dau", Granularity.WEEK, rule, D, with(mostlyTen, D, 16.0));
        assertThat(r.outcome()).isEqualTo(Outcome.FIRING);
        assertThat(r.deviation()).isCloseTo(6 / 1.253314, within(1e-9));
        assertThat(AlertEvaluation.evaluate("dau", Granularity.WEEK, rule, D, with(mostlyTen, D, 10.0)).deviation()).isZero();
    }

    @Test
    void weeklyRulesCompareWeeks() {
        LocalDate week = LocalDate.parse("2026-03-09");
        AlertCondition rule = new AlertCondition.RelativeChange(Direction.RISE, 20, 2, AlertCondition.Baseline.PREVIOUS_PERIODS);
        List<Point> points = List.of(new Point(week.minusWeeks(2), BigDecimal.valueOf(100)), new Point(week.minusWeeks(1),
                BigDecimal.valueOf(300)), new Point(week, BigDecimal.valueOf(240)));

        Result r = AlertEvaluation.evaluate("sessions", Granularity.WEEK, rule, week, points);

        assertThat(r.outcome()).isEqualTo(Outcome.FIRING);
        assertThat(r.expected()).isEqualTo(200.0);
        assertThat(r.deviation()).isCloseTo(20.0, within(1e-9));
        assertThat(r.description()).contains("the previous 2 weeks").contains("(week)");
    }

    @Test
    void seriesKeysSortTheirDimensions() {
        assertThat(AlertEvaluation.seriesKey(Map.of())).isEmpty();
        assertThat(AlertEvaluation.seriesKey(new java.util.LinkedHashMap<>(Map.of("platform", "pc", "country", "RU"))))
                .isEqualTo("country=RU|platform=pc");
    }

    private static List<Point> with(List<Point> points, LocalDate day, double value) {
        List<Point> out = new ArrayList<>(points);
        out.add(new Point(day, BigDecimal.valueOf(value)));
        return out;
    }
}
