package com.platform.analytics.application;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.event.EventKey;
import com.platform.analytics.domain.fact.FactRow;
import com.platform.analytics.port.out.EventWarehouse;
import com.platform.analytics.port.out.StoredEventKeys;
import java.util.function.Consumer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A warehouse in memory: the rows and their key set. Like the real one it keeps every row it is given (a
 * second copy of an event is a second row, so a test sees doubles). It can be told to fail the next append,
 * and to hold each key lookup open until a second caller arrives (or a timeout), so that two requests whose
 * check-then-write is not serialized would both look before either writes.
 */
final class InMemoryEventWarehouse implements EventWarehouse, StoredEventKeys {
    private final List<FactRow> rows = new ArrayList<>();
    private final Set<EventKey> keys = new HashSet<>();
    private final AtomicInteger lookupsNow = new AtomicInteger();
    private final AtomicInteger lookups = new AtomicInteger();
    private final AtomicInteger mostLookupsAtOnce = new AtomicInteger();
    private volatile boolean failNextAppend;
    private volatile Duration lookupHold = Duration.ZERO;
    private volatile CountDownLatch bothCallers = new CountDownLatch(2);

    void failNextAppend() {
        failNextAppend = true;
    }

    void holdLookups(Duration hold) {
        bothCallers = new CountDownLatch(2);
        lookupHold = hold;
    }

    synchronized List<FactRow> rows() {
        return List.copyOf(rows);
    }

    int mostLookupsAtOnce() {
        return mostLookupsAtOnce.get();
    }

    /** How many times findExisting was called. */
    int lookups() {
        return lookups.get();
    }

    @Override
    public synchronized long countKeys() {
        return keys.size();
    }

    @Override
    public synchronized void forEachKey(Consumer<EventKey> sink) {
        keys.forEach(sink);
    }

    @Override
    public Set<EventKey> findExisting(Collection<EventKey> wanted) {
        lookups.incrementAndGet();
        mostLookupsAtOnce.accumulateAndGet(lookupsNow.incrementAndGet(), Math::max);
        try {
            if (!lookupHold.isZero()) {
                CountDownLatch latch = bothCallers;
                latch.countDown();
                latch.await(lookupHold.toMillis(), TimeUnit.MILLISECONDS);
            }
            synchronized (this) {
                Set<EventKey> found = new HashSet<>();
                for (EventKey k : wanted) {
                    if (keys.contains(k)) {
                        found.add(k);
                    }
                }
                return found;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            lookupsNow.decrementAndGet();
        }
    }

    @Override
    public synchronized void append(List<FactRow> newRows) {
        if (failNextAppend) {
            failNextAppend = false;
            throw new AnalyticsException(ErrorCode.STORAGE_UNAVAILABLE, "the warehouse is not answering (test)");
        }
        for (FactRow r : newRows) {
            keys.add(new EventKey(r.source(), r.eventId()));
            rows.add(r);
        }
    }
}
