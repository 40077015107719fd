package com.platform.analytics.application;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.json.Json;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the fields of a built-in model's instance ({@code /instances/<i>}) with the request's errors: every problem is
 * {@code INVALID_REQUEST_BODY} whose pointer names the field, so a client sees which instance and field to fix.
 */
final class BuiltInInstances {
    private BuiltInInstances() {
    }

    /** The instance as an object holding only {@code allowed} keys. */
    static Map<?, ?> object(Object instance, String at, Set<String> allowed) {
        if (!(instance instanceof Map<?, ?> map)) {
            throw AnalyticsException.invalidBody(at, "an instance is a JSON object, not " + Json.typeName(instance));
        }
        for (Object key : map.keySet()) {
            if (!allowed.contains(key)) {
                throw AnalyticsException.invalidBody(at + "/" + key, "unknown field '" + key + "'; an instance has "
                        + String.join(", ", new TreeSet<>(allowed)));
            }
        }
        return map;
    }

    static boolean present(Map<?, ?> instance, String field) {
        Object value = instance.get(field);
        return value != null && value != Json.NULL;
    }

    static String string(Map<?, ?> instance, String field, String at) {
        Object value = instance.get(field);
        if (!present(instance, field)) {
            throw AnalyticsException.invalidBody(at + "/" + field, "the instance has no '" + field + "'");
        }
        if (!(value instanceof String s) || s.isBlank()) {
            throw AnalyticsException.invalidBody(at + "/" + field, "'" + field + "' must be a non-empty string, not "
                    + Json.typeName(value));
        }
        return s;
    }

    /** An integer in low..high; a JSON number with a zero fraction (7.0) counts as the integer. */
    static int integer(Map<?, ?> instance, String field, String at, int low, int high) {
        Object value = instance.get(field);
        if (!present(instance, field)) {
            throw AnalyticsException.invalidBody(at + "/" + field, "the instance has no '" + field + "'");
        }
        String bad = "'" + field + "' must be an integer from " + low + " to " + high;
        if (!(value instanceof Number n)) {
            throw AnalyticsException.invalidBody(at + "/" + field, bad + ", not " + Json.typeName(value));
        }
        BigDecimal d;
        try {
            d = new BigDecimal(n.toString());
        } catch (NumberFormatException e) {
            throw AnalyticsException.invalidBody(at + "/" + field, bad + ", not " + n);
        }
        if (d.stripTrailingZeros().scale() > 0 || d.compareTo(BigDecimal.valueOf(low)) < 0
                || d.compareTo(BigDecimal.valueOf(high)) > 0) {
            throw AnalyticsException.invalidBody(at + "/" + field, bad + ", not " + n);
        }
        return d.intValueExact();
    }

    static double number(Map<?, ?> instance, String field, String at) {
        Object value = instance.get(field);
        if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            throw AnalyticsException.invalidBody(at + "/" + field, "'" + field + "' must be a finite number, not "
                    + Json.typeName(value));
        }
        return n.doubleValue();
    }
}
