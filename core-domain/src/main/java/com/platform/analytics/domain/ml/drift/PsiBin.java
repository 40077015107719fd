package com.platform.analytics.domain.ml.drift;

/**
 * One bin of a PSI: values in ({@code lower}, {@code upper}] (infinite at the ends), the share of the reference and
 * of the current sample in it (before the epsilon floor), and its term (q − p)·ln(q / p) of the index.
 */
public record PsiBin(double lower, double upper, double referenceShare, double currentShare, double contribution) {
    public PsiBin {
        if (!(lower < upper)) {
            throw new IllegalArgumentException("bin lower " + lower + " must be below upper " + upper);
        }
    }
}
