package com.platform.analytics.adapter.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads a topic back from its beginning, without a group: what the tests check the publisher wrote. */
final class TopicRecords {
    private TopicRecords() {
    }

    /** A record as read: partition, key, value (UTF-8) and its content-type header (null when absent). */
    record Published(int partition, long offset, String key, String value, String contentType) {
    }

    /** Every record of {@code topic}, waiting up to {@code timeout} for at least {@code expected} of them. */
    static List<Published> read(String bootstrapServers, String topic, int expected, Duration timeout) {
        Map<String, Object> properties = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<Published> records = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    records.add(published(r));
                }
            }
            // one more short poll: more records than expected (duplicates) must show too
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(300))) {
                records.add(published(r));
            }
            return records;
        }
    }

    private static Published published(ConsumerRecord<byte[], byte[]> r) {
        Header contentType = r.headers().lastHeader(KafkaEventPublisher.CONTENT_TYPE_HEADER);
        return new Published(r.partition(), r.offset(),
                r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8),
                new String(r.value(), StandardCharsets.UTF_8),
                contentType == null ? null : new String(contentType.value(), StandardCharsets.UTF_8));
    }
}
