package com.platform.analytics.domain.analysis.experiment;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.analysis.AnalysisRange;
import com.platform.analytics.domain.analysis.BodyFields;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
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
    public static final Duration DEFAULT_WINDOW = Duration.ofDays(14);
    public static final Duration MAX_WINDOW = Duration.ofDays(366);
    private static final Set<String> FIELDS = AnalysisRange.fieldsWith("goal", "window", "metric");

    public ExperimentQuery {
        requireNonNull(experimentKey, "experimentKey is null");
        new AnalysisRange(from, to, zone); // its checks: no nulls, to not before from
        requireNonNull(window, "window is null");
        requireNonNull(metric, "metric is null");
        if ((metric == ExperimentMetric.CONVERSION) != (goalEvent != null)) {
            throw new IllegalArgumentException("a goal event is needed for conversion, and only for it");
        }
        if (window.isNegative() || window.isZero() || window.compareTo(MAX_WINDOW) > 0) {
            throw new IllegalArgumentException("window must be positive and at most " + MAX_WINDOW);
        }
    }

    public AnalysisRange range() {
        return new AnalysisRange(from, to, zone);
    }

    /** The first instant of {@code from} in the zone: first exposures from here on are analysed. */
    public Instant exposedFrom() {
        return range().start();
    }

    /** The first instant after {@code to} in the zone: exposures before it are considered. */
    public Instant exposedUntil() {
        return range().end();
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
        BodyFields fields = new BodyFields(body, FIELDS);
        AnalysisRange range = AnalysisRange.read(fields);
        ExperimentMetric metric = fields.choice("metric", ExperimentMetric.CONVERSION, ExperimentMetric::parse,
                "conversion or revenue");
        String goal = goal(fields.value("goal"), metric);
        Duration window = fields.duration("window", DEFAULT_WINDOW, MAX_WINDOW);
        return new ExperimentQuery(experimentKey, range.from(), range.to(), range.zone(), goal, window, metric);
    }

    private static String goal(Object value, ExperimentMetric metric) {
        boolean absent = value == null || value == Json.NULL;
        if (metric == ExperimentMetric.REVENUE) {
            if (!absent) {
                throw BodyFields.invalidAt("/goal", "the revenue metric takes no goal: it is net revenue (payments minus refunds) "
                        + "per exposed user");
            }
            return null;
        }
        if (absent) {
            throw BodyFields.invalidAt("/goal", "goal is required for the conversion metric: {\"event\": \"<event type>\"}");
        }
        if (!(value instanceof Map<?, ?> goal)) {
            throw BodyFields.invalidAt("/goal", "goal must be an object {\"event\": \"<event type>\"}, got " + Json.typeName(value));
        }
        for (Object key : goal.keySet()) {
            if (!"event".equals(key)) {
                throw BodyFields.invalidAt("/goal/" + key, "unknown field '" + key + "' in goal; known: event");
            }
        }
        return BodyFields.eventTypeAt(goal.get("event"), "/goal/event", "goal.event");
    }
}
