package com.platform.analytics.domain.analysis.retention;

/** How a retention cell N counts a cohort user (KPI_DEFINITIONS.md, Retention). */
public enum RetentionMode {
    /** Returned in period C+N exactly. */
    EXACT,
    /** Returned in period C+N or any later period within the query range. */
    UNBOUNDED;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static RetentionMode parse(String name) {
        for (RetentionMode m : values()) {
            if (m.wireName().equals(name)) {
                return m;
            }
        }
        return null;
    }
}
