package com.platform.analytics.adapter.kafka;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.publish.OutgoingEvent;
import com.platform.analytics.port.out.Outbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * An outbox in memory, for relaying to the real broker without a metadata store (the PostgreSQL outbox is
 * tested against a real server in its own module). Leases, due times and attempts behave as the port says.
 */
final class InMemoryOutbox implements Outbox {
    private final Clock clock;
    private final TreeMap<Long, Row> rows = new TreeMap<>();
    private long next = 1;

    InMemoryOutbox(Clock clock) {
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** An appended event and its delivery state. */
    record Row(OutgoingEvent event, int attempts, Instant due, Instant leasedUntil, String lastError, boolean published) {
    }

    @Override
    public synchronized void append(OutgoingEvent event) {
        rows.put(next++, new Row(requireNonNull(event, "event is null"), 0, Instant.EPOCH, Instant.EPOCH, null, false));
    }

    @Override
    public synchronized List<Pending> lease(int max, Duration lease) {
        Instant now = clock.instant();
        List<Pending> leased = new ArrayList<>();
        for (var e : rows.entrySet()) {
            Row r = e.getValue();
            if (leased.size() < max && !r.published() && !r.due().isAfter(now) && !r.leasedUntil().isAfter(now)) {
                e.setValue(new Row(r.event(), r.attempts(), r.due(), now.plus(lease), r.lastError(), false));
                leased.add(new Pending(e.getKey(), r.event(), r.event().toCloudEventJson(), r.attempts()));
            }
        }
        return leased;
    }

    @Override
    public synchronized void markPublished(List<Long> sequences) {
        for (long s : sequences) {
            Row r = rows.get(s);
            rows.put(s, new Row(r.event(), r.attempts(), r.due(), Instant.EPOCH, r.lastError(), true));
        }
    }

    @Override
    public synchronized void markFailed(long sequence, String error, Instant nextAttempt) {
        Row r = rows.get(sequence);
        rows.put(sequence, new Row(r.event(), r.attempts() + 1, nextAttempt, Instant.EPOCH, error, false));
    }

    @Override
    public synchronized long pendingCount() {
        return rows.values().stream().filter(r -> !r.published()).count();
    }

    synchronized List<Row> rows() {
        return List.copyOf(rows.values());
    }
}
