package com.platform.analytics.domain.analysis.experiment;

import static java.util.Objects.requireNonNull;

/**
 * Welch's unequal-variances t-test of a variant's mean against control's: t = (m_b - m_a) / √(s_a²/n_a + s_b²/n_b)
 * with the Welch–Satterthwaite degrees of freedom, and the interval of the difference from the t quantile at those
 * degrees of freedom.
 */
public final class WelchTest {
    private WelchTest() {
    }

    /** @return null when a group has fewer than two users (no variance estimate) */
    public static Comparison compare(SampleSummary control, SampleSummary variant) {
        requireNonNull(control, "control is null");
        requireNonNull(variant, "variant is null");
        if (control.n() < 2 || variant.n() < 2) {
            return null;
        }
        double va = control.variance() / control.n();
        double vb = variant.variance() / variant.n();
        double difference = variant.mean() - control.mean();
        Interval relative = Comparison.relativeLift(control.mean(), va, variant.mean(), vb);
        double se = Math.sqrt(va + vb);
        if (se == 0) {
            return new Comparison(new Interval(difference, difference, difference), relative, null, null, null, null);
        }
        double df = (va + vb) * (va + vb)
                / (va * va / (control.n() - 1) + vb * vb / (variant.n() - 1));
        double t = difference / se;
        double p = Distributions.studentTTwoSidedP(t, df);
        double quantile = Distributions.studentTQuantile(1 - (1 - Comparison.CONFIDENCE) / 2, df);
        return new Comparison(Interval.around(difference, quantile * se), relative, t, df, p, null);
    }
}
