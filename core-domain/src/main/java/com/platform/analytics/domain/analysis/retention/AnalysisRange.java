package com.platform.analytics.domain.analysis.retention;

import static java.util.Objects.requireNonNull;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
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
        ZoneId zone = ZoneId.of("UTC");
        String tz = body.string("tz");
        if (tz != null && !tz.isBlank()) {
            try {
                zone = ZoneId.of(tz.trim());
            } catch (DateTimeException e) {
                throw BodyFields.invalid("tz", "tz must be an IANA time zone such as Europe/Moscow; got '" + tz + "'");
            }
            if (!isPortable(zone)) {
                throw BodyFields.invalid("tz", "tz must be an IANA time zone such as Europe/Moscow, UTC or a "
                        + "whole-hour offset from -12:00 to +14:00; got '" + tz + "'");
            }
        }
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

    /**
     * Zones every engine knows: IANA region names and UTC, or whole-hour offsets that have an {@code Etc/GMT}
     * name. Java also accepts legacy ids (SystemV/..., EST) and odd offsets that warehouses do not.
     */
    static boolean isPortable(ZoneId zone) {
        if (zone instanceof ZoneOffset offset) {
            int seconds = offset.getTotalSeconds();
            return seconds % 3600 == 0 && seconds >= -12 * 3600 && seconds <= 14 * 3600;
        }
        String id = zone.getId();
        if (id.equals("UTC") || id.equals("GMT") || id.equals("Etc/UTC")) {
            return true;
        }
        if (id.startsWith("UTC") || id.startsWith("GMT") || id.startsWith("UT")) {
            return isPortable(zone.normalized());
        }
        return id.contains("/") && !id.startsWith("SystemV/") && ZoneId.getAvailableZoneIds().contains(id);
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
