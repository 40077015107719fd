package com.platform.analytics.application;

import com.platform.analytics.domain.publish.OutgoingEvent;
import com.platform.analytics.port.out.Outbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** An outbox in memory, for the relay's unit tests (the PostgreSQL one is tested against a real server). */
final class InMemoryOutbox implements Outbox {
    private final Clock clock;
    private final TreeMap<Long, Row> rows = new TreeMap<>();
    private long next = 1;

    InMemoryOutbox(Clock clock) {
        this.clock = clock;
    }

    static final class Row {
        final OutgoingEvent event;
        int attempts;
        Instant due = Instant.EPOCH;
        Instant leasedUntil = Instant.EPOCH;
        String lastError;
        boolean published;

        Row(OutgoingEvent event) {
            this.event = event;
        }
    }

    @Override
    public synchronized void append(OutgoingEvent event) {
        rows.put(next++, new Row(event));
    }

    @Override
    public synchronized List<Pending> lease(int max, Duration lease) {
        Instant now = clock.instant();
        List<Pending> out = new ArrayList<>();
        for (var e : rows.entrySet()) {
            Row r = e.getValue();
            if (!r.published && r.due.isAfter(now)) {
                break; // never past an event waiting for its retry: events go out in the order appended
            }
            if (out.size() < max && !r.published && !r.leasedUntil.isAfter(now)) {
                r.leasedUntil = now.plus(lease);
                out.add(new Pending(e.getKey(), r.event, r.event.toCloudEventJson(), r.attempts));
            }
        }
        return out;
    }

    @Override
    public synchronized void markPublished(List<Long> sequences) {
        sequences.forEach(s -> rows.get(s).published = true);
    }

    @Override
    public synchronized void markFailed(long sequence, String error, Instant nextAttempt) {
        Row r = rows.get(sequence);
        r.attempts++;
        r.lastError = error;
        r.due = nextAttempt;
        r.leasedUntil = Instant.EPOCH;
    }

    @Override
    public synchronized long pendingCount() {
        return rows.values().stream().filter(r -> !r.published).count();
    }

    synchronized Row row(long sequence) {
        return rows.get(sequence);
    }
}
