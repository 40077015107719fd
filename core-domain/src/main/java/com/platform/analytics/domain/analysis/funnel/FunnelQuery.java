package com.platform.analytics.domain.analysis.funnel;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.json.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import com.platform.analytics.domain.time.Zones;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

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
    public static final int MAX_DAYS = 366;
    public static final int MAX_FILTERS_PER_STEP = 20;
    public static final int MAX_LIST_VALUES = 1000;
    public static final Duration DEFAULT_WINDOW = Duration.ofDays(14);
    public static final Duration MAX_WINDOW = Duration.ofDays(366);
    private static final Pattern EVENT_TYPE = Pattern.compile("[A-Za-z0-9_.\\-]{1,200}");
    private static final Set<String> KEYS = Set.of("from", "to", "tz", "window", "steps", "breakdown");

    public FunnelQuery {
        requireNonNull(from, "from is null");
        requireNonNull(to, "to is null");
        requireNonNull(zone, "zone is null");
        requireNonNull(window, "window is null");
        steps = List.copyOf(steps);
        requireNonNull(breakdown, "breakdown is null");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to is before from");
        }
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

    /** The first instant of {@code from} in the zone: chains start at or after it. */
    public Instant start() {
        return from.atStartOfDay(zone).toInstant();
    }

    /** The first instant after {@code to} in the zone: chains start before it. */
    public Instant end() {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }

    /** The path of the breakdown property below {@code data}. */
    public Optional<List<String>> breakdownPath() {
        return breakdown.map(PropertyFilter::pathOf);
    }

    /** Reads a request body; anything wrong is an INVALID_QUERY_PARAMETERS naming its JSON pointer. */
    public static FunnelQuery parse(Object body) {
        if (!(body instanceof Map<?, ?> map)) {
            throw invalid("", "the body must be a JSON object");
        }
        for (Object key : map.keySet()) {
            if (!KEYS.contains(key)) {
                throw invalid("/" + key, "unknown field '" + key + "'; known: from, to, tz, window, steps, breakdown");
            }
        }
        LocalDate from = date(map.get("from"), "from");
        LocalDate to = date(map.get("to"), "to");
        if (to.isBefore(from)) {
            throw invalid("/to", "to (" + to + ") is before from (" + from + ")");
        }
        if (from.plusDays(MAX_DAYS - 1).isBefore(to)) {
            throw invalid("/to", "the range is longer than " + MAX_DAYS + " days");
        }
        ZoneId zone = zone(map.get("tz"));
        Duration window = window(map.get("window"));
        Object stepsJson = map.get("steps");
        if (!(stepsJson instanceof List<?> list)) {
            throw invalid("/steps", "steps must be an array of " + MIN_STEPS + ".." + MAX_STEPS + " steps");
        }
        if (list.size() < MIN_STEPS || list.size() > MAX_STEPS) {
            throw invalid("/steps", "a funnel has " + MIN_STEPS + ".." + MAX_STEPS + " steps; got " + list.size());
        }
        List<FunnelStep> steps = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            steps.add(step(list.get(i), "/steps/" + i));
        }
        Optional<String> breakdown = Optional.empty();
        Object b = map.get("breakdown");
        if (b != null && b != Json.NULL) {
            breakdown = Optional.of(field(b, "/breakdown"));
        }
        return new FunnelQuery(from, to, zone, window, steps, breakdown);
    }

    private static FunnelStep step(Object json, String pointer) {
        if (!(json instanceof Map<?, ?> map)) {
            throw invalid(pointer, "a step must be an object with event and optional filters");
        }
        for (Object key : map.keySet()) {
            if (!"event".equals(key) && !"filters".equals(key)) {
                throw invalid(pointer + "/" + key, "unknown field '" + key + "'; known: event, filters");
            }
        }
        Object event = map.get("event");
        if (!(event instanceof String type) || !EVENT_TYPE.matcher(type).matches()) {
            throw invalid(pointer + "/event", "event must be an event type such as com.platform.user.login.v1");
        }
        List<PropertyFilter> filters = new ArrayList<>();
        Object fs = map.get("filters");
        if (fs != null && fs != Json.NULL) {
            if (!(fs instanceof List<?> list)) {
                throw invalid(pointer + "/filters", "filters must be an array");
            }
            if (list.size() > MAX_FILTERS_PER_STEP) {
                throw invalid(pointer + "/filters", "at most " + MAX_FILTERS_PER_STEP + " filters per step");
            }
            for (int j = 0; j < list.size(); j++) {
                filters.add(filter(list.get(j), pointer + "/filters/" + j));
            }
        }
        return new FunnelStep(type, filters);
    }

    private static PropertyFilter filter(Object json, String pointer) {
        if (!(json instanceof Map<?, ?> map)) {
            throw invalid(pointer, "a filter must be an object with field, op and value");
        }
        for (Object key : map.keySet()) {
            if (!"field".equals(key) && !"op".equals(key) && !"value".equals(key)) {
                throw invalid(pointer + "/" + key, "unknown field '" + key + "'; known: field, op, value");
            }
        }
        String field = field(map.get("field"), pointer + "/field");
        Object opJson = map.get("op");
        FilterOperator op = opJson instanceof String s ? FilterOperator.parse(s) : null;
        if (op == null) {
            throw invalid(pointer + "/op", "op must be one of eq, neq, in, not_in, gt, gte, lt, lte, contains");
        }
        Object value = map.get("value");
        List<Object> values = new ArrayList<>();
        if (op.takesList()) {
            if (!(value instanceof List<?> list) || list.isEmpty() || list.size() > MAX_LIST_VALUES) {
                throw invalid(pointer + "/value", op.wireName() + " takes an array of 1.." + MAX_LIST_VALUES + " values");
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
                throw invalid(pointer + "/value/" + k, "the values must be all strings or all numbers");
            }
        }
        if (op == FilterOperator.CONTAINS && numeric) {
            throw invalid(pointer + "/value", "contains takes a string");
        }
        return new PropertyFilter(field, op, values);
    }

    private static Object scalar(Object value, String pointer) {
        if (value instanceof String s) {
            if (s.length() > 1000) {
                throw invalid(pointer, "a value is at most 1000 characters");
            }
            return s;
        }
        if (value instanceof Long || value instanceof BigInteger || value instanceof BigDecimal) {
            BigDecimal d = new BigDecimal(value.toString());
            if (d.abs().compareTo(BigDecimal.valueOf(1e15)) > 0 || d.scale() > 9) {
                throw invalid(pointer, "a number filter value must be within ±1e15 with at most 9 decimals");
            }
            return d;
        }
        throw invalid(pointer, "a value must be a string or a number; got " + Json.typeName(value));
    }

    private static String field(Object json, String pointer) {
        if (!(json instanceof String s) || !PropertyFilter.FIELD.matcher(s).matches()) {
            throw invalid(pointer, "a field is a property path such as data.platform or data.item.rarity "
                    + "(data. and up to five names of letters, digits and underscores)");
        }
        return s;
    }

    private static LocalDate date(Object json, String name) {
        if (!(json instanceof String s)) {
            throw invalid("/" + name, name + " is required, as a date YYYY-MM-DD");
        }
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw invalid("/" + name, name + " must be a date YYYY-MM-DD; got '" + s + "'");
        }
    }

    private static ZoneId zone(Object json) {
        if (json == null || json == Json.NULL) {
            return ZoneOffset.UTC;
        }
        String message = "tz must be " + Zones.EXPECTED;
        if (!(json instanceof String s)) {
            throw invalid("/tz", message);
        }
        return Zones.parse(s).orElseThrow(() -> invalid("/tz", message + "; got '" + s + "'"));
    }

    /** ISO-8601: {@code P7D}, {@code PT36H}, {@code P2W}; months and years are refused (their length varies). */
    private static Duration window(Object json) {
        if (json == null || json == Json.NULL) {
            return DEFAULT_WINDOW;
        }
        String message = "window must be an ISO-8601 duration of days, weeks, hours, minutes or seconds "
                + "(such as P7D, P2W, PT36H), above zero and at most 366 days";
        if (!(json instanceof String s)) {
            throw invalid("/window", message);
        }
        Duration d;
        try {
            d = Duration.parse(s);
        } catch (DateTimeParseException e) {
            try {
                Period p = Period.parse(s);
                if (p.getYears() != 0 || p.getMonths() != 0) {
                    throw invalid("/window", message + "; got '" + s + "'");
                }
                d = Duration.ofDays(p.getDays());
            } catch (DateTimeParseException e2) {
                throw invalid("/window", message + "; got '" + s + "'");
            }
        }
        if (d.isNegative() || d.isZero() || d.compareTo(MAX_WINDOW) > 0 || d.getNano() % 1_000_000 != 0) {
            throw invalid("/window", message + "; got '" + s + "'");
        }
        return d;
    }

    static AnalyticsException invalid(String pointer, String detail) {
        return new AnalyticsException(ErrorCode.INVALID_QUERY_PARAMETERS, detail, null, pointer, null);
    }
}
