package com.platform.analytics.domain.analysis.retention;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.json.Json;
import java.util.Map;
import java.util.Set;

/**
 * Reads the fields of an analysis request body (a JSON object parsed by {@link Json}); every problem is an
 * {@code INVALID_QUERY_PARAMETERS} error whose {@code source.pointer} names the field, so a client can show it.
 */
public final class BodyFields {
    /** The longest event type name accepted: longer ones cannot be platform types and only cost memory. */
    static final int MAX_EVENT_TYPE_LENGTH = 256;

    private final Map<String, Object> body;

    public BodyFields(Map<String, Object> body, Set<String> known) {
        this.body = requireNonNull(body, "body is null");
        requireNonNull(known, "known is null");
        for (String name : body.keySet()) {
            if (!known.contains(name)) {
                throw invalid(name, "unknown field '" + name + "'; known: " + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }

    public static AnalyticsException invalid(String field, String detail) {
        return new AnalyticsException(ErrorCode.INVALID_QUERY_PARAMETERS, detail, null, "/" + field, null);
    }

    public boolean has(String field) {
        Object v = body.get(field);
        return v != null && v != Json.NULL;
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

    /** An event type name: any non-blank string of reasonable length (values reach SQL only as quoted literals). */
    public String eventType(String field, String fallback) {
        String s = string(field);
        if (s == null) {
            if (fallback == null) {
                throw invalid(field, field + " is required: an event type such as com.platform.auth.user.loggedin.v1");
            }
            return fallback;
        }
        if (s.isBlank()) {
            throw invalid(field, field + " must name an event type, not be blank");
        }
        if (s.length() > MAX_EVENT_TYPE_LENGTH) {
            throw invalid(field, field + " is longer than " + MAX_EVENT_TYPE_LENGTH + " characters");
        }
        return s;
    }
}
