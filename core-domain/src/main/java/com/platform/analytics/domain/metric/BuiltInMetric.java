package com.platform.analytics.domain.metric;

import java.util.Locale;
import java.util.Optional;

/**
 * The user metrics of KPI_DEFINITIONS.md. Each is computed by {@link MetricCalculator} from base
 * {@link Measure}s; the definitions users read (names, descriptions, units) live in the metadata store.
 */
public enum BuiltInMetric {
    DAU("users", Kind.COUNT),
    WAU("users", Kind.COUNT),
    MAU("users", Kind.COUNT),
    STICKINESS("ratio", Kind.RATIO),
    NEW_USERS("users", Kind.COUNT),
    PAYING_USERS("users", Kind.COUNT),
    GROSS_REVENUE("RUB", Kind.MONEY),
    REFUNDS("RUB", Kind.MONEY),
    NET_REVENUE("RUB", Kind.MONEY),
    ARPU("RUB", Kind.MONEY),
    ARPPU("RUB", Kind.MONEY),
    PAYING_CONVERSION("ratio", Kind.RATIO),
    SESSIONS("sessions", Kind.COUNT),
    AVG_SESSION_SECONDS("seconds", Kind.RATIO),
    PLAYTIME_SECONDS("seconds", Kind.COUNT);

    /** How values are rounded: counts are whole, money to kopecks, ratios to 4 places. */
    public enum Kind {
        COUNT, MONEY, RATIO
    }

    private final String unit;
    private final Kind kind;

    BuiltInMetric(String unit, Kind kind) {
        this.unit = unit;
        this.kind = kind;
    }

    public String metricName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String unit() {
        return unit;
    }

    public Kind kind() {
        return kind;
    }

    public static Optional<BuiltInMetric> byName(String name) {
        for (BuiltInMetric m : values()) {
            if (m.metricName().equals(name)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
