package com.platform.analytics.domain.report;

import java.util.Optional;

/** Where a report's rows come from (the {@code source_type} column). */
public enum ReportSourceType {
    /** An admin's SQL template run read-only on the warehouse. */
    SQL_QUERY_CLICKHOUSE("sql_query_clickhouse"),
    /** A metric's values ({@code {"metric":..,"dimensions":[..],"granularity":..}}), through the metric queries. */
    PRE_AGGREGATED_METRICS("pre_aggregated_metrics"),
    /** Allowed by the schema; this service cannot generate it (an instance of it is refused). */
    API_EXTERNAL("api_external");

    private final String wireName;

    ReportSourceType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<ReportSourceType> fromWire(String name) {
        for (ReportSourceType t : values()) {
            if (t.wireName.equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
