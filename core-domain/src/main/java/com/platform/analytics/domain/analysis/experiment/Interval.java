package com.platform.analytics.domain.analysis.experiment;

/** An estimate with its two-sided confidence interval [{@code lower}, {@code upper}]. */
public record Interval(double estimate, double lower, double upper) {
    public Interval {
        if (Double.isNaN(estimate) || Double.isNaN(lower) || Double.isNaN(upper)) {
            throw new IllegalArgumentException("an interval needs numbers, got " + estimate + " [" + lower + ", " + upper + "]");
        }
        if (lower > upper) {
            throw new IllegalArgumentException("lower " + lower + " is above upper " + upper);
        }
    }

    /** estimate ± half-width. */
    static Interval around(double estimate, double halfWidth) {
        return new Interval(estimate, estimate - halfWidth, estimate + halfWidth);
    }
}
