package com.platform.analytics.domain.analysis.funnel;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;

/**
 * One step's numbers. Conversions are ratios in [0, 1] rounded to 4 decimals (0 when nobody entered); times are
 * seconds from entry rounded to the millisecond, null when nobody reached the step.
 */
public record FunnelStepResult(String event, long users, BigDecimal conversionFromStart,
        BigDecimal conversionFromPrevious, BigDecimal medianSecondsFromStart, BigDecimal meanSecondsFromStart) {
    public FunnelStepResult {
        requireNonNull(event, "event is null");
        requireNonNull(conversionFromStart, "conversionFromStart is null");
        requireNonNull(conversionFromPrevious, "conversionFromPrevious is null");
    }
}
