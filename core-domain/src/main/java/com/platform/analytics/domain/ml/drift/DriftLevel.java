package com.platform.analytics.domain.ml.drift;

/**
 * The conventional reading of a PSI (credit-scoring practice, e.g. Siddiqi 2006): thresholds of experience, not of a
 * statistical test, which is why they are named here once rather than re-typed by every alert rule.
 */
public enum DriftLevel {
    /** PSI below 0.1: no meaningful change. */
    STABLE,
    /** PSI from 0.1 to 0.25: some change, worth watching. */
    MODERATE,
    /** PSI above 0.25: the population has shifted; the model's inputs are not what it learnt from. */
    SHIFT;

    public static final double MODERATE_FROM = 0.1;
    public static final double SHIFT_ABOVE = 0.25;

    public static DriftLevel of(double psi) {
        if (Double.isNaN(psi) || psi < 0) {
            throw new IllegalArgumentException("a PSI is a non-negative number, was " + psi);
        }
        if (psi < MODERATE_FROM) {
            return STABLE;
        }
        return psi <= SHIFT_ABOVE ? MODERATE : SHIFT;
    }
}
