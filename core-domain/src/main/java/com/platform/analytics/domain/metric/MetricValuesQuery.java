package com.platform.analytics.domain.metric;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.access.AccessPolicy;
import com.platform.analytics.domain.access.DataScope;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import java.time.LocalDate;
import com.platform.analytics.domain.time.Zones;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A validated request for a metric's values. {@link #parse} turns request parameters into one, naming the
 * parameter at fault in an {@code INVALID_QUERY_PARAMETERS} error.
 */
public record MetricValuesQuery(
        String metricName,
        LocalDate from,
        LocalDate to,
        Granularity granularity,
        ZoneId zone,
        List<Dimension> dimensions,
        Map<Dimension, Set<String>> filters) {

    /** The widest range one query may ask for: ten years of days. */
    public static final int MAX_DAYS = 3660;

    public MetricValuesQuery {
        requireNonNull(metricName, "metricName is null");
        requireNonNull(from, "from is null");
        requireNonNull(to, "to is null");
        requireNonNull(granularity, "granularity is null");
        requireNonNull(zone, "zone is null");
        dimensions = List.copyOf(dimensions);
        filters = Collections.unmodifiableMap(new LinkedHashMap<>(filters));
    }

    /**
     * This query restricted to what {@code scope} may read: for a developer, a filter on their developer id joins the
     * query's own (so the warehouse reads only their games' rows). A query naming another developer, or a game that is
     * not the developer's (by {@code ownerOf}; an unknown game as well), is refused with ACCESS_DENIED_TO_RESOURCE, so
     * the answer never tells whether someone else's game exists.
     */
    public MetricValuesQuery within(DataScope scope, java.util.function.Function<String, java.util.Optional<String>> ownerOf,
            AccessPolicy policy) {
        if (scope.unrestricted()) {
            return this;
        }
        String developer = scope.developerId().orElseThrow();
        for (String named : filters.getOrDefault(Dimension.DEVELOPER_ID, Set.of())) {
            if (!named.equals(developer)) {
                throw new AnalyticsException(ErrorCode.ACCESS_DENIED_TO_RESOURCE, "developer " + named
                        + " is not the caller's", "filter", null, null);
            }
        }
        for (String game : filters.getOrDefault(Dimension.GAME_ID, Set.of())) {
            policy.requireGame(scope, game, ownerOf.apply(game));
        }
        Map<Dimension, Set<String>> restricted = new LinkedHashMap<>(filters);
        restricted.put(Dimension.DEVELOPER_ID, Set.of(developer));
        return new MetricValuesQuery(metricName, from, to, granularity, zone, dimensions, restricted);
    }

    /**
     * @param from {@code YYYY-MM-DD}, required
     * @param to {@code YYYY-MM-DD}, required, not before {@code from}
     * @param granularity day (default), week, month or total
     * @param tz an IANA zone (default UTC)
     * @param dimensions comma-separated dimension names, or null
     * @param filters each {@code <dimension>:<value>}
     */
    public static MetricValuesQuery parse(String metricName, String from, String to, String granularity, String tz,
            String dimensions, List<String> filters) {
        LocalDate f = date("from", from);
        LocalDate t = date("to", to);
        if (t.isBefore(f)) {
            throw AnalyticsException.invalidParameter("to", "to (" + t + ") is before from (" + f + ")");
        }
        if (f.plusDays(MAX_DAYS).isBefore(t)) {
            throw AnalyticsException.invalidParameter("to", "the range is longer than " + MAX_DAYS + " days");
        }
        Granularity g = Granularity.DAY;
        if (granularity != null && !granularity.isBlank()) {
            g = Granularity.parse(granularity);
            if (g == null) {
                throw AnalyticsException.invalidParameter("granularity",
                        "granularity must be one of day, week, month, total; got '" + granularity + "'");
            }
        }
        ZoneId zone = Zones.parse(tz).orElseThrow(() -> AnalyticsException.invalidParameter("tz",
                "tz must be " + Zones.EXPECTED + "; got '" + tz + "'"));
        List<Dimension> dims = new ArrayList<>();
        if (dimensions != null && !dimensions.isBlank()) {
            for (String name : dimensions.split(",")) {
                Dimension d = Dimension.parse(name);
                if (d == null) {
                    throw AnalyticsException.invalidParameter("dimensions", "unknown dimension '" + name.trim()
                            + "'; known: " + knownDimensions());
                }
                if (dims.contains(d)) {
                    throw AnalyticsException.invalidParameter("dimensions", "dimension '" + name.trim() + "' is named twice");
                }
                dims.add(d);
            }
        }
        Map<Dimension, Set<String>> fs = new LinkedHashMap<>();
        for (String filter : filters == null ? List.<String>of() : filters) {
            int colon = filter.indexOf(':');
            if (colon <= 0 || colon == filter.length() - 1) {
                throw AnalyticsException.invalidParameter("filter", "filter must be <dimension>:<value>; got '" + filter + "'");
            }
            Dimension d = Dimension.parse(filter.substring(0, colon));
            if (d == null) {
                throw AnalyticsException.invalidParameter("filter", "unknown dimension '" + filter.substring(0, colon)
                        + "' in filter; known: " + knownDimensions());
            }
            fs.computeIfAbsent(d, k -> new LinkedHashSet<>()).add(filter.substring(colon + 1));
        }
        return new MetricValuesQuery(metricName, f, t, g, zone, dims, fs);
    }

    private static String knownDimensions() {
        List<String> names = new ArrayList<>();
        for (Dimension d : Dimension.values()) {
            names.add(d.fieldName());
        }
        return String.join(", ", names);
    }

    private static LocalDate date(String parameter, String text) {
        if (text == null || text.isBlank()) {
            throw AnalyticsException.invalidParameter(parameter, parameter + " is required (YYYY-MM-DD)");
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw AnalyticsException.invalidParameter(parameter, parameter + " must be a date YYYY-MM-DD; got '" + text + "'");
        }
    }
}
