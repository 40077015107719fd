package com.platform.analytics.domain.ml.forecast;

/** The trend component of a Holt-Winters model (ETS notation in brackets). */
public enum TrendKind {
    /** Level and season only (A,N,A): for series that wander without a lasting direction. */
    NONE,
    /** A linear trend carried on for ever (A,A,A). */
    ADDITIVE,
    /**
     * A trend that fades by the factor phi per step (A,Ad,A): long horizons flatten out, which is usually more
     * honest for sales than extrapolating a growth spurt.
     */
    DAMPED
}
