package com.platform.analytics.domain.time;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The {@code tz} of a query (KPI_DEFINITIONS.md, Basics: days are UTC unless the query names another zone). One
 * rule for every API that takes one: IANA region names, UTC, or whole-hour offsets from -12:00 to +14:00 (they have
 * an {@code Etc/GMT} name). Java also accepts legacy ids (SystemV/..., EST) and odd offsets that warehouses do not,
 * so a zone Java knows is not enough: the SQL names the zone, and ClickHouse must know it by the same name.
 */
public final class Zones {
    /** What a {@code tz} must be, for error messages: "tz must be " + EXPECTED. */
    public static final String EXPECTED = "an IANA time zone such as Europe/Moscow, UTC or a whole-hour offset from "
            + "-12:00 to +14:00";

    private Zones() {
    }

    /** UTC for a missing or blank {@code tz}; the zone it names; empty when it names none every engine knows. */
    public static Optional<ZoneId> parse(String tz) {
        if (tz == null || tz.isBlank()) {
            return Optional.of(ZoneId.of("UTC"));
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(tz.trim());
        } catch (DateTimeException e) {
            return Optional.empty();
        }
        return isPortable(zone) ? Optional.of(zone) : Optional.empty();
    }

    public static boolean isPortable(ZoneId zone) {
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
}
