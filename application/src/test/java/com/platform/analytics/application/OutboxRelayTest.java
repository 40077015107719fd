package com.platform.analytics.application;

import static org.assertj.core.api.Assertions.assertThat;

import com.platform.analytics.domain.publish.OutgoingEvent;
import com.platform.analytics.port.out.EventPublisher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OutboxRelayTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T00:00:00Z"));
    private final InMemoryOutbox outbox = new InMemoryOutbox(clock);
    private final OutboxRelay.Settings settings = new OutboxRelay.Settings(10, Duration.ofMillis(50),
            Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(60));

    @Test
    void publishesPendingEventsInOrderAndMarksThem() {
        RecordingPublisher publisher = new RecordingPublisher();
        OutgoingEvent a = event("a");
        OutgoingEvent b = event("b");
        outbox.append(a);
        outbox.append(b);

        int published = new OutboxRelay(outbox, publisher, clock, settings).relayOnce();

        assertThat(published).isEqualTo(2);
        assertThat(publisher.delivered).containsExactly(a, b);
        assertThat(publisher.json.get(0)).isEqualTo(a.toCloudEventJson());
        assertThat(outbox.pendingCount()).isZero();
        assertThat(new OutboxRelay(outbox, publisher, clock, settings).relayOnce()).isZero();
    }

    @Test
    void aFailedDeliveryIsRetriedAfterABackoffAndNotLost() {
        RecordingPublisher publisher = new RecordingPublisher();
        publisher.failuresLeft = 2;
        outbox.append(event("a"));
        OutboxRelay relay = new OutboxRelay(outbox, publisher, clock, settings);

        assertThat(relay.relayOnce()).isZero();
        InMemoryOutbox.Row row = outbox.row(1);
        assertThat(row.attempts).isEqualTo(1);
        assertThat(row.lastError).isEqualTo("broker down");
        // first retry after 0.5-1 s (equal jitter on 1 s)
        assertThat(Duration.between(clock.instant(), row.due)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
        assertThat(relay.relayOnce()).as("not due yet").isZero();

        clock.advance(Duration.ofSeconds(1));
        assertThat(relay.relayOnce()).isZero();
        assertThat(row.attempts).isEqualTo(2);
        assertThat(Duration.between(clock.instant(), row.due)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));

        clock.advance(Duration.ofSeconds(2));
        assertThat(relay.relayOnce()).isEqualTo(1);
        assertThat(outbox.pendingCount()).isZero();
        assertThat(publisher.delivered).hasSize(1);
    }

    @Test
    void backoffGrowsExponentiallyUpToTheCap() {
        OutboxRelay relay = new OutboxRelay(outbox, new RecordingPublisher(), clock, settings);
        for (int i = 0; i < 50; i++) {
            assertThat(relay.backoff(1)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
            assertThat(relay.backoff(4)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(8));
            assertThat(relay.backoff(40)).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(60));
        }
    }

    @Test
    void aLeasedBatchIsNotLeasedTwiceUntilTheLeaseRunsOut() {
        outbox.append(event("a"));
        assertThat(outbox.lease(10, Duration.ofSeconds(30))).hasSize(1);
        // a second relay (another instance) finds nothing while the first holds the lease
        assertThat(new OutboxRelay(outbox, new RecordingPublisher(), clock, settings).relayOnce()).isZero();
        clock.advance(Duration.ofSeconds(31));
        assertThat(new OutboxRelay(outbox, new RecordingPublisher(), clock, settings).relayOnce()).isEqualTo(1);
    }

    @Test
    void theBackgroundRelayDeliversToInProcessListeners() throws Exception {
        InProcessEventPublisher publisher = new InProcessEventPublisher();
        List<OutgoingEvent> received = new CopyOnWriteArrayList<>();
        publisher.subscribe(received::add);
        try (OutboxRelay relay = new OutboxRelay(outbox, publisher, Clock.systemUTC(), settings)) {
            relay.start();
            OutgoingEvent e = event("a");
            outbox.append(e);
            relay.nudge();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (received.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(received).containsExactly(e);
        }
    }

    private static OutgoingEvent event(String name) {
        return OutgoingEvent.of(OutgoingEvent.SEGMENT_UPDATED, "segment-" + name, Instant.parse("2026-03-01T00:00:00Z"),
                Map.of("segmentName", name, "userCount", 1L));
    }

    private static final class RecordingPublisher implements EventPublisher {
        final List<OutgoingEvent> delivered = new ArrayList<>();
        final List<String> json = new ArrayList<>();
        int failuresLeft;

        @Override
        public void publish(List<OutgoingEvent> events, List<String> cloudEventsJson) {
            if (failuresLeft > 0) {
                failuresLeft--;
                throw new IllegalStateException("broker down");
            }
            delivered.addAll(events);
            json.addAll(cloudEventsJson);
        }
    }

    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
