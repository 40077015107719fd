package com.platform.analytics.domain.metric;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Day-N retention of daily registration cohorts (KPI_DEFINITIONS.md, Retention): cohorts are the days of
 * [{@code from}, {@code to}] in {@code zone}; day N counts cohort users active on day C+N exactly, for
 * N = 0..{@code maxDay}, and only while C+N is not after {@code to}.
 */
public record RetentionQuery(LocalDate from, LocalDate to, ZoneId zone, int maxDay) {
    public RetentionQuery {
        requireNonNull(from, "from is null");
        requireNonNull(to, "to is null");
        requireNonNull(zone, "zone is null");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to is before from");
        }
        if (maxDay < 0 || maxDay > 366) {
            throw new IllegalArgumentException("maxDay must be 0..366");
        }
    }
}
