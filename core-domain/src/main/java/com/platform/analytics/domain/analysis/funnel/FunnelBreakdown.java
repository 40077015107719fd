package com.platform.analytics.domain.analysis.funnel;

import java.util.List;

/**
 * The funnel of the users whose entry event (the step-1 event of the chain that gives their times) had this
 * value of the breakdown property; {@code value} is null when that event did not carry the property. Each user
 * counts under one value, so the breakdown's users add up to the funnel's.
 */
public record FunnelBreakdown(String value, List<FunnelStepResult> steps) {
    public FunnelBreakdown {
        steps = List.copyOf(steps);
    }
}
