package com.platform.analytics.domain.analysis.experiment;

import static java.util.Objects.requireNonNull;

/**
 * One variant against control.
 *
 * @param absoluteLift variant minus control (rate or mean), with its 95% confidence interval
 * @param relativeLift variant over control minus 1, with a 95% interval by the delta method; null when the
 *     control's rate or mean is zero (the ratio is undefined)
 * @param statistic z (proportions) or t (Welch); null when the standard error is zero (no variation at all)
 * @param degreesOfFreedom Welch–Satterthwaite degrees of freedom; null for the z-test
 * @param pValue two-sided; null with the statistic
 * @param probabilityToBeatControl Bayesian P(variant rate > control rate) with uniform priors; null for means
 */
public record Comparison(
        Interval absoluteLift,
        Interval relativeLift,
        Double statistic,
        Double degreesOfFreedom,
        Double pValue,
        Double probabilityToBeatControl) {

    public Comparison {
        requireNonNull(absoluteLift, "absoluteLift is null");
    }

    /** The two-sided 95% confidence level every interval here uses. */
    public static final double CONFIDENCE = 0.95;

    /** z_{0.975}. */
    static final double Z_95 = Distributions.normalQuantile(1 - (1 - CONFIDENCE) / 2);

    /**
     * The delta-method interval of b/a - 1 for independent estimates a (control) and b (variant) with
     * variances {@code varA} and {@code varB}: Var(b/a) ≈ Var(b)/a² + b²·Var(a)/a⁴, and a normal interval around it.
     */
    static Interval relativeLift(double a, double varA, double b, double varB) {
        if (a == 0) {
            return null;
        }
        double ratio = b / a;
        double variance = varB / (a * a) + ratio * ratio * varA / (a * a);
        return Interval.around(ratio - 1, Z_95 * Math.sqrt(variance));
    }
}
