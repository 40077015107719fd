package com.platform.analytics.adapter.kafka;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Topic chores for tools around the service (the Kafka benchmark): create and delete a topic, load it with
 * CloudEvents, read it back raw, compare a group's commits with the end offsets. Kept in this adapter so Kafka's
 * client stays here; partitions are plain numbers outside it.
 */
public final class KafkaTopicTool implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Header CONTENT_TYPE = new RecordHeader("content-type",
            "application/cloudevents+json; charset=UTF-8".getBytes(StandardCharsets.UTF_8));

    private final String bootstrapServers;
    private final Admin admin;

    public KafkaTopicTool(String bootstrapServers) {
        this.bootstrapServers = requireNonNull(bootstrapServers, "bootstrapServers is null");
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    public void createTopic(String topic, int partitions) {
        await("create topic " + topic, () -> admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all()
                .get(60, TimeUnit.SECONDS));
    }

    public void deleteTopic(String topic) {
        await("delete topic " + topic, () -> admin.deleteTopics(List.of(topic)).all().get(60, TimeUnit.SECONDS));
    }

    /**
     * Produces every line as a structured-mode CloudEvent (acks=all, idempotent, batched), keyed by {@code key}.
     *
     * @return the number of records the broker acknowledged
     */
    public long produce(String topic, Iterator<String> lines, Function<String, String> key) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        // larger batches than the default: a load is produced as fast as possible, not event by event
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        AtomicReference<Exception> failed = new AtomicReference<>();
        AtomicLong acknowledged = new AtomicLong();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            while (lines.hasNext() && failed.get() == null) {
                String line = lines.next();
                if (line.isBlank()) {
                    continue;
                }
                producer.send(new ProducerRecord<>(topic, null, key.apply(line).getBytes(StandardCharsets.UTF_8),
                        line.getBytes(StandardCharsets.UTF_8), new RecordHeaders(new Header[] {CONTENT_TYPE})), (m, e) -> {
                            if (e != null) {
                                failed.compareAndSet(null, e);
                            } else {
                                acknowledged.incrementAndGet();
                            }
                        });
            }
            producer.flush();
        }
        if (failed.get() != null) {
            throw new AnalyticsException(ErrorCode.STORAGE_UNAVAILABLE, "producing to " + topic + " failed: " + failed.get());
        }
        return acknowledged.get();
    }

    /** What a raw read saw. */
    public record RawRead(long records, long bytes) {
    }

    /**
     * Reads {@code expected} records of {@code topic} as a new group would (earliest, read_committed,
     * {@code maxPollRecords} per poll), only counting them and their bytes.
     *
     * @throws AnalyticsException when nothing more arrives for {@code stall} before all were read
     */
    public RawRead readAll(String topic, String group, int maxPollRecords, long expected, Duration stall) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(maxPollRecords));
        long records = 0;
        long bytes = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long lastProgress = System.nanoTime();
            while (records < expected) {
                long before = records;
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                    records++;
                    bytes += r.value().length + (r.key() == null ? 0 : r.key().length);
                }
                long now = System.nanoTime();
                if (records > before) {
                    lastProgress = now;
                } else if (now - lastProgress > stall.toNanos()) {
                    throw new AnalyticsException(ErrorCode.STORAGE_UNAVAILABLE, "read " + records + " of " + expected
                            + " records of " + topic + " and nothing more for " + stall);
                }
            }
        }
        return new RawRead(records, bytes);
    }

    /** The end offset of every partition of {@code topic}, by partition number. */
    public Map<Integer, Long> endOffsets(String topic, int partitions) {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int i = 0; i < partitions; i++) {
            latest.put(new TopicPartition(topic, i), OffsetSpec.latest());
        }
        Map<Integer, Long> end = new HashMap<>();
        await("read the end offsets of " + topic, () -> admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS))
                .forEach((tp, info) -> end.put(tp.partition(), info.offset()));
        return end;
    }

    /** The offsets {@code group} committed on {@code topic}, by partition number (absent: nothing committed). */
    public Map<Integer, Long> committedOffsets(String group, String topic) {
        Map<TopicPartition, OffsetAndMetadata> committed = await("read the commits of " + group,
                () -> admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS));
        Map<Integer, Long> out = new HashMap<>();
        committed.forEach((tp, offset) -> {
            if (tp.topic().equals(topic) && offset != null) {
                out.put(tp.partition(), offset.offset());
            }
        });
        return out;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(10));
    }

    private interface Call<T> {
        T get() throws InterruptedException, ExecutionException, TimeoutException;
    }

    private static <T> T await(String what, Call<T> call) {
        try {
            return call.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AnalyticsException(ErrorCode.STORAGE_UNAVAILABLE, "interrupted while waiting to " + what);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new AnalyticsException(ErrorCode.STORAGE_UNAVAILABLE, "could not " + what + ": " + cause);
        }
    }
}
