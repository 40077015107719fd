package com.platform.analytics.domain.metric;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BinaryOperator;

/**
 * Computes a built-in metric from base measures, exactly as KPI_DEFINITIONS.md defines it.
 *
 * <p>Period rules: distinct-user metrics are distinct over the bucket (never a sum of days); {@code wau} and
 * {@code mau} of a week, month or total bucket are their rolling values on the bucket's last day in range;
 * {@code stickiness} of such a bucket is the mean daily {@code dau} over its days in range divided by the
 * {@code mau} of its last day; ratios are undefined (null) where their denominator is zero, except
 * stickiness, which is 0 where {@code mau} is 0.
 */
public final class MetricCalculator {
    private static final MathContext DIVISION = new MathContext(20, RoundingMode.HALF_EVEN);

    private final MeasureSource source;

    public MetricCalculator(MeasureSource source) {
        this.source = source;
    }

    public MetricValues compute(BuiltInMetric metric, MetricValuesQuery q) {
        Granularity g = q.granularity();
        Values values = switch (metric) {
            case DAU -> fetch(Measure.ACTIVE_USERS, g, q);
            case WAU -> rollingAtBucketEnd(Measure.ACTIVE_USERS_ROLLING_7D, q);
            case MAU -> rollingAtBucketEnd(Measure.ACTIVE_USERS_ROLLING_30D, q);
            case STICKINESS -> stickiness(q);
            case NEW_USERS -> fetch(Measure.NEW_USERS, g, q);
            case PAYING_USERS -> fetch(Measure.PAYING_USERS, g, q);
            case GROSS_REVENUE -> fetch(Measure.GROSS_REVENUE, g, q);
            case REFUNDS -> fetch(Measure.REFUNDS, g, q);
            case NET_REVENUE -> net(q);
            case ARPU -> divide(net(q), fetch(Measure.ACTIVE_USERS, g, q), false);
            case ARPPU -> divide(net(q), fetch(Measure.PAYING_USERS, g, q), false);
            case PAYING_CONVERSION -> divide(fetch(Measure.PAYING_USERS, g, q), fetch(Measure.ACTIVE_USERS, g, q), false);
            case SESSIONS -> fetch(Measure.SESSIONS, g, q);
            case PLAYTIME_SECONDS -> fetch(Measure.PLAYTIME_SECONDS, g, q);
            case AVG_SESSION_SECONDS -> divide(fetch(Measure.PLAYTIME_SECONDS, g, q), fetch(Measure.SESSIONS, g, q), false);
        };
        boolean undefinedIsNull = switch (metric) {
            case ARPU, ARPPU, PAYING_CONVERSION, AVG_SESSION_SECONDS -> true;
            default -> false;
        };
        return new MetricValues(q, metric.unit(), toSeries(metric, q, values, undefinedIsNull));
    }

    private Values net(MetricValuesQuery q) {
        return combine(fetch(Measure.GROSS_REVENUE, q.granularity(), q), fetch(Measure.REFUNDS, q.granularity(), q),
                BigDecimal::subtract);
    }

    /** Dimension values -> bucket -> value; a missing entry is zero, a present null is undefined. */
    private static final class Values {
        final Map<List<String>, Map<LocalDate, BigDecimal>> byGroup = new LinkedHashMap<>();

        Map<LocalDate, BigDecimal> group(List<String> key) {
            return byGroup.computeIfAbsent(key, k -> new HashMap<>());
        }
    }

    private Values fetch(Measure measure, Granularity g, MetricValuesQuery q) {
        Values v = new Values();
        for (MeasureRow row : source.measure(new MeasureQuery(measure, q.from(), q.to(), g, q.zone(), q.dimensions(), q.filters()))) {
            v.group(row.dimensionValues()).merge(row.bucket(), row.value(), BigDecimal::add);
        }
        return v;
    }

    private Values rollingAtBucketEnd(Measure measure, MetricValuesQuery q) {
        Values daily = fetch(measure, Granularity.DAY, q);
        if (q.granularity() == Granularity.DAY) {
            return daily;
        }
        Values v = new Values();
        for (Map.Entry<List<String>, Map<LocalDate, BigDecimal>> e : daily.byGroup.entrySet()) {
            Map<LocalDate, BigDecimal> out = v.group(e.getKey());
            for (LocalDate bucket : q.granularity().buckets(q.from(), q.to())) {
                BigDecimal atEnd = e.getValue().get(q.granularity().lastDayInRange(bucket, q.to()));
                if (atEnd != null) {
                    out.put(bucket, atEnd);
                }
            }
        }
        return v;
    }

    private Values stickiness(MetricValuesQuery q) {
        Values dau = fetch(Measure.ACTIVE_USERS, Granularity.DAY, q);
        Values mau = rollingAtBucketEnd(Measure.ACTIVE_USERS_ROLLING_30D, q);
        Granularity g = q.granularity();
        Values meanDau = new Values();
        for (Map.Entry<List<String>, Map<LocalDate, BigDecimal>> e : dau.byGroup.entrySet()) {
            Map<LocalDate, BigDecimal> out = meanDau.group(e.getKey());
            for (Map.Entry<LocalDate, BigDecimal> day : e.getValue().entrySet()) {
                out.merge(g.bucketOf(day.getKey(), q.from()), day.getValue(), BigDecimal::add);
            }
            for (Map.Entry<LocalDate, BigDecimal> b : out.entrySet()) {
                b.setValue(b.getValue().divide(BigDecimal.valueOf(daysInRange(g, b.getKey(), q)), DIVISION));
            }
        }
        return divide(meanDau, mau, true);
    }

    private static long daysInRange(Granularity g, LocalDate bucket, MetricValuesQuery q) {
        LocalDate start = bucket.isBefore(q.from()) ? q.from() : bucket;
        // ChronoUnit, not Period.getDays(): a total bucket can span months
        return ChronoUnit.DAYS.between(start, g.lastDayInRange(bucket, q.to())) + 1L;
    }

    /** a op b per group and bucket, a missing value being zero; {@code op} may answer null (undefined). */
    private static Values combine(Values a, Values b, BinaryOperator<BigDecimal> op) {
        Values out = new Values();
        Set<List<String>> keys = new LinkedHashSet<>(a.byGroup.keySet());
        keys.addAll(b.byGroup.keySet());
        for (List<String> key : keys) {
            Map<LocalDate, BigDecimal> x = a.byGroup.getOrDefault(key, Map.of());
            Map<LocalDate, BigDecimal> y = b.byGroup.getOrDefault(key, Map.of());
            Set<LocalDate> buckets = new LinkedHashSet<>(x.keySet());
            buckets.addAll(y.keySet());
            Map<LocalDate, BigDecimal> o = out.group(key);
            for (LocalDate bucket : buckets) {
                o.put(bucket, op.apply(x.getOrDefault(bucket, BigDecimal.ZERO), y.getOrDefault(bucket, BigDecimal.ZERO)));
            }
        }
        return out;
    }

    /** a / b per group and bucket; where b is zero: zero if {@code zeroWhenUndefined}, else null. */
    private static Values divide(Values a, Values b, boolean zeroWhenUndefined) {
        return combine(a, b, (x, y) -> y.signum() == 0 ? (zeroWhenUndefined ? BigDecimal.ZERO : null) : x.divide(y, DIVISION));
    }

    private List<MetricSeries> toSeries(BuiltInMetric metric, MetricValuesQuery q, Values values, boolean undefinedIsNull) {
        List<LocalDate> buckets = q.granularity().buckets(q.from(), q.to());
        List<List<String>> groups = new ArrayList<>(values.byGroup.keySet());
        if (q.dimensions().isEmpty()) {
            groups = new ArrayList<>(List.of(List.of()));
        }
        groups.sort(Comparator.comparing(k -> String.join("\u0000", k)));
        List<MetricSeries> out = new ArrayList<>();
        for (List<String> group : groups) {
            Map<LocalDate, BigDecimal> byBucket = values.byGroup.getOrDefault(group, Map.of());
            List<MetricSeries.Point> points = new ArrayList<>(buckets.size());
            for (LocalDate bucket : buckets) {
                BigDecimal v;
                if (byBucket.containsKey(bucket)) {
                    v = byBucket.get(bucket);
                } else {
                    v = undefinedIsNull ? null : BigDecimal.ZERO;
                }
                points.add(new MetricSeries.Point(bucket, v == null ? null : round(metric, v)));
            }
            Map<String, String> dims = new LinkedHashMap<>();
            for (int i = 0; i < q.dimensions().size(); i++) {
                String value = group.get(i);
                dims.put(q.dimensions().get(i).fieldName(), value.isEmpty() ? null : value);
            }
            out.add(new MetricSeries(dims, points));
        }
        return out;
    }

    static BigDecimal round(BuiltInMetric metric, BigDecimal v) {
        return switch (metric.kind()) {
            case COUNT -> v.setScale(0, RoundingMode.HALF_UP);
            case MONEY -> v.setScale(2, RoundingMode.HALF_UP);
            case RATIO -> {
                BigDecimal r = v.setScale(4, RoundingMode.HALF_UP).stripTrailingZeros();
                yield r.scale() < 0 ? r.setScale(0) : r;  // 120, not 1.2E+2
            }
        };
    }
}
