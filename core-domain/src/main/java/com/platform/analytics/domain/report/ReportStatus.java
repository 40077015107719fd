package com.platform.analytics.domain.report;

import java.util.Locale;

/** {@code requested → generating → completed | failed | cancelled} (the {@code status} column). */
public enum ReportStatus {
    REQUESTED, GENERATING, COMPLETED, FAILED, CANCELLED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ReportStatus fromWire(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** No further change happens to an instance in this state. */
    public boolean terminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
