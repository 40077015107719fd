package com.platform.analytics.domain.analysis.experiment;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The analysis of an experiment: control first, then the other variants by name.
 *
 * @param sampleRatio the sample-ratio-mismatch check; null with fewer than two variants
 * @param sql the warehouse SQL that produced the totals
 */
public record ExperimentReport(
        ExperimentQuery query,
        List<VariantReport> variants,
        long excludedUsers,
        SampleRatioCheck sampleRatio,
        String sql) {

    public ExperimentReport {
        requireNonNull(query, "query is null");
        variants = List.copyOf(variants);
        requireNonNull(sql, "sql is null");
    }
}
