package com.platform.analytics.adapter.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.platform.analytics.domain.error.ErrorCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The consumer against a real Kafka 4.4 broker (one per class: it takes seconds to start). */
class KafkaEventConsumerTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void decodesStructuredAndBinaryEventsAndDeadLettersTheOthersWithoutBlockingThePartition() throws Exception {
        String topic = "mixed";
        broker.createTopic(topic, 1);
        RecordHeaders structuredHeaders = headers("content-type", "application/cloudevents+json", "trace", "t-1");
        RecordHeaders binary = headers("ce_specversion", "1.0", "ce_id", "b-1", "ce_source", "/orders",
                "ce_type", "com.platform.order.created.v1", "ce_time", "2026-01-02T03:04:05Z", "ce_subject", "u-1",
                "ce_dataschema", "https://schemas/order", "ce_tenant", "acme", "content-type", "application/json");
        RecordHeaders binaryWithoutSource = headers("ce_specversion", "1.0", "ce_id", "b-2",
                "ce_type", "com.platform.order.created.v1", "content-type", "application/json");
        produce(List.of(
                record(topic, "k-s1", event("s-1", "{\"n\":1}"), structuredHeaders),
                record(topic, "k-s2", "{\n  \"specversion\": \"1.0\",\n  \"id\": \"s-2\",\n  \"source\": \"/orders\",\n"
                        + "  \"type\": \"t\",\n  \"data\": {\"n\": 2}\n}", new RecordHeaders()),
                record(topic, "k-b1", "{\"amount\": 12.5}", binary),
                record(topic, "k-nodata", event("s-3", null), structuredHeaders),
                record(topic, "k-junk", "not json {", headers("content-type", "application/cloudevents+json")),
                record(topic, "k-b2", "{\"amount\": 1}", binaryWithoutSource),
                record(topic, "k-s4", event("s-4", "{\"n\":4}"), new RecordHeaders())));

        RecordingIngestion ingestion = new RecordingIngestion();
        RecordingOperationalMetrics operational = new RecordingOperationalMetrics();
        try (KafkaEventConsumer consumer = new KafkaEventConsumer(config("mixed-group", topic), ingestion, operational)) {
            consumer.start();
            await(() -> consumer.metrics().consumed() == 7 && consumer.metrics().deadLettered() == 3);

            assertThat(ingestion.stored().keySet())
                    .containsExactly("/orders|s-1", "/orders|s-2", "/orders|b-1", "/orders|s-4");
            Map<String, Object> fromBinary = ingestion.stored().get("/orders|b-1");
            assertThat(fromBinary).containsEntry("type", "com.platform.order.created.v1")
                    .containsEntry("time", "2026-01-02T03:04:05Z").containsEntry("subject", "u-1")
                    .containsEntry("dataschema", "https://schemas/order").containsEntry("tenant", "acme")
                    .containsEntry("datacontenttype", "application/json");
            assertThat(fromBinary.get("data")).isEqualTo(Map.of("amount", new java.math.BigDecimal("12.5")));

            KafkaConsumerMetrics metrics = consumer.metrics();
            assertThat(metrics.partitions()).singleElement().satisfies(p -> {
                assertThat(p.partition()).isEqualTo(new PartitionId(topic, 0));
                assertThat(p.consumed()).isEqualTo(7);
                assertThat(p.rejected()).isEqualTo(3);
                assertThat(p.deadLettered()).isEqualTo(3);
            });
            await(() -> consumer.metrics().partitions().get(0).lagRecords().orElse(-1) == 0);
            assertThat(consumer.metrics().partitions().get(0).lagSeconds()).hasValue(0);

            // the same, for operators: 7 read, 3 invalid (undecodable or refused), caught up
            assertThat(operational.consumed(topic)).isEqualTo(7);
            assertThat(operational.errors()).isEqualTo(Map.of(topic + "|invalid", 3L));
            await(() -> operational.lastLag(topic, 0) == 0);
        }
        assertThat(committed("mixed-group")).containsEntry(new TopicPartition(topic, 0), 7L);

        List<ConsumerRecord<byte[], byte[]>> deadLetters = readAll(topic + ".dlq", 3);
        assertThat(deadLetters).extracting(r -> new String(r.key(), UTF_8)).containsExactly("k-nodata", "k-junk", "k-b2");
        ConsumerRecord<byte[], byte[]> noData = deadLetters.get(0);
        assertThat(header(noData, DeadLetterHeaders.REASON)).isEqualTo("INVALID_DATA: data is required (at /data)");
        assertThat(header(noData, DeadLetterHeaders.CODE)).isEqualTo("INVALID_DATA");
        assertThat(header(noData, DeadLetterHeaders.TOPIC)).isEqualTo(topic);
        assertThat(header(noData, DeadLetterHeaders.PARTITION)).isEqualTo("0");
        assertThat(header(noData, DeadLetterHeaders.OFFSET)).isEqualTo("3");
        assertThat(header(noData, "trace")).isEqualTo("t-1");
        assertThat(new String(noData.value(), UTF_8)).isEqualTo(event("s-3", null));
        assertThat(header(deadLetters.get(1), DeadLetterHeaders.REASON)).startsWith("MALFORMED_JSON: the value is not JSON");
        assertThat(header(deadLetters.get(1), DeadLetterHeaders.OFFSET)).isEqualTo("4");
        assertThat(header(deadLetters.get(2), DeadLetterHeaders.REASON))
                .isEqualTo("INVALID_ENVELOPE: binary-mode CloudEvent without header ce_source");
        assertThat(header(deadLetters.get(2), DeadLetterHeaders.OFFSET)).isEqualTo("5");
    }

    @Test
    void aRecordThatFailsItsWholeBatchIsIsolatedAndDeadLettered() throws Exception {
        String topic = "poisoned";
        broker.createTopic(topic, 1);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String data = i == 7 ? "{\"poison\":true}" : "{\"n\":" + i + "}";
            records.add(record(topic, "k" + i, event("p-" + i, data), new RecordHeaders()));
        }
        produce(records);
        RecordingIngestion ingestion = new RecordingIngestion();
        RecordingOperationalMetrics operational = new RecordingOperationalMetrics();
        try (KafkaEventConsumer consumer = new KafkaEventConsumer(config("poisoned-group", topic), ingestion,
                operational)) {
            consumer.start();
            await(() -> consumer.metrics().consumed() == 20);
            assertThat(consumer.metrics().deadLettered()).isEqualTo(1);
        }
        assertThat(operational.consumed(topic)).isEqualTo(20);
        // the whole-batch refusal is not transient: no retry, one invalid record
        assertThat(operational.errors()).isEqualTo(Map.of(topic + "|invalid", 1L));
        assertThat(ingestion.accepted()).isEqualTo(19);
        assertThat(ingestion.stored()).doesNotContainKey("/orders|p-7");
        ConsumerRecord<byte[], byte[]> deadLetter = readAll(topic + ".dlq", 1).get(0);
        assertThat(header(deadLetter, DeadLetterHeaders.CODE)).isEqualTo("INVALID_REQUEST_BODY");
        assertThat(header(deadLetter, DeadLetterHeaders.OFFSET)).isEqualTo("7");
        assertThat(committed("poisoned-group")).containsEntry(new TopicPartition(topic, 0), 20L);
    }

    @Test
    void aCrashAfterStoringButBeforeCommittingLosesNothingAndCountsNothingTwice() throws Exception {
        String topic = "crash";
        broker.createTopic(topic, 1);
        produce(events(topic, "c", 100));
        RecordingIngestion ingestion = new RecordingIngestion();
        ingestion.crashAfterStoring(30);

        RecordingOperationalMetrics operational = new RecordingOperationalMetrics();
        try (KafkaEventConsumer first = new KafkaEventConsumer(config("crash-group", topic), ingestion, operational)) {
            first.start();
            await(() -> !first.metrics().running());
            assertThat(first.metrics().failure()).contains("SimulatedCrash");
        }
        assertThat(operational.errors()).isEqualTo(Map.of(topic + "|stopped", 1L));
        int storedBeforeTheCrash = ingestion.accepted();
        assertThat(ingestion.storedByCrashedCall()).isPositive();
        // the crashed batch was stored but never committed: only batches before it may be
        assertThat(committed("crash-group").getOrDefault(new TopicPartition(topic, 0), 0L))
                .isEqualTo(storedBeforeTheCrash - ingestion.storedByCrashedCall());

        try (KafkaEventConsumer second = new KafkaEventConsumer(config("crash-group", topic), ingestion)) {
            second.start();
            await(() -> ingestion.accepted() == 100 && second.metrics().consumed() >= 100 - committedBefore(storedBeforeTheCrash, ingestion));
        }
        assertThat(ingestion.accepted()).isEqualTo(100);
        // the second consumer got the crashed batch again, and the pipeline saw its stored events as duplicates
        assertThat(ingestion.duplicates()).isEqualTo(ingestion.storedByCrashedCall());
        assertThat(committed("crash-group")).containsEntry(new TopicPartition(topic, 0), 100L);
    }

    private static int committedBefore(int storedBeforeTheCrash, RecordingIngestion ingestion) {
        return storedBeforeTheCrash - ingestion.storedByCrashedCall();
    }

    @Test
    void transientFailuresAreRetriedWithThePartitionsPausedAndTheConsumerStaysInItsGroup() throws Exception {
        String topic = "flaky";
        broker.createTopic(topic, 2);
        RecordingIngestion ingestion = new RecordingIngestion();
        ingestion.failNext(3, ErrorCode.SERVICE_BUSY);
        // backing off longer than max.poll.interval.ms: only polling while paused keeps the member in the group
        KafkaConsumerConfig config = config("flaky-group", topic)
                .withBackoff(Duration.ofMillis(400), Duration.ofMillis(1200))
                .withClientProperties(Map.of("consumer.max.poll.interval.ms", "1000"));
        RecordingOperationalMetrics operational = new RecordingOperationalMetrics();
        try (KafkaEventConsumer consumer = new KafkaEventConsumer(config, ingestion, operational)) {
            ingestion.probeEachCall(() -> consumer.metrics().pausedPartitions());
            consumer.start();
            await(() -> consumer.metrics().assignedPartitions().size() == 2);
            produce(events(topic, "f", 40));
            await(() -> ingestion.accepted() == 40 && consumer.metrics().consumed() == 40);

            KafkaConsumerMetrics metrics = consumer.metrics();
            assertThat(metrics.transientFailures()).isEqualTo(3);
            assertThat(metrics.pauses()).isGreaterThanOrEqualTo(1);
            assertThat(metrics.pausedPartitions()).isEmpty();
            assertThat(metrics.deadLettered()).isZero();
            List<Object> probes = ingestion.probes();
            // the first try runs unpaused; every retry runs while the partitions are still paused
            assertThat(probes.get(0)).isEqualTo(Set.of());
            assertThat(probes.subList(1, 4)).allSatisfy(p -> assertThat(p)
                    .isEqualTo(Set.of(new PartitionId(topic, 0), new PartitionId(topic, 1))));
            assertThat(operational.consumed(topic)).isEqualTo(40);
            assertThat(operational.errors()).isEqualTo(Map.of(topic + "|retry", 3L));
        }
        assertThat(ingestion.duplicates()).isZero();
        Map<TopicPartition, Long> committed = committed("flaky-group");
        assertThat(committed.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(40);
    }

    @Test
    void twoConsumersInOneGroupSplitThePartitionsAndIngestEachEventOnce() throws Exception {
        String topic = "split";
        broker.createTopic(topic, 4);
        RecordingIngestion ingestion = new RecordingIngestion();
        try (KafkaEventConsumer a = new KafkaEventConsumer(config("split-group", topic), ingestion);
                KafkaEventConsumer b = new KafkaEventConsumer(config("split-group", topic), ingestion)) {
            a.start();
            b.start();
            await(() -> a.metrics().assignedPartitions().size() == 2 && b.metrics().assignedPartitions().size() == 2);
            Set<PartitionId> both = new HashSet<>(a.metrics().assignedPartitions());
            both.addAll(b.metrics().assignedPartitions());
            assertThat(both).hasSize(4);

            produce(events(topic, "x", 200));
            await(() -> ingestion.accepted() == 200 && a.metrics().consumed() + b.metrics().consumed() == 200);
            assertThat(a.metrics().consumed()).isPositive();
            assertThat(b.metrics().consumed()).isPositive();
        }
        assertThat(ingestion.duplicates()).isZero();
        assertThat(committed("split-group").values().stream().mapToLong(Long::longValue).sum()).isEqualTo(200);
    }

    @Test
    void aPatternSubscriptionNeverReadsTheDeadLetterTopics() throws Exception {
        broker.createTopic("pat.orders", 1);
        broker.createTopic("pat.orders.dlq", 1);
        produce(List.of(
                record("pat.orders", "k1", event("o-1", "{}"), new RecordHeaders()),
                record("pat.orders", "k2", event("o-2", null), new RecordHeaders()),
                record("pat.orders.dlq", "k3", event("o-3", "{}"), new RecordHeaders())));
        RecordingIngestion ingestion = new RecordingIngestion();
        KafkaConsumerConfig config = KafkaConsumerConfig.forPattern(broker.bootstrapServers(), "pat-group", "pat\\..*")
                .withPollTimeout(Duration.ofMillis(100));
        try (KafkaEventConsumer consumer = new KafkaEventConsumer(config, ingestion)) {
            consumer.start();
            await(() -> consumer.metrics().consumed() == 2 && consumer.metrics().deadLettered() == 1);
            Thread.sleep(500); // a dead letter read back would show up within a few polls
            assertThat(consumer.metrics().assignedPartitions()).containsExactly(new PartitionId("pat.orders", 0));
            assertThat(consumer.metrics().consumed()).isEqualTo(2);
        }
        assertThat(ingestion.stored().keySet()).containsExactly("/orders|o-1");
        assertThat(readAll("pat.orders.dlq", 2)).hasSize(2);
    }

    @Test
    void closeLetsTheBatchInFlightFinishAndCommitsIt() throws Exception {
        String topic = "closing";
        broker.createTopic(topic, 1);
        produce(events(topic, "z", 30));
        RecordingIngestion ingestion = new RecordingIngestion();
        java.util.concurrent.CountDownLatch ingesting = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        ingestion.probeEachCall(() -> {
            ingesting.countDown();
            try {
                release.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        });
        KafkaEventConsumer consumer = new KafkaEventConsumer(config("closing-group", topic), ingestion);
        consumer.start();
        assertThat(ingesting.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        Thread closer = new Thread(consumer::close);
        closer.start();
        Thread.sleep(300); // close() has woken the consumer while the batch is being ingested
        assertThat(closer.isAlive()).isTrue();
        release.countDown();
        closer.join(WAIT.toMillis());

        assertThat(closer.isAlive()).isFalse();
        assertThat(consumer.metrics().running()).isFalse();
        assertThat(consumer.metrics().failure()).isNull();
        int ingested = ingestion.accepted();
        assertThat(ingested).isPositive();
        assertThat(committed("closing-group")).containsEntry(new TopicPartition(topic, 0), (long) ingested);
    }

    @Test
    void theLagIsTheAgeOfTheLastRecordConsumedWhileBehindAndZeroOnceCaughtUp() throws Exception {
        String topic = "lagging";
        broker.createTopic(topic, 1);
        long anHourAgo = System.currentTimeMillis() - 3_600_000;
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            records.add(new ProducerRecord<>(topic, 0, anHourAgo + i, ("k" + i).getBytes(UTF_8),
                    event("l-" + i, "{\"n\":" + i + "}").getBytes(UTF_8), new RecordHeaders()));
        }
        produce(records);
        RecordingIngestion ingestion = new RecordingIngestion();
        RecordingOperationalMetrics operational = new RecordingOperationalMetrics();
        // ten records a poll: three polls, the first two leave the partition behind
        KafkaConsumerConfig config = config("lagging-group", topic).withMaxPollRecords(10);
        try (KafkaEventConsumer consumer = new KafkaEventConsumer(config, ingestion, operational)) {
            consumer.start();
            await(() -> ingestion.accepted() == 30 && operational.lastLag(topic, 0) == 0);
            assertThat(operational.consumed(topic)).isEqualTo(30);
            List<RecordingOperationalMetrics.Lag> behind = operational.lags(topic, 0).stream()
                    .filter(l -> l.seconds() > 0).toList();
            // while behind, the age of the last record read: an hour, give or take the test's own seconds
            assertThat(behind).isNotEmpty().allSatisfy(l -> assertThat(l.seconds()).isBetween(3_590.0, 3_700.0));
        }
    }

    @Test
    void aDeadLetterTopicThatRefusesRecordsIsCountedAndRetriedAndTheBatchStaysUncommitted() throws Exception {
        String topic = "refusing-dlq";
        broker.createTopic(topic, 1);
        produce(List.of(record(topic, "k-ok", event("r-1", "{}"), new RecordHeaders()),
                record(topic, "k-bad", "not json {", new RecordHeaders())));
        RecordingIngestion ingestion = new RecordingIngestion();
        RecordingOperationalMetrics operational = new RecordingOperationalMetrics();
        // records larger than the producer may send: every dead letter fails, like a dead-letter topic refusing them
        KafkaConsumerConfig config = config("refusing-group", topic)
                .withClientProperties(Map.of("producer.max.request.size", "64"));
        try (KafkaEventConsumer consumer = new KafkaEventConsumer(config, ingestion, operational)) {
            consumer.start();
            await(() -> operational.errors(topic, "dead_letter") >= 2);
            assertThat(operational.errors(topic, "invalid")).isZero();
            assertThat(operational.consumed(topic)).isZero();
        }
        assertThat(ingestion.accepted()).isEqualTo(1);
        assertThat(committed("refusing-group")).doesNotContainKey(new TopicPartition(topic, 0));
    }

    private static KafkaConsumerConfig config(String group, String topic) {
        return KafkaConsumerConfig.forTopics(broker.bootstrapServers(), group, List.of(topic))
                .withPollTimeout(Duration.ofMillis(100))
                .withBackoff(Duration.ofMillis(50), Duration.ofMillis(400));
    }

    private static String event(String id, String data) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"/orders\",\"type\":\"com.platform.order.created.v1\","
                + "\"time\":\"2026-01-02T03:04:05Z\"" + (data == null ? "" : ",\"data\":" + data) + "}";
    }

    private static List<ProducerRecord<byte[], byte[]>> events(String topic, String prefix, int count) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(record(topic, prefix + i, event(prefix + "-" + i, "{\"n\":" + i + "}"), new RecordHeaders()));
        }
        return records;
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, String key, String value, RecordHeaders headers) {
        return new ProducerRecord<>(topic, null, key.getBytes(UTF_8), value.getBytes(UTF_8), headers);
    }

    private static RecordHeaders headers(String... keysAndValues) {
        RecordHeaders headers = new RecordHeaders();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            headers.add(keysAndValues[i], keysAndValues[i + 1].getBytes(UTF_8));
        }
        return headers;
    }

    private static void produce(List<ProducerRecord<byte[], byte[]>> records) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (ProducerRecord<byte[], byte[]> record : records) {
                producer.send(record).get(10, TimeUnit.SECONDS);
            }
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int expected) {
        try (KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = reader.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                reader.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            // anything beyond the expected records would arrive with them: poll once more to see it
            reader.poll(Duration.ofMillis(300)).forEach(records::add);
            assertThat(records).as("records on " + topic).hasSize(expected);
            return records;
        }
    }

    private static Map<TopicPartition, Long> committed(String group) throws Exception {
        try (Admin admin = broker.admin()) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, Long> result = new HashMap<>();
            offsets.forEach((p, o) -> {
                if (o != null) {
                    result.put(p, o.offset());
                }
            });
            return result;
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), UTF_8);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + WAIT);
            }
            Thread.sleep(20);
        }
    }
}
