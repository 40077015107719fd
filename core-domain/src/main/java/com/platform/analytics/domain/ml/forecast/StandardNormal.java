package com.platform.analytics.domain.ml.forecast;

import com.platform.analytics.domain.analysis.experiment.Distributions;

/**
 * The normal quantiles forecast intervals need. The quantile itself is the domain's one
 * ({@link Distributions#normalQuantile}, Acklam refined by a Halley step), not a second copy.
 */
public final class StandardNormal {
    private StandardNormal() {
    }

    /** The z with P(Z ≤ z) = p, for 0 &lt; p &lt; 1. */
    public static double quantile(double p) {
        return Distributions.normalQuantile(p);
    }

    /** The half-width multiplier of a central interval: 1.959964 for 0.95. */
    public static double twoSided(double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must lie strictly between 0 and 1, was " + confidence);
        }
        return quantile(0.5 + confidence / 2);
    }
}
