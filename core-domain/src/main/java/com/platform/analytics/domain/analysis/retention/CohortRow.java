package com.platform.analytics.domain.analysis.retention;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.util.List;

/**
 * One cohort of a retention table: its first day, its size, and the share retained for N = 0, 1, ... as far as
 * the query range reaches (cells past it are absent, so the list may be shorter than the query's periods + 1).
 */
public record CohortRow(LocalDate cohort, long size, List<Double> retention) {
    public CohortRow {
        requireNonNull(cohort, "cohort is null");
        retention = List.copyOf(retention);
        if (size <= 0) {
            throw new IllegalArgumentException("a listed cohort has at least one user");
        }
    }
}
