package com.platform.analytics.adapter.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The values one label has taken, up to a limit; later new values become {@value #OTHER}. Every distinct value is a
 * time series kept for the life of the process, so a label fed a raw path or an id by mistake would grow without end:
 * this caps the damage at {@code limit + 1} series per label and makes the mistake visible as {@code other}.
 */
final class BoundedLabelValues {
    static final String OTHER = "other";
    static final String UNKNOWN = "unknown";

    private final int limit;
    private final Set<String> admitted = ConcurrentHashMap.newKeySet();

    BoundedLabelValues(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        this.limit = limit;
    }

    /** The label value to record for {@code value}. */
    String admit(String value) {
        if (value == null || value.isEmpty()) {
            return UNKNOWN;
        }
        if (admitted.contains(value)) {
            return value;
        }
        synchronized (this) {
            if (admitted.contains(value)) {
                return value;
            }
            if (admitted.size() >= limit) {
                return OTHER;
            }
            admitted.add(value);
            return value;
        }
    }
}
