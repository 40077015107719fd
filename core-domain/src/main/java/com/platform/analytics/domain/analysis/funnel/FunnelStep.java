package com.platform.analytics.domain.analysis.funnel;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** One step of a funnel: an event type and the conditions its events must meet (all of them). */
public record FunnelStep(String event, List<PropertyFilter> filters) {
    public FunnelStep {
        requireNonNull(event, "event is null");
        filters = List.copyOf(filters);
    }
}
