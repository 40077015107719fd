package com.platform.analytics.domain.analysis.retention;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** The cohorts (those with at least one user, in day order) and the SQL the warehouse ran for them. */
public record CohortRetentionResult(List<CohortRow> cohorts, String sql) {
    public CohortRetentionResult {
        cohorts = List.copyOf(cohorts);
        requireNonNull(sql, "sql is null");
    }
}
