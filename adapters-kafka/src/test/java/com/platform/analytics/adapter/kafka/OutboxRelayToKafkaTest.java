package com.platform.analytics.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.platform.analytics.application.OutboxRelay;
import com.platform.analytics.domain.json.Json;
import com.platform.analytics.domain.publish.OutgoingEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The application's real outbox relay delivering to a real broker through the Kafka publisher: a round that
 * fails (the topic is not provisioned yet) leaves the batch pending with the error, and once the topic exists
 * the retry after the back-off publishes everything, and the outbox ends empty.
 */
class OutboxRelayToKafkaTest {
    private static final String TOPIC = "com.platform.analytics.events.v1";

    @Test
    void aFailedRoundIsRetriedUntilEveryEventIsOnTheTopic() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        InMemoryOutbox outbox = new InMemoryOutbox(clock);
        List<OutgoingEvent> appended = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            String type = List.copyOf(OutgoingEvent.TYPES).get(i % OutgoingEvent.TYPES.size());
            OutgoingEvent event = KafkaEventPublisherTest.event(type, "subject/" + (i % 4), i);
            outbox.append(event);
            appended.add(event);
        }
        OutboxRelay.Settings settings = new OutboxRelay.Settings(10, Duration.ofMillis(100), Duration.ofSeconds(30),
                Duration.ofSeconds(1), Duration.ofSeconds(8));

        try (KafkaBroker broker = KafkaBroker.start(Map.of("auto.create.topics.enable", "false"));
                KafkaEventPublisher publisher = new KafkaEventPublisher(
                        KafkaPublisherConfig.of(broker.bootstrapServers()).withDeliveryTimeout(Duration.ofSeconds(2)))) {
            OutboxRelay relay = new OutboxRelay(outbox, publisher, clock, settings);

            // the topic is not provisioned yet: the round fails, the leased batch waits for its retry
            assertThat(relay.relayOnce()).isZero();
            assertThat(outbox.pendingCount()).isEqualTo(25);
            List<InMemoryOutbox.Row> failed = outbox.rows().stream().filter(r -> r.attempts() > 0).toList();
            assertThat(failed).hasSize(10);
            assertThat(failed).allSatisfy(r -> {
                assertThat(r.lastError()).contains(TOPIC).contains("does not exist");
                assertThat(r.due()).isAfter(clock.instant());
            });

            broker.createTopic(TOPIC, 2);
            // the other 15 were never tried: they go now; the failed 10 only once their back-off has passed
            assertThat(relay.relayOnce()).isEqualTo(10);
            assertThat(relay.relayOnce()).isEqualTo(5);
            assertThat(relay.relayOnce()).as("the failed batch waits out its back-off").isZero();
            assertThat(outbox.pendingCount()).isEqualTo(10);

            clock.advance(settings.backoffMax());
            assertThat(relay.relayOnce()).isEqualTo(10);
            assertThat(relay.relayOnce()).isZero();
            assertThat(outbox.pendingCount()).isZero();
            assertThat(outbox.rows()).allSatisfy(r -> assertThat(r.published()).isTrue());

            List<TopicRecords.Published> records = TopicRecords.read(broker.bootstrapServers(), TOPIC, appended.size(),
                    Duration.ofSeconds(30));
            assertThat(records.stream().map(r -> (String) Json.parseObject(r.value()).get("id")))
                    .as("every event once: the failed round sent nothing")
                    .containsExactlyInAnyOrderElementsOf(appended.stream().map(e -> e.id().toString()).toList());
            Map<String, OutgoingEvent> byId = appended.stream().collect(Collectors.toMap(e -> e.id().toString(), e -> e));
            assertThat(records).allSatisfy(r -> {
                OutgoingEvent event = byId.get((String) Json.parseObject(r.value()).get("id"));
                assertThat(r.key()).isEqualTo(event.subject());
                assertThat(r.value()).isEqualTo(event.toCloudEventJson());
                assertThat(r.contentType()).isEqualTo(KafkaEventPublisher.STRUCTURED_CONTENT_TYPE);
            });
            // keyed by subject: one subject's events share a partition
            records.stream().collect(Collectors.groupingBy(TopicRecords.Published::key)).forEach((subject, published) ->
                    assertThat(published.stream().map(TopicRecords.Published::partition).distinct()).as(subject).hasSize(1));
        }
    }

    /** A clock the test moves: back-offs pass without waiting for them. */
    private static final class MutableClock extends Clock {
        private final AtomicReference<Instant> now;

        MutableClock(Instant start) {
            now = new AtomicReference<>(start);
        }

        void advance(Duration by) {
            now.updateAndGet(t -> t.plus(by));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
