package com.platform.analytics.domain.analysis.funnel;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.analysis.AnalysisRange;
import com.platform.analytics.domain.analysis.BodyFields;
import com.platform.analytics.domain.json.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A funnel request (KPI_DEFINITIONS.md, Funnels): chains start at step-1 events whose time falls on the days
 * [{@code from}, {@code to}] in {@code zone}; each later step must follow within {@code window} of its chain's
 * step-1 event.
 *
 * @param breakdown a property path of the step-1 event (as in {@link PropertyFilter#FIELD}), or empty
 */
public record FunnelQuery(LocalDate from, LocalDate to, ZoneId zone, Duration window, List<FunnelStep> steps,
        Optional<String> breakdown) {
    public static final int MIN_STEPS = 2;
    public static final int MAX_STEPS = 20;
    /** A year and a day at most: a funnel reads every event of its steps' types, unlike the mart-backed analyses. */
    public static final int MAX_DAYS = 366;
    public static final int MAX_FILTERS_PER_STEP = 20;
    public static final int MAX_LIST_VALUES = 1000;
    public static final Duration DEFAULT_WINDOW = Duration.ofDays(14);
    public static final Duration MAX_WINDOW = Duration.ofDays(366);
    private static final Set<String> FIELDS = AnalysisRange.fieldsWith("window", "steps", "breakdown");

    public FunnelQuery {
        new AnalysisRange(from, to, zone); // its checks: no nulls, to not before from
        requireNonNull(window, "window is null");
        steps = List.copyOf(steps);
        requireNonNull(breakdown, "breakdown is null");
        if (steps.size() < MIN_STEPS || steps.size() > MAX_STEPS) {
            throw new IllegalArgumentException("a funnel has 2..20 steps");
        }
        if (window.isNegative() || window.isZero() || window.compareTo(MAX_WINDOW) > 0) {
            throw new IllegalArgumentException("window must be positive and at most 366 days");
        }
        breakdown.ifPresent(b -> {
            if (!PropertyFilter.FIELD.matcher(b).matches()) {
                throw new IllegalArgumentException("not a property path: " + b);
            }
        });
    }

    public AnalysisRange range() {
        return new AnalysisRange(from, to, zone);
    }

    /** The first instant of {@code from} in the zone: chains start at or after it. */
    public Instant start() {
        return range().start();
    }

    /** The first instant after {@code to} in the zone: chains start before it. */
    public Instant end() {
        return range().end();
    }

    /** The path of the breakdown property below {@code data}. */
    public Optional<List<String>> breakdownPath() {
        return breakdown.map(PropertyFilter::pathOf);
    }

    /** Reads a request body; anything wrong is an INVALID_QUERY_PARAMETERS naming its JSON pointer. */
    public static FunnelQuery parse(Object body) {
        BodyFields fields = BodyFields.of(body, FIELDS);
        AnalysisRange range = AnalysisRange.read(fields, MAX_DAYS);
        Duration window = fields.duration("window", DEFAULT_WINDOW, MAX_WINDOW);
        Object stepsJson = fields.value("steps");
        if (!(stepsJson instanceof List<?> list)) {
            throw BodyFields.invalidAt("/steps", "steps must be an array of " + MIN_STEPS + ".." + MAX_STEPS + " steps");
        }
        if (list.size() < MIN_STEPS || list.size() > MAX_STEPS) {
            throw BodyFields.invalidAt("/steps", "a funnel has " + MIN_STEPS + ".." + MAX_STEPS + " steps; got " + list.size());
        }
        List<FunnelStep> steps = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            steps.add(step(list.get(i), "/steps/" + i));
        }
        Optional<String> breakdown = Optional.empty();
        if (fields.has("breakdown")) {
            breakdown = Optional.of(field(fields.value("breakdown"), "/breakdown"));
        }
        return new FunnelQuery(range.from(), range.to(), range.zone(), window, steps, breakdown);
    }

    private static FunnelStep step(Object json, String pointer) {
        if (!(json instanceof Map<?, ?> map)) {
            throw BodyFields.invalidAt(pointer, "a step must be an object with event and optional filters");
        }
        for (Object key : map.keySet()) {
            if (!"event".equals(key) && !"filters".equals(key)) {
                throw BodyFields.invalidAt(pointer + "/" + key, "unknown field '" + key + "'; known: event, filters");
            }
        }
        String type = BodyFields.eventTypeAt(map.get("event"), pointer + "/event", "event");
        List<PropertyFilter> filters = new ArrayList<>();
        Object fs = map.get("filters");
        if (fs != null && fs != Json.NULL) {
            if (!(fs instanceof List<?> list)) {
                throw BodyFields.invalidAt(pointer + "/filters", "filters must be an array");
            }
            if (list.size() > MAX_FILTERS_PER_STEP) {
                throw BodyFields.invalidAt(pointer + "/filters", "at most " + MAX_FILTERS_PER_STEP + " filters per step");
            }
            for (int j = 0; j < list.size(); j++) {
                filters.add(filter(list.get(j), pointer + "/filters/" + j));
            }
        }
        return new FunnelStep(type, filters);
    }

    private static PropertyFilter filter(Object json, String pointer) {
        if (!(json instanceof Map<?, ?> map)) {
            throw BodyFields.invalidAt(pointer, "a filter must be an object with field, op and value");
        }
        for (Object key : map.keySet()) {
            if (!"field".equals(key) && !"op".equals(key) && !"value".equals(key)) {
                throw BodyFields.invalidAt(pointer + "/" + key, "unknown field '" + key + "'; known: field, op, value");
            }
        }
        String field = field(map.get("field"), pointer + "/field");
        Object opJson = map.get("op");
        FilterOperator op = opJson instanceof String s ? FilterOperator.parse(s) : null;
        if (op == null) {
            throw BodyFields.invalidAt(pointer + "/op", "op must be one of eq, neq, in, not_in, gt, gte, lt, lte, contains");
        }
        Object value = map.get("value");
        List<Object> values = new ArrayList<>();
        if (op.takesList()) {
            if (!(value instanceof List<?> list) || list.isEmpty() || list.size() > MAX_LIST_VALUES) {
                throw BodyFields.invalidAt(pointer + "/value", op.wireName() + " takes an array of 1.." + MAX_LIST_VALUES + " values");
            }
            for (int k = 0; k < list.size(); k++) {
                values.add(scalar(list.get(k), pointer + "/value/" + k));
            }
        } else {
            values.add(scalar(value, pointer + "/value"));
        }
        boolean numeric = values.get(0) instanceof BigDecimal;
        for (int k = 0; k < values.size(); k++) {
            if ((values.get(k) instanceof BigDecimal) != numeric) {
                throw BodyFields.invalidAt(pointer + "/value/" + k, "the values must be all strings or all numbers");
            }
        }
        if (op == FilterOperator.CONTAINS && numeric) {
            throw BodyFields.invalidAt(pointer + "/value", "contains takes a string");
        }
        return new PropertyFilter(field, op, values);
    }

    private static Object scalar(Object value, String pointer) {
        if (value instanceof String s) {
            if (s.length() > 1000) {
                throw BodyFields.invalidAt(pointer, "a value is at most 1000 characters");
            }
            return s;
        }
        if (value instanceof Long || value instanceof BigInteger || value instanceof BigDecimal) {
            BigDecimal d = new BigDecimal(value.toString());
            if (d.abs().compareTo(BigDecimal.valueOf(1e15)) > 0 || d.scale() > 9) {
                throw BodyFields.invalidAt(pointer, "a number filter value must be within ±1e15 with at most 9 decimals");
            }
            return d;
        }
        throw BodyFields.invalidAt(pointer, "a value must be a string or a number; got " + Json.typeName(value));
    }

    private static String field(Object json, String pointer) {
        if (!(json instanceof String s) || !PropertyFilter.FIELD.matcher(s).matches()) {
            throw BodyFields.invalidAt(pointer, "a field is a property path such as data.platform or data.item.rarity "
                    + "(data. and up to five names of letters, digits and underscores)");
        }
        return s;
    }

}
