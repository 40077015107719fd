package com.platform.analytics.domain.alert;

import java.util.Locale;

/** Which way a deviation from the baseline counts: a drop, a rise, or either. */
public enum Direction {
    DROP, RISE, BOTH;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Null for a name it does not know. */
    public static Direction parse(String text) {
        for (Direction d : values()) {
            if (d.wireName().equals(text)) {
                return d;
            }
        }
        return null;
    }

    /** Whether a signed deviation (negative: below the baseline) of at least {@code size} counts. */
    boolean reached(double deviation, double size) {
        return switch (this) {
            case DROP -> deviation <= -size;
            case RISE -> deviation >= size;
            case BOTH -> Math.abs(deviation) >= size;
        };
    }
}
