package com.platform.analytics.domain.alert;

import java.util.Locale;

/** How urgent an alert is (spec 5.1: critical, warning, info). */
public enum AlertSeverity {
    CRITICAL, WARNING, INFO;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Null for a name it does not know. */
    public static AlertSeverity parse(String text) {
        for (AlertSeverity s : values()) {
            if (s.wireName().equals(text)) {
                return s;
            }
        }
        return null;
    }
}
