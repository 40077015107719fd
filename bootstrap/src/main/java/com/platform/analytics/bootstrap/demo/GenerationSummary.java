package com.platform.analytics.bootstrap.demo;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one generation produced.
 *
 * @param events lines handed to the sink
 * @param eventsByType lines per CloudEvent type, sorted by type
 * @param users users who registered
 * @param payingUsers users with at least one completed transaction
 * @param developers developers who published games
 * @param games games published
 * @param firstDay first UTC day of the window
 * @param lastDay last UTC day of the window (inclusive)
 * @param eventsAfterWindow events that would have happened after the window (a session ending or a refund
 *     after its last day); they are not emitted, as if the stream were read when the window closes
 * @param planted the learnable structure planted for the built-in models (churners, weekly sales
 *     pattern, taste clusters, fraud rings)
 */
public record GenerationSummary(
        long events,
        Map<String, Long> eventsByType,
        int users,
        int payingUsers,
        int developers,
        int games,
        LocalDate firstDay,
        LocalDate lastDay,
        long eventsAfterWindow,
        PlantedSignals planted) {
    public GenerationSummary {
        requireNonNull(planted, "planted is null");
        requireNonNull(eventsByType, "eventsByType is null");
        requireNonNull(firstDay, "firstDay is null");
        requireNonNull(lastDay, "lastDay is null");
        eventsByType = Collections.unmodifiableMap(new TreeMap<>(eventsByType));
    }

    public long eventsOfType(String type) {
        return eventsByType.getOrDefault(type, 0L);
    }
}
