package com.platform.analytics.domain.segment;

import java.util.Locale;
import java.util.Optional;

/** How a segment gets its members (the {@code segment_type} column). */
public enum SegmentType {
    /** Recomputed from its criteria, on its schedule or on demand. */
    DYNAMIC,
    /** An explicit list of users, uploaded. */
    STATIC;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SegmentType> byWireName(String name) {
        for (SegmentType t : values()) {
            if (t.wireName().equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
