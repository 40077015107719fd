package com.platform.analytics.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.platform.analytics.application.InProcessEventPublisher;
import com.platform.analytics.domain.publish.OutgoingEvent;
import com.platform.analytics.port.out.Outbox;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded profile's outbox, wired as the service runs it: an event appended to the PostgreSQL outbox reaches
 * an in-process listener through the relay the runtime started, and an event still pending when the service stops
 * is delivered after the next start.
 */
class OutboxDeliveryIT {
    @TempDir
    Path dataDir;

    @Test
    void appendedEventsReachInProcessListenersAcrossRestarts() throws Exception {
        OutgoingEvent first = OutgoingEvent.of(OutgoingEvent.ALERT_TRIGGERED, "CriticalDAUDrop", Instant.now(),
                Map.of("alertName", "CriticalDAUDrop", "severity", "critical"));
        try (AnalyticsRuntime runtime = AnalyticsRuntime.start(config(), Map.of())) {
            List<OutgoingEvent> received = new CopyOnWriteArrayList<>();
            runtime.get(InProcessEventPublisher.class).subscribe(received::add);
            runtime.get(Outbox.class).append(first);
            awaitSize(received, 1);
            assertThat(received).containsExactly(first);
            // marked published once the delivery returned
            awaitNothingPending(runtime.get(Outbox.class));
        }

        // a listener that fails: the delivery is retried, the event stays pending through a stop
        OutgoingEvent second = OutgoingEvent.of(OutgoingEvent.REPORT_GENERATED, "instance-1", Instant.now(),
                Map.of("reportInstanceId", "instance-1", "status", "completed"));
        try (AnalyticsRuntime runtime = AnalyticsRuntime.start(config(), Map.of())) {
            List<OutgoingEvent> attempts = new CopyOnWriteArrayList<>();
            runtime.get(InProcessEventPublisher.class).subscribe(e -> {
                attempts.add(e);
                throw new IllegalStateException("listener down");
            });
            runtime.get(Outbox.class).append(second);
            awaitSize(attempts, 1);
            assertThat(runtime.get(Outbox.class).pendingCount()).isEqualTo(1);
        }
        // the listener attached before delivery starts, as an embedding application does: nothing goes to nobody
        List<OutgoingEvent> received = new CopyOnWriteArrayList<>();
        try (AnalyticsRuntime runtime = AnalyticsRuntime.start(config(), Map.of(), List.of(received::add))) {
            awaitSize(received, 1);
            assertThat(received).as("delivered after the restart, the first event not again").containsExactly(second);
            awaitNothingPending(runtime.get(Outbox.class));
            Thread.sleep(200);
            assertThat(received).as("and only once").hasSize(1);
        }
    }

    private AnalyticsConfig config() {
        return ConfigLoader.load(null, Map.of(), Map.of("data_dir", dataDir.toString(), "server.port", "0"));
    }

    private static void awaitNothingPending(Outbox outbox) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (outbox.pendingCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(outbox.pendingCount()).isZero();
    }

    private static void awaitSize(List<?> list, int size) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (list.size() < size && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }
}
