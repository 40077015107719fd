package com.platform.analytics.domain.alert;

import java.util.Locale;

/** An alert event is FIRING from the evaluation that opened it until one finds the condition cleared. */
public enum AlertStatus {
    FIRING, RESOLVED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Null for a name it does not know. */
    public static AlertStatus parse(String text) {
        for (AlertStatus s : values()) {
            if (s.wireName().equals(text)) {
                return s;
            }
        }
        return null;
    }
}
