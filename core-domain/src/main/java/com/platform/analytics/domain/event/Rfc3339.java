package com.platform.analytics.domain.event;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * RFC 3339 timestamps and dates, read by hand: this runs for every event, so no regex and no
 * {@code DateTimeFormatter} (whose lenient ISO parser also accepts forms RFC 3339 does not, such as a missing
 * offset or a region id).
 *
 * <p>A date-time is {@code YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)}; {@code T} and {@code Z} may be
 * lower case (RFC 3339 section 5.6). The offset is required: a local time names no instant. Leap seconds
 * ({@code :60}) are refused, since no Java time type can hold them.
 */
public final class Rfc3339 {
    private static final int MAX_FRACTION_DIGITS = 9;

    private Rfc3339() {
    }

    /** The date-time, or empty when the text is not an RFC 3339 date-time with an offset. */
    public static Optional<OffsetDateTime> parseDateTime(String text) {
        if (text == null || text.length() < 20) {
            return Optional.empty();
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0
                || text.charAt(4) != '-' || text.charAt(7) != '-'
                || (text.charAt(10) != 'T' && text.charAt(10) != 't')
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return Optional.empty();
        }
        int pos = 19;
        int nanos = 0;
        if (text.charAt(pos) == '.') {
            pos++;
            int start = pos;
            while (pos < text.length() && isDigit(text.charAt(pos))) {
                if (pos - start < MAX_FRACTION_DIGITS) {
                    nanos = nanos * 10 + (text.charAt(pos) - '0');
                }
                pos++;
            }
            int count = pos - start;
            if (count == 0) {
                return Optional.empty();
            }
            for (int i = count; i < MAX_FRACTION_DIGITS; i++) {
                nanos *= 10;
            }
        }
        if (pos >= text.length()) {
            return Optional.empty();
        }
        ZoneOffset offset;
        char c = text.charAt(pos);
        if ((c == 'Z' || c == 'z') && pos + 1 == text.length()) {
            offset = ZoneOffset.UTC;
        } else if ((c == '+' || c == '-') && pos + 6 == text.length() && text.charAt(pos + 3) == ':') {
            int offsetHours = digits(text, pos + 1, 2);
            int offsetMinutes = digits(text, pos + 4, 2);
            if (offsetHours < 0 || offsetMinutes < 0 || offsetHours > 23 || offsetMinutes > 59) {
                return Optional.empty();
            }
            int sign = c == '-' ? -1 : 1;
            offset = ZoneOffset.ofHoursMinutes(sign * offsetHours, sign * offsetMinutes);
        } else {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.of(LocalDateTime.of(year, month, day, hour, minute, second, nanos), offset));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** Whether the text is an RFC 3339 {@code full-date} ({@code YYYY-MM-DD}) that exists in the calendar. */
    public static boolean isFullDate(String text) {
        if (text == null || text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
            return false;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        if (year < 0 || month < 0 || day < 0) {
            return false;
        }
        try {
            LocalDate.of(year, month, day);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
