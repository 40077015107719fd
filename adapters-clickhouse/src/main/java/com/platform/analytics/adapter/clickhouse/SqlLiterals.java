package com.platform.analytics.adapter.clickhouse;

import com.platform.analytics.domain.error.AnalyticsException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.regex.Pattern;

/**
 * ClickHouse SQL literals and identifiers for values that come from requests or events. Every value put into
 * SQL text goes through here, so no value can end a literal early or change the statement.
 */
final class SqlLiterals {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern ZONE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_+\\-]*(/[A-Za-z0-9_+\\-]+)*");

    private SqlLiterals() {
    }

    /** {@code s} as a single-quoted ClickHouse string literal. */
    static String string(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        appendString(s, sb);
        return sb.toString();
    }

    /**
     * Appends {@code s} quoted. ClickHouse string literals treat the backslash as an escape character, so
     * it is escaped as well as the quote; control characters are escaped so the SQL stays one line per value.
     */
    static void appendString(String s, StringBuilder sb) {
        sb.append('\'');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\'' -> sb.append("\\'");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\0' -> sb.append("\\0");
                default -> sb.append(c);
            }
        }
        sb.append('\'');
    }

    /** A database or table name, back-quoted; only plain names are accepted. */
    static String identifier(String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain SQL name (letters, digits, underscores): '" + name + "'");
        }
        return '`' + name + '`';
    }

    /** A {@code Date} literal. */
    static String date(LocalDate day) {
        return "toDate(" + string(day.toString()) + ")";
    }

    /** A {@code DateTime64(3, 'UTC')} literal of the instant, to the millisecond. */
    static String instant(Instant t) {
        StringBuilder sb = new StringBuilder(60).append("toDateTime64('");
        appendUtcMillis(t, sb);
        return sb.append("', 3, 'UTC')").toString();
    }

    /** Appends {@code yyyy-MM-dd HH:mm:ss.SSS} in UTC, the text form DateTime64(3) reads and writes. */
    static void appendUtcMillis(Instant t, StringBuilder sb) {
        LocalDateTime d = LocalDateTime.ofEpochSecond(t.getEpochSecond(), t.getNano(), ZoneOffset.UTC);
        int year = d.getYear();
        if (year < 1000 || year > 9999) {
            throw new IllegalArgumentException("time outside years 1000..9999: " + t);
        }
        sb.append(year).append('-');
        twoDigits(d.getMonthValue(), sb).append('-');
        twoDigits(d.getDayOfMonth(), sb).append(' ');
        twoDigits(d.getHour(), sb).append(':');
        twoDigits(d.getMinute(), sb).append(':');
        twoDigits(d.getSecond(), sb).append('.');
        int millis = d.getNano() / 1_000_000;
        if (millis < 100) {
            sb.append('0');
        }
        if (millis < 10) {
            sb.append('0');
        }
        sb.append(millis);
    }

    private static StringBuilder twoDigits(int v, StringBuilder sb) {
        if (v < 10) {
            sb.append('0');
        }
        return sb.append(v);
    }

    /**
     * The zone as a quoted ClickHouse time zone name. ClickHouse knows IANA names; fixed offsets are mapped
     * to their {@code Etc/GMT} names (whose sign is inverted by POSIX convention) where one exists.
     */
    static String zone(ZoneId zone) {
        ZoneId normalized = zone.normalized();
        String name;
        if (normalized instanceof ZoneOffset offset) {
            int seconds = offset.getTotalSeconds();
            if (seconds == 0) {
                name = "UTC";
            } else if (seconds % 3600 == 0 && Math.abs(seconds) <= 14 * 3600) {
                int hours = seconds / 3600;
                name = "Etc/GMT" + (hours > 0 ? "-" : "+") + Math.abs(hours);
            } else {
                throw AnalyticsException.invalidParameter("tz", "the offset " + offset
                        + " is not a whole number of hours; name an IANA zone such as Asia/Kolkata instead");
            }
        } else {
            name = zone.getId();
        }
        if (!ZONE_NAME.matcher(name).matches()) {
            throw AnalyticsException.invalidParameter("tz", "unsupported time zone '" + zone.getId() + "'");
        }
        return string(name);
    }
}
