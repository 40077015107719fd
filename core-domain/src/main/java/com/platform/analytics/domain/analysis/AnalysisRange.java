package com.platform.analytics.domain.analysis;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.time.Zones;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The days [{@code from}, {@code to}] (both included) of an analysis, as calendar days of {@code zone}
 * (KPI_DEFINITIONS.md, Basics: days are UTC unless the query names another IANA zone). Every analysis request
 * names them by the same fields, {@link #FIELDS}, read by {@link #read}.
 */
public record AnalysisRange(LocalDate from, LocalDate to, ZoneId zone) {
    /** The most days one analysis may ask for unless it sets its own limit: ten years. */
    public static final int MAX_DAYS = 3660;
    /** The body fields of a range: {@code from}, {@code to} (dates, required) and {@code tz} (default UTC). */
    public static final Set<String> FIELDS = Set.of("from", "to", "tz");

    public AnalysisRange {
        requireNonNull(from, "from is null");
        requireNonNull(to, "to is null");
        requireNonNull(zone, "zone is null");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to is before from");
        }
    }

    /** The range's fields and an analysis's own: the fields its body may have. */
    public static Set<String> fieldsWith(String... own) {
        Set<String> fields = new HashSet<>(FIELDS);
        fields.addAll(List.of(own));
        return Set.copyOf(fields);
    }

    /** Reads {@code from}, {@code to} and {@code tz}, at most {@link #MAX_DAYS} days. */
    public static AnalysisRange read(BodyFields body) {
        return read(body, MAX_DAYS);
    }

    /** Reads {@code from}, {@code to} and {@code tz}, at most {@code maxDays} days (both ends counted). */
    public static AnalysisRange read(BodyFields body, int maxDays) {
        LocalDate from = date(body, "from");
        LocalDate to = date(body, "to");
        if (to.isBefore(from)) {
            throw BodyFields.invalid("to", "to (" + to + ") is before from (" + from + ")");
        }
        if (from.plusDays(maxDays - 1L).isBefore(to)) {
            throw BodyFields.invalid("to", "the range is longer than " + maxDays + " days");
        }
        String tz = body.string("tz");
        ZoneId zone = Zones.parse(tz).orElseThrow(() -> BodyFields.invalid("tz", "tz must be " + Zones.EXPECTED + "; got '" + tz + "'"));
        return new AnalysisRange(from, to, zone);
    }

    /** How many days the range holds, both ends counted. */
    public long days() {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }

    /** Whether days are UTC days (the activity mart's days). */
    public boolean isUtc() {
        return zone.normalized().equals(ZoneOffset.UTC);
    }

    /** The first instant of {@code from} in the zone. */
    public Instant start() {
        return from.atStartOfDay(zone).toInstant();
    }

    /** The first instant after {@code to} in the zone (exclusive end). */
    public Instant end() {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }

    private static LocalDate date(BodyFields body, String field) {
        String text = body.requiredString(field, "a date YYYY-MM-DD");
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw BodyFields.invalid(field, field + " must be a date YYYY-MM-DD; got '" + text + "'");
        }
    }
}
