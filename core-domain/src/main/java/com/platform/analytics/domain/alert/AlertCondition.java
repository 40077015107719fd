package com.platform.analytics.domain.alert;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.analysis.BodyFields;
import com.platform.analytics.domain.json.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * When a rule fires, judged on the latest complete period of its metric. JSON (the {@code condition} of a rule):
 * <ul>
 *   <li>{@code {"type":"threshold","operator":"<","value":10000}};</li>
 *   <li>{@code {"type":"relative_change","direction":"drop","percent":30,"periods":7,"baseline":"previous_periods"}}:
 *       the observed value against the mean of the previous {@code periods} periods ({@code same_weekday}: the same
 *       weekday of the previous {@code periods} weeks, daily rules only);</li>
 *   <li>{@code {"type":"anomaly","periods":8,"zThreshold":6,"minHistory":4,"direction":"both"}}: a robust z-score
 *       against the median and MAD of the comparable previous periods (for a daily rule the same weekday of the
 *       previous {@code periods} weeks, so weekly seasonality is the baseline, not an anomaly; the spread is then
 *       pooled over every weekday of those weeks, see {@link AlertEvaluation#pooledRelativeScale}).</li>
 * </ul>
 */
public sealed interface AlertCondition {
    int MAX_PERIODS = 104;

    /** The comparable previous periods the condition reads, before the evaluated one. */
    int periodsOfHistory();

    Map<String, Object> toJson();

    /** Fires when {@code observed operator value}. */
    record Threshold(ComparisonOperator operator, double value) implements AlertCondition {
        public Threshold {
            requireNonNull(operator, "operator is null");
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("value must be finite, got " + value);
            }
        }

        @Override
        public int periodsOfHistory() {
            return 0;
        }

        @Override
        public Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("type", "threshold");
            json.put("operator", operator.symbol());
            json.put("value", value);
            return json;
        }
    }

    /** Where a relative change's baseline comes from. */
    enum Baseline {
        /** The {@code periods} periods right before the evaluated one. */
        PREVIOUS_PERIODS,
        /** The same weekday of the {@code periods} weeks before (daily rules). */
        SAME_WEEKDAY;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Baseline parse(String text) {
            for (Baseline b : values()) {
                if (b.wireName().equals(text)) {
                    return b;
                }
            }
            return null;
        }
    }

    /** Fires when the observed value is at least {@code percent}% below (drop) or above (rise) the baseline's mean. */
    record RelativeChange(Direction direction, double percent, int periods, Baseline baseline) implements AlertCondition {
        public RelativeChange {
            requireNonNull(direction, "direction is null");
            requireNonNull(baseline, "baseline is null");
            if (!(percent > 0) || !Double.isFinite(percent)) {
                throw new IllegalArgumentException("percent must be above 0, got " + percent);
            }
            if (periods < 1 || periods > MAX_PERIODS) {
                throw new IllegalArgumentException("periods must be 1.." + MAX_PERIODS + ", got " + periods);
            }
        }

        @Override
        public int periodsOfHistory() {
            return periods;
        }

        @Override
        public Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("type", "relative_change");
            json.put("direction", direction.wireName());
            json.put("percent", percent);
            json.put("periods", periods);
            json.put("baseline", baseline.wireName());
            return json;
        }
    }

    /**
     * Fires when the robust z-score of the observed value against the median of the comparable previous periods reaches
     * {@code zThreshold} in {@code direction}, given at least {@code minHistory} of them have a value. Weekly and monthly
     * rules divide by 1.4826 × the MAD of those periods; daily rules by the pooled relative spread around the weekly
     * pattern.
     */
    record Anomaly(int periods, double zThreshold, int minHistory, Direction direction) implements AlertCondition {
        public Anomaly {
            requireNonNull(direction, "direction is null");
            if (periods < 3 || periods > MAX_PERIODS) {
                throw new IllegalArgumentException("periods must be 3.." + MAX_PERIODS + ", got " + periods);
            }
            if (!(zThreshold > 0) || !Double.isFinite(zThreshold)) {
                throw new IllegalArgumentException("zThreshold must be above 0, got " + zThreshold);
            }
            if (minHistory < 3 || minHistory > periods) {
                throw new IllegalArgumentException("minHistory must be 3..periods, got " + minHistory);
            }
        }

        @Override
        public int periodsOfHistory() {
            return periods;
        }

        @Override
        public Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("type", "anomaly");
            json.put("periods", periods);
            json.put("zThreshold", zThreshold);
            json.put("minHistory", minHistory);
            json.put("direction", direction.wireName());
            return json;
        }
    }

    /**
     * Reads a condition; every problem names its member under {@code pointer} ({@code /condition/percent}).
     *
     * @throws com.platform.analytics.domain.error.AnalyticsException INVALID_QUERY_PARAMETERS with the pointer
     */
    static AlertCondition parse(Object json, String pointer) {
        if (!(json instanceof Map<?, ?> map)) {
            throw BodyFields.invalidAt(pointer, "condition must be an object such as {\"type\":\"threshold\",\"operator\":\"<\",\"value\":100}");
        }
        Object type = map.get("type");
        if (!(type instanceof String t)) {
            throw BodyFields.invalidAt(pointer + "/type", "condition type is required: threshold, relative_change or anomaly");
        }
        Fields f = new Fields(map, pointer);
        return switch (t) {
            case "threshold" -> {
                f.only(Set.of("type", "operator", "value"));
                String op = f.string("operator", null);
                ComparisonOperator operator = op == null ? null : ComparisonOperator.parse(op);
                if (operator == null) {
                    throw f.invalid("operator", "operator must be one of >, >=, <, <=; got " + (op == null ? "nothing" : "'" + op + "'"));
                }
                yield new Threshold(operator, f.number("value", null, -Double.MAX_VALUE, false));
            }
            case "relative_change" -> {
                f.only(Set.of("type", "direction", "percent", "periods", "baseline"));
                Direction direction = f.direction("direction", Direction.DROP);
                double percent = f.number("percent", null, 0, true);
                if (percent > 1000) {
                    throw f.invalid("percent", "percent must be at most 1000; got " + percent);
                }
                int periods = f.integer("periods", 7, 1, MAX_PERIODS);
                String b = f.string("baseline", Baseline.PREVIOUS_PERIODS.wireName());
                Baseline baseline = Baseline.parse(b);
                if (baseline == null) {
                    throw f.invalid("baseline", "baseline must be previous_periods or same_weekday; got '" + b + "'");
                }
                yield new RelativeChange(direction, percent, periods, baseline);
            }
            case "anomaly" -> {
                f.only(Set.of("type", "periods", "zThreshold", "minHistory", "direction"));
                int periods = f.integer("periods", 8, 3, MAX_PERIODS);
                // 6, not the textbook 3.5: the baseline is a median of a few weeks, whose own error makes ordinary
                // days of a 2%-noise series reach |z| 4 to 6 about once in 200 evaluations (SeasonalDauDropTest)
                double z = f.has("zThreshold") ? f.number("zThreshold", null, 0, true) : 6;
                int minHistory = f.integer("minHistory", Math.min(4, periods), 3, periods);
                yield new Anomaly(periods, z, minHistory, f.direction("direction", Direction.BOTH));
            }
            default -> throw BodyFields.invalidAt(pointer + "/type",
                    "condition type must be threshold, relative_change or anomaly; got '" + t + "'");
        };
    }

    /** The members of a condition object, read with errors that name them. */
    final class Fields {
        private final Map<?, ?> map;
        private final String pointer;

        private Fields(Map<?, ?> map, String pointer) {
            this.map = map;
            this.pointer = pointer;
        }

        void only(Set<String> known) {
            for (Object name : map.keySet()) {
                if (!known.contains(name)) {
                    throw BodyFields.invalidAt(pointer + "/" + name, "unknown condition member '" + name + "'; known: "
                            + String.join(", ", known.stream().sorted().toList()));
                }
            }
        }

        boolean has(String name) {
            return map.get(name) != null && map.get(name) != Json.NULL;
        }

        RuntimeException invalid(String name, String detail) {
            return BodyFields.invalidAt(pointer + "/" + name, detail);
        }

        String string(String name, String fallback) {
            if (!has(name)) {
                return fallback;
            }
            if (map.get(name) instanceof String s) {
                return s;
            }
            throw invalid(name, name + " must be a string, not " + Json.typeName(map.get(name)));
        }

        Direction direction(String name, Direction fallback) {
            String text = string(name, fallback.wireName());
            Direction d = Direction.parse(text);
            if (d == null) {
                throw invalid(name, name + " must be drop, rise or both; got '" + text + "'");
            }
            return d;
        }

        /** A number; above {@code min} (strictly when {@code exclusive}); required when {@code fallback} is null. */
        double number(String name, Double fallback, double min, boolean exclusive) {
            if (!has(name)) {
                if (fallback == null) {
                    throw invalid(name, name + " is required (a number)");
                }
                return fallback;
            }
            Object v = map.get(name);
            double d;
            if (v instanceof Long l) {
                d = l;
            } else if (v instanceof BigDecimal b) {
                d = b.doubleValue();
            } else if (v instanceof BigInteger b) {
                d = b.doubleValue();
            } else {
                throw invalid(name, name + " must be a number, not " + Json.typeName(v));
            }
            if (!Double.isFinite(d) || (exclusive ? d <= min : d < min)) {
                throw invalid(name, name + " must be " + (exclusive ? "above " : "at least ") + min + "; got " + v);
            }
            return d;
        }

        int integer(String name, int fallback, int min, int max) {
            if (!has(name)) {
                return fallback;
            }
            Object v = map.get(name);
            if (!(v instanceof Long l) || l < min || l > max) {
                throw invalid(name, name + " must be an integer " + min + ".." + max + "; got " + (v instanceof Long || v instanceof BigDecimal ? v : Json.typeName(v)));
            }
            return l.intValue();
        }
    }
}
