package com.platform.analytics.application;

import com.platform.analytics.domain.publish.OutgoingEvent;
import com.platform.analytics.port.out.DeduplicatingOutbox;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The outbox's unique event id in memory: an id is appended once; {@link #attempts} counts every call. */
final class InMemoryDeduplicatingOutbox implements DeduplicatingOutbox {
    final Map<UUID, OutgoingEvent> events = new LinkedHashMap<>();
    int attempts;

    @Override
    public synchronized boolean appendOnce(OutgoingEvent event) {
        attempts++;
        return events.putIfAbsent(event.id(), event) == null;
    }

    synchronized List<OutgoingEvent> all() {
        return new ArrayList<>(events.values());
    }
}
