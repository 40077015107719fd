package com.platform.analytics.domain.alert;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.metric.Granularity;
import com.platform.analytics.domain.metric.MetricSeries;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pure functions that judge a rule's condition on one metric series: which period is judged (the latest complete
 * one), which earlier periods form its baseline, and whether the condition holds, with the numbers.
 */
public final class AlertEvaluation {
    /** Scales a MAD to the standard deviation of a normal distribution (1 / Φ⁻¹(3/4)). */
    static final double MAD_SCALE = 1.4826;
    /**
     * Scales a mean absolute deviation likewise (√(π/2)); used when more than half the history is one value, so the
     * MAD is 0 and would make any difference infinitely anomalous.
     */
    static final double MEAN_ABSOLUTE_DEVIATION_SCALE = 1.253314;

    private AlertEvaluation() {
    }

    /** What an evaluation found. */
    public enum Outcome {
        FIRING, CLEAR,
        /** The period or too much of its baseline has no value: neither fires nor clears. */
        INSUFFICIENT_DATA
    }

    /**
     * @param observed the period's value (null without one)
     * @param expected the baseline (mean or median); null for a threshold or without enough history
     * @param threshold what the observed value was compared with: the threshold, or the baseline
     * @param deviation observed - threshold, the change in percent, or the robust z-score
     * @param description one sentence for people, naming the numbers
     */
    public record Result(Outcome outcome, LocalDate period, Double observed, Double expected, Double threshold,
            Double deviation, String description) {
        public Result {
            requireNonNull(outcome, "outcome is null");
            requireNonNull(period, "period is null");
            requireNonNull(description, "description is null");
        }
    }

    /** The latest period that ended before today (in {@code zone}): yesterday, last week (Monday), last month (1st). */
    public static LocalDate latestCompletePeriod(Granularity granularity, Instant now, ZoneId zone) {
        LocalDate today = LocalDate.ofInstant(now, zone);
        return switch (granularity) {
            case DAY -> today.minusDays(1);
            case WEEK -> today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(1);
            case MONTH -> today.withDayOfMonth(1).minusMonths(1);
            case TOTAL -> throw new IllegalArgumentException("a rule is not judged over a total");
        };
    }

    /** The last day of the period starting at {@code period}. */
    public static LocalDate periodEnd(Granularity granularity, LocalDate period) {
        return granularity.lastDayInRange(period, LocalDate.MAX);
    }

    /**
     * The periods the baseline is made of, most recent first: for a daily anomaly rule and a {@code same_weekday}
     * relative change the same weekday of the previous weeks (weekly seasonality is then part of the baseline), else
     * the periods right before.
     */
    public static List<LocalDate> baselinePeriods(Granularity granularity, AlertCondition condition, LocalDate period) {
        boolean sameWeekday = granularity == Granularity.DAY && (condition instanceof AlertCondition.Anomaly
                || condition instanceof AlertCondition.RelativeChange r && r.baseline() == AlertCondition.Baseline.SAME_WEEKDAY);
        List<LocalDate> out = new ArrayList<>();
        for (int i = 1; i <= condition.periodsOfHistory(); i++) {
            out.add(sameWeekday ? period.minusWeeks(i) : minus(granularity, period, i));
        }
        return out;
    }

    /** The first day a query must read to judge {@code period}: its own or its earliest baseline period's. */
    public static LocalDate historyStart(Granularity granularity, AlertCondition condition, LocalDate period) {
        List<LocalDate> baseline = baselinePeriods(granularity, condition, period);
        return baseline.isEmpty() ? period : baseline.get(baseline.size() - 1);
    }

    /**
     * A series' identity within a rule: its dimension values, sorted by name ({@code country=RU|platform=pc}); empty
     * without a breakdown. Events of one series are de-duplicated together.
     */
    public static String seriesKey(Map<String, String> dimensions) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(dimensions).entrySet()) {
            if (!sb.isEmpty()) {
                sb.append('|');
            }
            sb.append(e.getKey()).append('=').append(e.getValue() == null ? "" : e.getValue());
        }
        return sb.toString();
    }

    /** Judges {@code condition} on the period starting at {@code period}, reading values from {@code points}. */
    public static Result evaluate(String metricName, Granularity granularity, AlertCondition condition, LocalDate period,
            List<MetricSeries.Point> points) {
        requireNonNull(metricName, "metricName is null");
        requireNonNull(condition, "condition is null");
        Map<LocalDate, Double> values = new HashMap<>();
        for (MetricSeries.Point p : points) {
            if (p.value() != null) {
                values.put(p.bucket(), p.value().doubleValue());
            }
        }
        Double observed = values.get(period);
        String on = " on " + period + (granularity == Granularity.DAY ? "" : " (" + granularity.wireName() + ")");
        if (observed == null) {
            return new Result(Outcome.INSUFFICIENT_DATA, period, null, null, null, null, metricName + " has no value" + on);
        }
        List<Double> history = new ArrayList<>();
        for (LocalDate d : baselinePeriods(granularity, condition, period)) {
            Double v = values.get(d);
            if (v != null) {
                history.add(v);
            }
        }
        if (condition instanceof AlertCondition.Threshold t) {
            boolean fires = t.operator().holds(observed, t.value());
            return new Result(fires ? Outcome.FIRING : Outcome.CLEAR, period, observed, null, t.value(), observed - t.value(),
                    metricName + " is " + number(observed) + on + (fires ? ", " : ", not ") + t.operator().symbol() + " "
                            + number(t.value()));
        }
        if (condition instanceof AlertCondition.RelativeChange r) {
            return relativeChange(metricName, granularity, r, period, observed, history, on);
        }
        return anomaly(metricName, granularity, (AlertCondition.Anomaly) condition, period, observed, history, values, on);
    }

    private static Result relativeChange(String metric, Granularity granularity, AlertCondition.RelativeChange r,
            LocalDate period, double observed, List<Double> history, String on) {
        String against = r.baseline() == AlertCondition.Baseline.SAME_WEEKDAY
                ? "the mean of the same weekday over the previous " + r.periods() + " weeks"
                : "the mean of the previous " + r.periods() + " " + unit(granularity, r.periods());
        if (history.size() < r.periods()) {
            return new Result(Outcome.INSUFFICIENT_DATA, period, observed, null, null, null, metric + on + ": only "
                    + history.size() + " of the " + r.periods() + " periods of " + against + " have a value");
        }
        double mean = history.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        if (mean == 0) {
            return new Result(Outcome.INSUFFICIENT_DATA, period, observed, mean, mean, null, metric + on
                    + ": " + against + " is 0, so a change in percent is undefined");
        }
        double change = (observed - mean) / Math.abs(mean) * 100;
        boolean fires = r.direction().reached(change, r.percent());
        String verb = change < 0 ? "fell" : "rose";
        return new Result(fires ? Outcome.FIRING : Outcome.CLEAR, period, observed, mean, mean, change,
                metric + " " + verb + " by " + percent(Math.abs(change)) + "% against " + against + " (" + number(observed)
                        + " against " + number(mean) + ")" + on + (fires ? "" : "; the rule needs a "
                        + r.direction().wireName() + " of " + percent(r.percent()) + "%"));
    }

    private static Result anomaly(String metric, Granularity granularity, AlertCondition.Anomaly a, LocalDate period,
            double observed, List<Double> history, Map<LocalDate, Double> values, String on) {
        String against = granularity == Granularity.DAY
                ? "the same weekday over the previous " + a.periods() + " weeks"
                : "the previous " + a.periods() + " " + unit(granularity, a.periods());
        if (history.size() < a.minHistory()) {
            return new Result(Outcome.INSUFFICIENT_DATA, period, observed, null, null, null, metric + on + ": " + history.size()
                    + " values in " + against + ", the rule needs at least " + a.minHistory());
        }
        double median = median(history);
        double z;
        if (granularity == Granularity.DAY && median != 0) {
            z = (observed / median - 1) / pooledRelativeScale(period, a.periods(), values);
        } else {
            z = (observed - median) / scale(history, median);
        }
        boolean fires = a.direction().reached(z, a.zThreshold());
        return new Result(fires ? Outcome.FIRING : Outcome.CLEAR, period, observed, median, median, z,
                metric + " is " + number(observed) + on + ", robust z-score " + String.format(Locale.ROOT, "%.2f", z)
                        + " against the median " + number(median) + " of " + against + " (the rule's limit: "
                        + number(a.zThreshold()) + ")");
    }

    /**
     * The spread of a daily series around its weekly pattern, relative to the level: every day of the {@code weeks}
     * weeks before {@code period} is compared with the median of its weekday in those weeks ({@code x / median - 1}),
     * and the scale is 1.4826 × the median of those residuals' absolute values. Pooling all seven weekdays gives the
     * MAD seven times the values one weekday alone has (8 weeks: 56, not 8): with 8 values the MAD is too unsteady, and
     * a day of ordinary noise would often reach a z of 4. Residuals are relative because a weekend twice as busy is
     * also twice as noisy in absolute users.
     */
    static double pooledRelativeScale(LocalDate period, int weeks, Map<LocalDate, Double> values) {
        List<Double> residuals = new ArrayList<>();
        for (int offset = 1; offset <= 7; offset++) {
            LocalDate latest = period.minusDays(offset);
            List<Double> weekday = new ArrayList<>();
            for (int w = 0; w < weeks; w++) {
                Double v = values.get(latest.minusWeeks(w));
                if (v != null) {
                    weekday.add(v);
                }
            }
            if (weekday.isEmpty()) {
                continue;
            }
            double m = median(weekday);
            if (m != 0) {
                weekday.forEach(v -> residuals.add(Math.abs(v / m - 1)));
            }
        }
        double mad = residuals.isEmpty() ? 0 : median(residuals);
        if (mad > 0) {
            return MAD_SCALE * mad;
        }
        double mean = residuals.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        // a perfectly regular history: any change of 1% counts as one unit of spread
        return mean > 0 ? MEAN_ABSOLUTE_DEVIATION_SCALE * mean : 0.01;
    }

    /**
     * The spread a z-score divides by: 1.4826 × MAD; when the MAD is 0, 1.2533 × the mean absolute deviation; when
     * that is 0 too (a constant history), 1% of the median (or 1e-9 for a median of 0), so any real change of a
     * constant stands out without dividing by zero.
     */
    static double scale(List<Double> history, double median) {
        double[] deviations = history.stream().mapToDouble(v -> Math.abs(v - median)).toArray();
        double mad = median(Arrays.stream(deviations).boxed().toList());
        if (mad > 0) {
            return MAD_SCALE * mad;
        }
        double meanDeviation = Arrays.stream(deviations).average().orElse(0);
        if (meanDeviation > 0) {
            return MEAN_ABSOLUTE_DEVIATION_SCALE * meanDeviation;
        }
        return median == 0 ? 1e-9 : Math.abs(median) * 0.01;
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        if (n == 0) {
            throw new IllegalArgumentException("no values");
        }
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static LocalDate minus(Granularity granularity, LocalDate period, int n) {
        return switch (granularity) {
            case DAY -> period.minusDays(n);
            case WEEK -> period.minusWeeks(n);
            case MONTH -> period.minusMonths(n);
            case TOTAL -> throw new IllegalArgumentException("a rule is not judged over a total");
        };
    }

    private static String unit(Granularity granularity, int n) {
        return granularity.wireName() + (n == 1 ? "" : "s");
    }

    private static String number(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private static String percent(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
