package com.platform.analytics.domain.analysis.experiment;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import com.platform.analytics.domain.time.Zones;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A validated experiment analysis request. The users analysed are those whose first exposure to the experiment
 * falls on a day of [{@code from}, {@code to}] in {@code zone}; each belongs to the variant of that first exposure,
 * and a user exposed to two variants (by the end of {@code to}) is excluded and counted. Goal events and payments
 * count from the exposure's millisecond to exposure + {@code window}, both ends included, even past {@code to}.
 *
 * @param goalEvent the goal's event type for {@link ExperimentMetric#CONVERSION}; null for revenue
 */
public record ExperimentQuery(
        String experimentKey,
        LocalDate from,
        LocalDate to,
        ZoneId zone,
        String goalEvent,
        Duration window,
        ExperimentMetric metric) {

    /** The experiment key's form in the event contract (marketing.experiment.exposed). */
    private static final Pattern EXPERIMENT_KEY = Pattern.compile("[a-z0-9_\\-]{1,64}");
    private static final Pattern EVENT_TYPE = Pattern.compile("[A-Za-z0-9._\\-]{1,200}");
    public static final Duration DEFAULT_WINDOW = Duration.ofDays(14);
    public static final Duration MAX_WINDOW = Duration.ofDays(366);
    public static final int MAX_DAYS = 3660;
    private static final Set<String> FIELDS = Set.of("from", "to", "tz", "goal", "window", "metric");

    public ExperimentQuery {
        requireNonNull(experimentKey, "experimentKey is null");
        requireNonNull(from, "from is null");
        requireNonNull(to, "to is null");
        requireNonNull(zone, "zone is null");
        requireNonNull(window, "window is null");
        requireNonNull(metric, "metric is null");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to is before from");
        }
        if ((metric == ExperimentMetric.CONVERSION) != (goalEvent != null)) {
            throw new IllegalArgumentException("a goal event is needed for conversion, and only for it");
        }
        if (window.isNegative() || window.isZero() || window.compareTo(MAX_WINDOW) > 0) {
            throw new IllegalArgumentException("window must be positive and at most " + MAX_WINDOW);
        }
    }

    /** The first instant of {@code from} in the zone: first exposures from here on are analysed. */
    public Instant exposedFrom() {
        return from.atStartOfDay(zone).toInstant();
    }

    /** The first instant after {@code to} in the zone: exposures before it are considered. */
    public Instant exposedUntil() {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }

    /**
     * Parses a request body {@code {"from","to","tz","goal":{"event"},"window","metric"}} for the experiment
     * named in the path; errors name the JSON field ({@code source.pointer}).
     */
    public static ExperimentQuery parse(String experimentKey, Map<String, Object> body) {
        if (experimentKey == null || !EXPERIMENT_KEY.matcher(experimentKey).matches()) {
            throw AnalyticsException.invalidParameter("experimentKey", "the experiment key must be 1..64 of a-z, 0-9, _ "
                    + "and - (as in marketing.experiment.exposed)");
        }
        requireNonNull(body, "body is null");
        for (String field : body.keySet()) {
            if (!FIELDS.contains(field)) {
                throw invalid("/" + field, "unknown field '" + field + "'; known: from, to, tz, goal, window, metric");
            }
        }
        LocalDate from = date(body, "from");
        LocalDate to = date(body, "to");
        if (to.isBefore(from)) {
            throw invalid("/to", "to (" + to + ") is before from (" + from + ")");
        }
        if (from.plusDays(MAX_DAYS).isBefore(to)) {
            throw invalid("/to", "the range is longer than " + MAX_DAYS + " days");
        }
        String tz = text(body, "tz", "/tz");
        ZoneId zone = Zones.parse(tz).orElseThrow(() -> invalid("/tz", "tz must be " + Zones.EXPECTED + "; got '" + tz + "'"));
        ExperimentMetric metric = ExperimentMetric.CONVERSION;
        String metricText = text(body, "metric", "/metric");
        if (metricText != null) {
            metric = ExperimentMetric.parse(metricText);
            if (metric == null) {
                throw invalid("/metric", "metric must be conversion or revenue; got '" + metricText + "'");
            }
        }
        String goal = goal(body.get("goal"), metric);
        Duration window = DEFAULT_WINDOW;
        String windowText = text(body, "window", "/window");
        if (windowText != null) {
            window = window(windowText);
        }
        return new ExperimentQuery(experimentKey, from, to, zone, goal, window, metric);
    }

    private static String goal(Object value, ExperimentMetric metric) {
        boolean absent = value == null || value == Json.NULL;
        if (metric == ExperimentMetric.REVENUE) {
            if (!absent) {
                throw invalid("/goal", "the revenue metric takes no goal: it is net revenue (payments minus refunds) "
                        + "per exposed user");
            }
            return null;
        }
        if (absent) {
            throw invalid("/goal", "goal is required for the conversion metric: {\"event\": \"<event type>\"}");
        }
        if (!(value instanceof Map<?, ?> goal)) {
            throw invalid("/goal", "goal must be an object {\"event\": \"<event type>\"}, got " + Json.typeName(value));
        }
        for (Object key : goal.keySet()) {
            if (!"event".equals(key)) {
                throw invalid("/goal/" + key, "unknown field '" + key + "' in goal; known: event");
            }
        }
        if (!(goal.get("event") instanceof String event) || !EVENT_TYPE.matcher(event).matches()) {
            throw invalid("/goal/event", "goal.event must be an event type such as "
                    + "com.platform.payment.transaction.completed.v1");
        }
        return event;
    }

    /** An ISO-8601 duration of fixed length: {@code P14D}, {@code P2W}, {@code PT36H}, {@code P1DT12H}. */
    private static Duration window(String text) {
        Duration window;
        try {
            window = Duration.parse(text);
        } catch (DateTimeParseException notADuration) {
            try {
                Period period = Period.parse(text);
                if (period.getYears() != 0 || period.getMonths() != 0) {
                    throw invalid("/window", "window must have a fixed length (days, weeks, hours), not months or years; got '"
                            + text + "'");
                }
                window = Duration.ofDays(period.getDays());
            } catch (DateTimeParseException e) {
                throw invalid("/window", "window must be an ISO-8601 duration such as P14D or PT36H; got '" + text + "'");
            }
        }
        if (window.isNegative() || window.isZero() || window.compareTo(MAX_WINDOW) > 0) {
            throw invalid("/window", "window must be positive and at most 366 days; got '" + text + "'");
        }
        if (window.getNano() % 1_000_000 != 0) {
            throw invalid("/window", "window is counted in milliseconds at the finest; got '" + text + "'");
        }
        return window;
    }

    private static LocalDate date(Map<String, Object> body, String field) {
        String text = text(body, field, "/" + field);
        if (text == null) {
            throw invalid("/" + field, field + " is required (YYYY-MM-DD)");
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid("/" + field, field + " must be a date YYYY-MM-DD; got '" + text + "'");
        }
    }

    private static String text(Map<String, Object> body, String field, String pointer) {
        Object value = body.get(field);
        if (value == null || value == Json.NULL) {
            return null;
        }
        if (!(value instanceof String s)) {
            throw invalid(pointer, field + " must be a string, got " + Json.typeName(value));
        }
        return s;
    }

    private static AnalyticsException invalid(String pointer, String detail) {
        return new AnalyticsException(ErrorCode.INVALID_QUERY_PARAMETERS, detail, null, pointer, null);
    }

}
