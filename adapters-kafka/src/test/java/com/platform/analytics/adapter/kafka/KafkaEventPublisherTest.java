package com.platform.analytics.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.json.Json;
import com.platform.analytics.domain.publish.OutgoingEvent;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The publisher against a real broker that, as in production, does not create topics on demand. */
class KafkaEventPublisherTest {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
    private static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123Z");
    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaBroker.start(Map.of("auto.create.topics.enable", "false"));
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void publishedEventsArriveInOrderAsStructuredCloudEventsKeyedBySubject() {
        String topic = "publish.structured";
        broker.createTopic(topic, 1);
        List<OutgoingEvent> events = List.of(
                event(OutgoingEvent.REPORT_GENERATED, "report-instance/41", 1),
                event(OutgoingEvent.SEGMENT_UPDATED, "segment/vip-clients", 2),
                event(OutgoingEvent.ALERT_TRIGGERED, "alert/épargne-ü", 3),
                event(OutgoingEvent.REPORT_GENERATED, "report-instance/42", 4));

        try (KafkaEventPublisher publisher = new KafkaEventPublisher(config(topic))) {
            publisher.publish(events, json(events));
        }

        List<TopicRecords.Published> records = TopicRecords.read(broker.bootstrapServers(), topic, events.size(), READ_TIMEOUT);
        assertThat(records).hasSize(events.size());
        for (int i = 0; i < events.size(); i++) {
            OutgoingEvent event = events.get(i);
            TopicRecords.Published record = records.get(i);
            assertThat(record.key()).isEqualTo(event.subject());
            assertThat(record.contentType()).isEqualTo("application/cloudevents+json; charset=UTF-8");
            assertThat(record.value()).isEqualTo(event.toCloudEventJson());
            Map<String, Object> cloudEvent = Json.parseObject(record.value());
            assertThat(cloudEvent).isEqualTo(Json.parseObject(event.toCloudEventJson()));
            assertThat(cloudEvent).containsEntry("id", event.id().toString()).containsEntry("type", event.type());
        }
    }

    @Test
    void oneSubjectsEventsShareAPartitionAndKeepTheirOrder() {
        String topic = "publish.partitioned";
        broker.createTopic(topic, 3);
        List<OutgoingEvent> events = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            events.add(event(OutgoingEvent.SEGMENT_UPDATED, "segment/" + (i % 6), i));
        }

        try (KafkaEventPublisher publisher = new KafkaEventPublisher(config(topic))) {
            publisher.publish(events, json(events));
        }

        List<TopicRecords.Published> records = TopicRecords.read(broker.bootstrapServers(), topic, events.size(), READ_TIMEOUT);
        assertThat(records).hasSize(events.size());
        Map<String, List<TopicRecords.Published>> bySubject = records.stream()
                .collect(Collectors.groupingBy(TopicRecords.Published::key, LinkedHashMap::new, Collectors.toList()));
        assertThat(bySubject).hasSize(6);
        assertThat(records.stream().map(TopicRecords.Published::partition).distinct().count())
                .as("six subjects over three partitions").isGreaterThan(1);
        bySubject.forEach((subject, published) -> {
            assertThat(published.stream().map(TopicRecords.Published::partition).distinct()).as(subject).hasSize(1);
            List<Long> offsets = published.stream().map(TopicRecords.Published::offset).toList();
            assertThat(offsets).as(subject).isSorted();
            List<String> expectedIds = events.stream().filter(e -> e.subject().equals(subject)).map(e -> e.id().toString()).toList();
            assertThat(published.stream().sorted(java.util.Comparator.comparingLong(TopicRecords.Published::offset))
                    .map(p -> (String) Json.parseObject(p.value()).get("id")).toList())
                    .as(subject).isEqualTo(expectedIds);
        });
    }

    @Test
    void aBatchOfFiveHundredIsAcknowledged() {
        String topic = "publish.batch";
        broker.createTopic(topic, 2);
        List<OutgoingEvent> events = IntStream.range(0, 500)
                .mapToObj(i -> event(OutgoingEvent.REPORT_GENERATED, "report-instance/" + (i % 37), i))
                .toList();

        try (KafkaEventPublisher publisher = new KafkaEventPublisher(config(topic))) {
            publisher.publish(events, json(events));
        }

        List<TopicRecords.Published> records = TopicRecords.read(broker.bootstrapServers(), topic, events.size(), READ_TIMEOUT);
        assertThat(records.stream().map(r -> (String) Json.parseObject(r.value()).get("id")))
                .containsExactlyInAnyOrderElementsOf(events.stream().map(e -> e.id().toString()).toList());
    }

    @Test
    void aMissingTopicIsAClearErrorNotACreation() throws Exception {
        String topic = "publish.never-provisioned";
        Duration timeout = Duration.ofSeconds(2);
        List<OutgoingEvent> events = List.of(event(OutgoingEvent.ALERT_TRIGGERED, "alert/1", 1));

        AnalyticsException error;
        long started = System.nanoTime();
        try (KafkaEventPublisher publisher = new KafkaEventPublisher(config(topic).withDeliveryTimeout(timeout))) {
            error = catchThrowableOfType(AnalyticsException.class, () -> publisher.publish(events, json(events)));
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(error).isNotNull();
        assertThat(error.code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE);
        assertThat(error.getMessage()).contains(topic).contains("does not exist").contains("provisioned by operators");
        assertThat(error.getCause()).as("no Kafka exception leaves the adapter").isNull();
        assertThat(took).isLessThan(timeout.plusSeconds(3));
        try (var admin = broker.admin()) {
            assertThat(admin.listTopics().names().get()).doesNotContain(topic);
        }
    }

    @Test
    void anUnreachableClusterFailsWithinTheDeliveryTimeoutRatherThanHanging() throws IOException {
        String closedPort = "127.0.0.1:" + closedPort();
        Duration timeout = Duration.ofSeconds(2);
        List<OutgoingEvent> events = List.of(event(OutgoingEvent.ALERT_TRIGGERED, "alert/1", 1),
                event(OutgoingEvent.ALERT_TRIGGERED, "alert/2", 2));

        AnalyticsException error;
        long started = System.nanoTime();
        try (KafkaEventPublisher publisher = new KafkaEventPublisher(
                KafkaPublisherConfig.of(closedPort).withDeliveryTimeout(timeout))) {
            error = catchThrowableOfType(AnalyticsException.class, () -> publisher.publish(events, json(events)));
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(error).isNotNull();
        assertThat(error.code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE);
        assertThat(error.getMessage()).contains(KafkaPublisherConfig.DEFAULT_TOPIC).contains(closedPort)
                .contains("did not answer");
        assertThat(error.getCause()).isNull();
        assertThat(took).isLessThan(timeout.plusSeconds(3));
    }

    @Test
    void aBrokerStoppedAfterTheFirstPublishFailsTheNextWithinTheDeliveryTimeout() throws Exception {
        Duration timeout = Duration.ofSeconds(2);
        List<OutgoingEvent> first = List.of(event(OutgoingEvent.SEGMENT_UPDATED, "segment/a", 1));
        List<OutgoingEvent> second = List.of(event(OutgoingEvent.SEGMENT_UPDATED, "segment/a", 2),
                event(OutgoingEvent.SEGMENT_UPDATED, "segment/b", 3), event(OutgoingEvent.SEGMENT_UPDATED, "segment/c", 4));
        try (KafkaBroker stopping = KafkaBroker.start(Map.of("auto.create.topics.enable", "false"))) {
            stopping.createTopic(KafkaPublisherConfig.DEFAULT_TOPIC, 1);
            try (KafkaEventPublisher publisher = new KafkaEventPublisher(
                    KafkaPublisherConfig.of(stopping.bootstrapServers()).withDeliveryTimeout(timeout))) {
                publisher.publish(first, json(first));
                // the producer knows the topic's partitions now: the records are sent, and never acknowledged
                stopping.close();

                long started = System.nanoTime();
                AnalyticsException error = catchThrowableOfType(AnalyticsException.class,
                        () -> publisher.publish(second, json(second)));
                Duration took = Duration.ofNanos(System.nanoTime() - started);

                assertThat(error).isNotNull();
                assertThat(error.code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE);
                // the records wait for the broker until they expire, or, when the producer dropped the topic's
                // metadata on the disconnection, they are never sent: either way the publish fails, in time
                assertThat(error.getMessage()).contains(KafkaPublisherConfig.DEFAULT_TOPIC)
                        .containsAnyOf("3 of 3 events were not acknowledged", "did not answer");
                assertThat(error.getCause()).isNull();
                assertThat(took).isLessThan(timeout.plusSeconds(3));
            }
        }
    }

    @Test
    void aRecordTheBrokerRefusesFailsThePublishNamingKafkasError() throws Exception {
        // the broker takes the request and refuses the record: sent, never acknowledged
        String topic = "publish.small-records-only";
        try (var admin = broker.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(Map.of("max.message.bytes", "2048"))))
                    .all().get(30, TimeUnit.SECONDS);
        }
        OutgoingEvent large = OutgoingEvent.of(OutgoingEvent.REPORT_GENERATED, "report-instance/8", T0,
                Map.of("summary", "x".repeat(10_000)));
        List<OutgoingEvent> events = List.of(event(OutgoingEvent.REPORT_GENERATED, "report-instance/7", 1), large);

        AnalyticsException error;
        try (KafkaEventPublisher publisher = new KafkaEventPublisher(config(topic).withDeliveryTimeout(Duration.ofSeconds(5)))) {
            error = catchThrowableOfType(AnalyticsException.class, () -> publisher.publish(events, json(events)));
        }

        assertThat(error).isNotNull();
        assertThat(error.code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE);
        assertThat(error.getMessage()).containsPattern("[12] of 2 events were not acknowledged by Kafka topic " + topic)
                .contains("RecordTooLargeException");
        assertThat(error.getCause()).isNull();
    }

    @Test
    void anEmptyBatchNeedsNoBrokerAndAClosedPublisherRefusesWork() throws IOException {
        KafkaEventPublisher publisher = new KafkaEventPublisher(KafkaPublisherConfig.of("127.0.0.1:" + closedPort()));
        publisher.publish(List.of(), List.of());
        publisher.close();
        List<OutgoingEvent> events = List.of(event(OutgoingEvent.ALERT_TRIGGERED, "alert/1", 1));
        assertThatThrownBy(() -> publisher.publish(events, json(events)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        try (KafkaEventPublisher open = new KafkaEventPublisher(KafkaPublisherConfig.of(broker.bootstrapServers()))) {
            assertThatThrownBy(() -> open.publish(events, List.of())).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static KafkaPublisherConfig config(String topic) {
        return KafkaPublisherConfig.of(broker.bootstrapServers()).withTopic(topic).withDeliveryTimeout(Duration.ofSeconds(20));
    }

    static OutgoingEvent event(String type, String subject, int n) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("subject", subject);
        data.put("n", n);
        data.put("note", "ünïcode ✓");
        return OutgoingEvent.of(type, subject, T0.plusSeconds(n), data);
    }

    static List<String> json(List<OutgoingEvent> events) {
        return events.stream().map(OutgoingEvent::toCloudEventJson).toList();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
