package com.platform.analytics.domain.analysis;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.json.Json;
import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads the fields of an analysis request body (a JSON object parsed by {@link Json}); every problem is an
 * {@code INVALID_QUERY_PARAMETERS} error whose {@code source.pointer} names the field, so a client can show it.
 */
public final class BodyFields {
    /** The longest event type name accepted: longer ones cannot be platform types and only cost memory. */
    static final int MAX_EVENT_TYPE_LENGTH = 256;
    private static final Pattern EVENT_TYPE = Pattern.compile("[A-Za-z0-9._\\-]+");

    private final Map<String, Object> body;

    /** Checks that the body has no field outside {@code known}: a misspelt optional field would pass unnoticed. */
    public BodyFields(Map<String, Object> body, Set<String> known) {
        this.body = requireNonNull(body, "body is null");
        requireNonNull(known, "known is null");
        for (String name : body.keySet()) {
            if (!known.contains(name)) {
                throw invalid(name, "unknown field '" + name + "'; known: " + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }

    /** As the constructor, for any parsed JSON value: anything but an object is refused at the root pointer. */
    @SuppressWarnings("unchecked")
    public static BodyFields of(Object json, Set<String> known) {
        if (!(json instanceof Map<?, ?> map)) {
            throw invalidAt("", "the body must be a JSON object");
        }
        return new BodyFields((Map<String, Object>) map, known);
    }

    /** The error for a top-level field: its pointer is {@code /field}. */
    public static AnalyticsException invalid(String field, String detail) {
        return invalidAt("/" + field, detail);
    }

    /** The error at any JSON pointer, such as {@code /steps/1/event} ({@code ""} is the whole body). */
    public static AnalyticsException invalidAt(String pointer, String detail) {
        return new AnalyticsException(ErrorCode.INVALID_QUERY_PARAMETERS, detail, null, pointer, null);
    }

    public boolean has(String field) {
        Object v = body.get(field);
        return v != null && v != Json.NULL;
    }

    /** The field's raw JSON value, for structures the caller reads itself; absent or null gives {@code null}. */
    public Object value(String field) {
        return has(field) ? body.get(field) : null;
    }

    /** A string field; absent or null gives {@code null}. */
    public String string(String field) {
        if (!has(field)) {
            return null;
        }
        if (body.get(field) instanceof String s) {
            return s;
        }
        throw invalid(field, field + " must be a string, not " + Json.typeName(body.get(field)));
    }

    public String requiredString(String field, String what) {
        String s = string(field);
        if (s == null || s.isBlank()) {
            throw invalid(field, field + " is required: " + what);
        }
        return s;
    }

    /** An integer field in [min, max]; absent or null gives {@code fallback}. */
    public int integer(String field, int fallback, int min, int max) {
        if (!has(field)) {
            return fallback;
        }
        Object v = body.get(field);
        if (!(v instanceof Long l)) {
            throw invalid(field, field + " must be an integer from " + min + " to " + max + ", not " + Json.typeName(v));
        }
        if (l < min || l > max) {
            throw invalid(field, field + " must be from " + min + " to " + max + "; got " + l);
        }
        return l.intValue();
    }

    /** A required integer field in [min, max]; {@code what} says what it counts, for the error. */
    public int requiredInteger(String field, int min, int max, String what) {
        if (!has(field)) {
            throw invalid(field, field + " is required: " + what + ", " + min + ".." + max);
        }
        return integer(field, min, min, max);
    }

    /**
     * A string field naming one of a few choices; absent or null gives {@code fallback}. {@code parse} gives
     * {@code null} for a name it does not know; {@code expected} lists the names for the error
     * ("one of day, week, month").
     */
    public <T> T choice(String field, T fallback, Function<String, T> parse, String expected) {
        String s = string(field);
        if (s == null) {
            return fallback;
        }
        T value = parse.apply(s);
        if (value == null) {
            throw invalid(field, field + " must be " + expected + "; got '" + s + "'");
        }
        return value;
    }

    /**
     * A duration of fixed length in ISO-8601 ({@code P7D}, {@code P2W}, {@code PT36H}, {@code P1DT12H}), above zero,
     * at most {@code max} and in whole milliseconds; absent or null gives {@code fallback}. Months and years are
     * refused: their length varies.
     */
    public Duration duration(String field, Duration fallback, Duration max) {
        String text = string(field);
        if (text == null) {
            return fallback;
        }
        String expected = field + " must be an ISO-8601 duration of days, weeks, hours, minutes or seconds (such as P7D, "
                + "P2W, PT36H), above zero and at most " + max.toDays() + " days; got '" + text + "'";
        Duration d;
        try {
            d = Duration.parse(text);
        } catch (DateTimeParseException notADuration) {
            try {
                Period p = Period.parse(text);
                if (p.getYears() != 0 || p.getMonths() != 0) {
                    throw invalid(field, field + " must have a fixed length (days, weeks, hours), not months or years; got '"
                            + text + "'");
                }
                d = Duration.ofDays(p.getDays());
            } catch (DateTimeParseException e) {
                throw invalid(field, expected);
            }
        }
        if (d.isNegative() || d.isZero() || d.compareTo(max) > 0) {
            throw invalid(field, expected);
        }
        if (d.getNano() % 1_000_000 != 0) {
            throw invalid(field, field + " is counted in milliseconds at the finest; got '" + text + "'");
        }
        return d;
    }

    /**
     * An event type name, the one rule of every analysis: 1..256 characters of letters, digits, '.', '_' and '-'
     * (the platform's types are reverse-DNS names such as com.platform.auth.user.loggedin.v1). Values reach SQL only
     * as quoted literals either way; the rule is there so a typo gets a clear 400 instead of an empty answer.
     */
    public String eventType(String field, String fallback) {
        Object value = body.get(field);
        if (value == null || value == Json.NULL) {
            if (fallback == null) {
                throw invalid(field, field + " is required: an event type such as com.platform.auth.user.loggedin.v1");
            }
            return fallback;
        }
        return eventTypeAt(value, "/" + field, field);
    }

    /**
     * {@code value} as an event type name (see {@link #eventType}), or a 400 at {@code pointer} naming {@code what}.
     */
    public static String eventTypeAt(Object value, String pointer, String what) {
        if (!(value instanceof String s)) {
            throw invalidAt(pointer, what + " must be an event type (a string such as com.platform.auth.user.loggedin.v1), got "
                    + Json.typeName(value));
        }
        if (s.isBlank()) {
            throw invalidAt(pointer, what + " must name an event type, not be blank");
        }
        if (s.length() > MAX_EVENT_TYPE_LENGTH) {
            throw invalidAt(pointer, what + " is longer than " + MAX_EVENT_TYPE_LENGTH + " characters");
        }
        if (!EVENT_TYPE.matcher(s).matches()) {
            throw invalidAt(pointer, what + " must be an event type of letters, digits, '.', '_' and '-' such as "
                    + "com.platform.auth.user.loggedin.v1; got '" + s + "'");
        }
        return s;
    }
}
