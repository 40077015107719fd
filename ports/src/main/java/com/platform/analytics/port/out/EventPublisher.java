package com.platform.analytics.port.out;

import com.platform.analytics.domain.publish.OutgoingEvent;
import java.util.List;

/**
 * Delivers published events to their consumers: Kafka's {@code com.platform.analytics.events.v1} topic in the
 * cluster profile, listeners in the same process in the embedded one. Called by the outbox relay only.
 */
public interface EventPublisher {
    /**
     * Delivers the events in order; when it returns, every one is acknowledged by the destination.
     *
     * @param cloudEventsJson each event's CloudEvent JSON, in the same order as {@code events}
     * @throws RuntimeException when any was not acknowledged (the relay retries them all: consumers
     *     deduplicate on the event id)
     */
    void publish(List<OutgoingEvent> events, List<String> cloudEventsJson);
}
