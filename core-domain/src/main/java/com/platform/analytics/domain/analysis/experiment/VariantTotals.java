package com.platform.analytics.domain.analysis.experiment;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;

/**
 * The sufficient statistics of one variant, as the warehouse computes them over its users.
 *
 * @param users users whose first exposure was to this variant (and to no other variant)
 * @param conversions of them, users with the goal event in their window (conversion metric; else 0)
 * @param revenue the sum over users of net revenue in their window, RUB (revenue metric; else 0)
 * @param revenueSquares the sum over users of the square of that net revenue (revenue metric; else 0)
 */
public record VariantTotals(String variant, long users, long conversions, BigDecimal revenue, double revenueSquares) {
    public VariantTotals {
        requireNonNull(variant, "variant is null");
        requireNonNull(revenue, "revenue is null");
        if (users < 0 || conversions < 0 || conversions > users || revenueSquares < 0) {
            throw new IllegalArgumentException("inconsistent totals for variant '" + variant + "': users=" + users
                    + ", conversions=" + conversions + ", revenueSquares=" + revenueSquares);
        }
    }
}
