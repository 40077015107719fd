package com.platform.analytics.port.out;

import com.platform.analytics.domain.alert.AlertEvent;
import com.platform.analytics.domain.alert.AlertStatus;
import com.platform.analytics.domain.publish.OutgoingEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Alert events in the metadata store (the {@code alert_events} table). At most one event per rule and series is
 * FIRING at a time, which the store enforces: evaluations racing (two instances, two scheduler ticks) open one event.
 */
public interface AlertEventStore {
    /**
     * Stores a FIRING event and, in the same transaction, appends {@code announcement} (alert.triggered) to the
     * outbox. Empty, with nothing stored or announced, when the rule's series has a FIRING event already or the rule
     * was deleted meanwhile.
     */
    Optional<AlertEvent> open(AlertEvent event, OutgoingEvent announcement);

    /** The FIRING event of the rule's series, if any. */
    Optional<AlertEvent> firing(UUID ruleId, String seriesKey);

    /** Resolves a FIRING event; empty when it is not (or no longer) firing. */
    Optional<AlertEvent> resolve(UUID eventId, Instant resolvedAt);

    /** Events, the most recently triggered first; {@code status} empty for all. */
    List<AlertEvent> list(Optional<AlertStatus> status, long offset, int limit);
}
