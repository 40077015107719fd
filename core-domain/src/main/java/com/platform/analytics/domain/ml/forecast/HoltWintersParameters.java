package com.platform.analytics.domain.ml.forecast;

/**
 * Smoothing parameters of additive Holt-Winters in the usual textbook form (Hyndman &amp; Athanasopoulos, fpp2
 * 7.3): {@code alpha} for the level, {@code beta} (β*) for the trend as a share of the level's change,
 * {@code gamma} for the season with 0 ≤ gamma ≤ 1 − alpha, and the damping {@code phi} (1 for an undamped trend,
 * ignored without trend).
 */
public record HoltWintersParameters(double alpha, double beta, double gamma, double phi) {
    public HoltWintersParameters {
        check("alpha", alpha, 0, 1);
        check("beta", beta, 0, 1);
        check("gamma", gamma, 0, 1 - alpha + 1e-12);
        check("phi", phi, 0, 1);
    }

    private static void check(String name, double value, double low, double high) {
        if (!(value >= low && value <= high)) {
            throw new IllegalArgumentException(name + " must lie in [" + low + ", " + high + "], was " + value);
        }
    }
}
