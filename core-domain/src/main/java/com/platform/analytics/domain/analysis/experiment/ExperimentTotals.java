package com.platform.analytics.domain.analysis.experiment;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What the warehouse returns for an experiment: per-variant sufficient statistics, the users excluded for having
 * been exposed to two or more variants, and the SQL it ran (so a number can be checked: {@code ?explain=true}).
 */
public record ExperimentTotals(List<VariantTotals> variants, long excludedUsers, String sql) {
    public ExperimentTotals {
        variants = List.copyOf(variants);
        requireNonNull(sql, "sql is null");
        if (excludedUsers < 0) {
            throw new IllegalArgumentException("excludedUsers is negative");
        }
    }
}
