package com.platform.analytics.domain.analysis.experiment;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;

/**
 * One variant's line of the report.
 *
 * @param conversions users who converted (conversion metric); null for revenue
 * @param rate conversions / users (conversion) or net revenue per user in RUB (revenue); null without users
 * @param revenue total net revenue in RUB of the variant's users (revenue metric); null for conversion
 * @param standardDeviation of per-user net revenue (revenue metric); null for conversion or under two users
 * @param versusControl the comparison with control; null for control itself, or when it is undefined (a group
 *     too small)
 */
public record VariantReport(
        String variant,
        long users,
        Long conversions,
        Double rate,
        BigDecimal revenue,
        Double standardDeviation,
        Comparison versusControl) {

    public VariantReport {
        requireNonNull(variant, "variant is null");
    }

    public boolean isControl() {
        return ExperimentAnalysis.CONTROL.equals(variant);
    }
}
