package com.platform.analytics.domain.analysis.retention;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;
import com.platform.analytics.domain.time.Zones;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The days [{@code from}, {@code to}] (both included) of an analysis, as calendar days of {@code zone}
 * (KPI_DEFINITIONS.md, Basics: days are UTC unless the query names another IANA zone).
 */
public record AnalysisRange(LocalDate from, LocalDate to, ZoneId zone) {
    /** The widest range one analysis may ask for: ten years of days. */
    public static final int MAX_DAYS = 3660;

    public AnalysisRange {
        requireNonNull(from, "from is null");
        requireNonNull(to, "to is null");
        requireNonNull(zone, "zone is null");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to is before from");
        }
    }

    /** Reads {@code from}, {@code to} (dates, required) and {@code tz} (default UTC). */
    public static AnalysisRange read(BodyFields body) {
        LocalDate from = date(body, "from");
        LocalDate to = date(body, "to");
        if (to.isBefore(from)) {
            throw BodyFields.invalid("to", "to (" + to + ") is before from (" + from + ")");
        }
        if (from.plusDays(MAX_DAYS).isBefore(to)) {
            throw BodyFields.invalid("to", "the range is longer than " + MAX_DAYS + " days");
        }
        String tz = body.string("tz");
        ZoneId zone = Zones.parse(tz).orElseThrow(() -> BodyFields.invalid("tz", "tz must be " + Zones.EXPECTED + "; got '" + tz + "'"));
        return new AnalysisRange(from, to, zone);
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
