package com.platform.analytics.adapter.http;

import com.platform.analytics.domain.event.BodyFormat;
import com.platform.analytics.port.in.IngestEventsUseCase;
import com.platform.analytics.port.in.IngestionResult;
import io.vertx.core.Context;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records each call (with the thread it ran on) and answers what the test set, or throws what it set. */
final class FakeIngestEvents implements IngestEventsUseCase {
    record Call(BodyFormat format, String body, String threadName, boolean onEventLoop) {
    }

    final List<Call> calls = new CopyOnWriteArrayList<>();
    volatile IngestionResult result = new IngestionResult(0, 0, List.of());
    volatile RuntimeException failure;
    /** When set, every call waits for it: requests pile up in progress. */
    volatile java.util.concurrent.CountDownLatch hold;

    @Override
    public IngestionResult ingest(BodyFormat format, String body) {
        calls.add(new Call(format, body, Thread.currentThread().getName(), Context.isOnEventLoopThread()));
        java.util.concurrent.CountDownLatch latch = hold;
        if (latch != null) {
            try {
                latch.await(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (failure != null) {
            throw failure;
        }
        return result;
    }
}
