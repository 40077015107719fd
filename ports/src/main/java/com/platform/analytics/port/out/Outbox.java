package com.platform.analytics.port.out;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.publish.OutgoingEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The transactional outbox: events to publish, stored in the metadata store. A store that changes state
 * appends the event announcing it in the same transaction as the change, so the event exists if and only if
 * the change committed; a relay then publishes what is pending, at least once, in order of appending.
 */
public interface Outbox {
    /** Appends an event on its own (for a state change that lives outside the metadata store). */
    void append(OutgoingEvent event);

    /**
     * Leases up to {@code max} pending events whose next attempt is due, oldest first, for {@code lease}: until
     * it runs out no other relay (in this process or another instance) gets them. Never past an event waiting for
     * its retry, so events are delivered in the order they were appended (a failure holds back what follows).
     */
    List<Pending> lease(int max, Duration lease);

    /** The events were delivered: they are never leased again. */
    void markPublished(List<Long> sequences);

    /** Delivery failed: the event is due again at {@code nextAttempt}; the error is kept for operators. */
    void markFailed(long sequence, String error, Instant nextAttempt);

    /** Events not yet published (for metrics and tests). */
    long pendingCount();

    /**
     * A leased event.
     *
     * @param sequence the outbox's order of appending
     * @param attempts failed deliveries so far
     */
    record Pending(long sequence, OutgoingEvent event, String cloudEventJson, int attempts) {
        public Pending {
            requireNonNull(event, "event is null");
            requireNonNull(cloudEventJson, "cloudEventJson is null");
        }
    }
}
