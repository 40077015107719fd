package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.publish.OutgoingEvent;
import com.platform.analytics.port.out.EventPublisher;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The embedded profile's delivery: published events go to listeners in the same process (a JVM application
 * embedding the service subscribes here), through the same outbox as the cluster profile's Kafka delivery. A
 * listener that throws fails the delivery, which the relay retries; listeners must therefore tolerate repeats.
 */
public final class InProcessEventPublisher implements EventPublisher {
    private final List<Consumer<OutgoingEvent>> listeners = new CopyOnWriteArrayList<>();

    @Inject
    public InProcessEventPublisher() {
    }

    /** Adds a listener; returns a handle that removes it. */
    public AutoCloseable subscribe(Consumer<OutgoingEvent> listener) {
        requireNonNull(listener, "listener is null");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public void publish(List<OutgoingEvent> events, List<String> cloudEventsJson) {
        for (OutgoingEvent e : events) {
            for (Consumer<OutgoingEvent> listener : listeners) {
                listener.accept(e);
            }
        }
    }
}
