package com.platform.analytics.adapter.kafka;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.event.BodyFormat;
import com.platform.analytics.domain.event.Rejection;
import com.platform.analytics.port.in.IngestEventsUseCase;
import com.platform.analytics.port.in.IngestionResult;
import com.platform.analytics.port.out.OperationalMetrics;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A member of a Kafka consumer group that feeds the platform's CloudEvents to the ingestion use case.
 *
 * <p>At least once from Kafka, exactly once in effect: a poll's records go to the pipeline as one NDJSON
 * body, and their offsets are committed only after {@code ingest} returned (the events are durable) and the
 * dead-letter topic acknowledged the refused ones. A crash in between redelivers the batch, and the
 * pipeline, which deduplicates on (source, id), counts each event once.
 *
 * <p>A bad record never blocks its partition: what does not decode, and what the pipeline refuses, goes to
 * {@code <topic><suffix>} with the reason and its origin in headers ({@link DeadLetterHeaders}). A transient
 * failure (stores unavailable, service busy, an unexpected exception) is retried with exponential back-off
 * and jitter; meanwhile the partitions are paused and the consumer keeps polling, so it stays in its group
 * without reading further. A whole-batch refusal that is not transient sends the batch through one event
 * at a time, so that only the culprit is dead-lettered.
 *
 * <p>The poll loop runs on a thread of its own ({@link #start()}); {@link #close()} wakes it, lets the batch
 * in flight finish (or abandons it, uncommitted, when it is waiting out a back-off), commits and leaves the
 * group. Everything Kafka is touched from the loop thread only, as the client requires.
 *
 * <p>For operators it records through {@link OperationalMetrics}: the records read per topic, errors per topic and
 * kind ({@value #ERROR_INVALID}: a record that does not decode or that the pipeline refuses; {@value #ERROR_RETRY}: a
 * transient ingestion failure, retried; {@value #ERROR_DEAD_LETTER}: a dead letter the dead-letter topic did not
 * acknowledge, retried; {@value #ERROR_STOPPED}: the loop stopped on an unexpected failure), and after every poll
 * each owned partition's lag in seconds: the age of the last record consumed from it while it is behind its end, 0
 * once caught up. The lag comes from the positions the client already holds, so it costs no request to the broker.
 */
public final class KafkaEventConsumer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaEventConsumer.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration BACKOFF_POLL = Duration.ofMillis(100);
    static final String ERROR_INVALID = "invalid";
    static final String ERROR_RETRY = "retry";
    static final String ERROR_DEAD_LETTER = "dead_letter";
    static final String ERROR_STOPPED = "stopped";

    private final KafkaConsumerConfig config;
    private final IngestEventsUseCase ingestion;
    private final OperationalMetrics operational;
    private final Clock clock;
    private final RetryBackoff backoff;
    private final CloudEventRecordDecoder decoder = new CloudEventRecordDecoder();

    private final Map<PartitionId, PartitionCounters> counters = new ConcurrentHashMap<>();
    private final AtomicLong transientFailures = new AtomicLong();
    private final AtomicLong pauses = new AtomicLong();
    private volatile Set<PartitionId> paused = Set.of();
    private volatile boolean running;
    private volatile String failure;
    private volatile boolean closing;

    private final Object lifecycle = new Object();
    private Consumer<byte[], byte[]> consumer;
    private Producer<byte[], byte[]> producer;
    private Thread loop;

    // loop-thread state: offsets whose records are durable but not committed yet, and whether we back off
    private final Map<TopicPartition, OffsetAndMetadata> durable = new HashMap<>();
    private boolean backingOff;

    /** Without operational metrics (its own {@link #metrics()} still count). */
    public KafkaEventConsumer(KafkaConsumerConfig config, IngestEventsUseCase ingestion) {
        this(config, ingestion, OperationalMetrics.NONE);
    }

    @Inject
    public KafkaEventConsumer(KafkaConsumerConfig config, IngestEventsUseCase ingestion, OperationalMetrics operational) {
        this(config, ingestion, operational, Clock.systemUTC(), () -> ThreadLocalRandom.current().nextDouble());
    }

    KafkaEventConsumer(KafkaConsumerConfig config, IngestEventsUseCase ingestion, Clock clock, DoubleSupplier random) {
        this(config, ingestion, OperationalMetrics.NONE, clock, random);
    }

    KafkaEventConsumer(KafkaConsumerConfig config, IngestEventsUseCase ingestion, OperationalMetrics operational,
            Clock clock, DoubleSupplier random) {
        this.config = requireNonNull(config, "config is null");
        this.ingestion = requireNonNull(ingestion, "ingestion is null");
        this.operational = requireNonNull(operational, "operational is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.backoff = new RetryBackoff(config.initialBackoff(), config.maxBackoff(), random);
    }

    /** Joins the group and starts the poll loop on its own thread. */
    public void start() {
        synchronized (lifecycle) {
            if (loop != null) {
                throw new IllegalStateException("the consumer was already started");
            }
            try {
                consumer = new KafkaConsumer<>(consumerProperties(), new ByteArrayDeserializer(),
                        new ByteArrayDeserializer());
                producer = new KafkaProducer<>(producerProperties(), new ByteArraySerializer(),
                        new ByteArraySerializer());
            } catch (KafkaException e) {
                closeQuietly();
                throw new AnalyticsException(ErrorCode.STORAGE_UNAVAILABLE,
                        "the Kafka clients cannot be created: " + e.getMessage(), null, null, e);
            }
            running = true;
            loop = new Thread(this::run, "kafka-event-consumer-" + config.groupId());
            loop.start();
        }
    }

    /** Finishes the batch in flight, commits, leaves the group and closes the clients. */
    @Override
    public void close() {
        Thread thread;
        synchronized (lifecycle) {
            closing = true;
            thread = loop;
            if (consumer != null) {
                try {
                    consumer.wakeup();
                } catch (RuntimeException alreadyClosed) {
                    // the loop stopped on its own and closed the client
                }
            }
        }
        if (thread == null || thread == Thread.currentThread()) {
            return;
        }
        try {
            thread.join(CLOSE_TIMEOUT.toMillis());
            if (thread.isAlive()) {
                LOG.warn("the Kafka consumer of group {} did not stop within {}", config.groupId(), CLOSE_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The counters now; safe to call from any thread. */
    public KafkaConsumerMetrics metrics() {
        long now = clock.millis();
        List<KafkaConsumerMetrics.PartitionMetrics> partitions = counters.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getValue().snapshot(e.getKey(), now))
                .toList();
        return new KafkaConsumerMetrics(partitions, paused, transientFailures.get(), pauses.get(), running, failure);
    }

    private void run() {
        try {
            subscribe();
            while (!closing) {
                ConsumerRecords<byte[], byte[]> records;
                try {
                    records = consumer.poll(config.pollTimeout());
                } catch (WakeupException e) {
                    continue; // close() woke us: the loop condition decides
                }
                if (!records.isEmpty()) {
                    try {
                        handle(records);
                    } catch (Abandoned e) {
                        LOG.info("closing while backing off: the batch in flight is abandoned uncommitted and will be"
                                + " redelivered");
                        break;
                    }
                }
                updateLag();
            }
            commitDurable();
            closeClients();
        } catch (Throwable e) {
            // nothing of the batch in flight is committed: a restarted consumer gets it again
            failure = e.toString();
            counters.keySet().stream().map(PartitionId::topic).distinct()
                    .forEach(topic -> operational.kafkaConsumerError(topic, ERROR_STOPPED));
            LOG.error("the Kafka consumer of group {} stopped; the batch in flight is not committed", config.groupId(), e);
            closeQuietly();
        } finally {
            running = false;
        }
    }

    private void subscribe() {
        RebalanceListener listener = new RebalanceListener();
        config.subscriptionPattern().ifPresentOrElse(
                pattern -> consumer.subscribe(pattern, listener),
                () -> consumer.subscribe(config.topics(), listener));
    }

    private void handle(ConsumerRecords<byte[], byte[]> records) {
        List<PendingEvent> events = new ArrayList<>(records.count());
        List<DeadLetter> deadLetters = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> next = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            CloudEventRecordDecoder.Decoded decoded = decoder.decode(record.headers(), record.value());
            if (decoded instanceof CloudEventRecordDecoder.Line line) {
                events.add(new PendingEvent(record, line.json()));
            } else if (decoded instanceof CloudEventRecordDecoder.Undecodable bad) {
                deadLetters.add(new DeadLetter(record, bad.code().name(), bad.reason()));
            }
            next.put(new TopicPartition(record.topic(), record.partition()),
                    new OffsetAndMetadata(record.offset() + 1, record.leaderEpoch(), ""));
        }
        if (!events.isEmpty()) {
            deadLetters.addAll(ingest(events));
        }
        // a dead-letter topic keeps its records in the order they had in their partition
        deadLetters.sort(Comparator.comparing((DeadLetter d) -> d.record().topic())
                .thenComparingInt(d -> d.record().partition())
                .thenComparingLong(d -> d.record().offset()));
        sendDeadLetters(deadLetters);

        long now = clock.millis();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            countersOf(record).consumed(record.timestamp(), now);
        }
        for (DeadLetter letter : deadLetters) {
            countersOf(letter.record()).rejected();
            operational.kafkaConsumerError(letter.record().topic(), ERROR_INVALID);
        }
        for (TopicPartition partition : records.partitions()) {
            operational.kafkaConsumed(partition.topic(), records.records(partition).size());
        }
        durable.putAll(next);
        commitDurable();
    }

    /** Ingests the events; returns the refused ones. */
    private List<DeadLetter> ingest(List<PendingEvent> events) {
        String body = events.stream().map(PendingEvent::line).collect(Collectors.joining("\n"));
        IngestionResult result;
        try {
            result = retrying("ingesting " + events.size() + " events", topicsOf(events),
                    () -> ingestion.ingest(BodyFormat.NDJSON, body));
        } catch (AnalyticsException refused) {
            LOG.warn("the pipeline refused a batch of {} events as a whole ({}: {}); ingesting them one by one",
                    events.size(), refused.code(), refused.detail());
            return ingestOneByOne(events);
        }
        List<DeadLetter> refusedEvents = new ArrayList<>();
        Set<Integer> seen = new java.util.HashSet<>();
        for (Rejection rejection : result.rejections()) {
            if (rejection.index() < 0 || rejection.index() >= events.size()) {
                throw new IllegalStateException("the pipeline rejected index " + rejection.index() + " of a batch of "
                        + events.size());
            }
            if (seen.add(rejection.index())) {
                refusedEvents.add(deadLetter(events.get(rejection.index()).record(), rejection));
            }
        }
        return refusedEvents;
    }

    private List<DeadLetter> ingestOneByOne(List<PendingEvent> events) {
        List<DeadLetter> refusedEvents = new ArrayList<>();
        for (PendingEvent event : events) {
            try {
                IngestionResult result = retrying("ingesting one event", Set.of(event.record().topic()),
                        () -> ingestion.ingest(BodyFormat.NDJSON, event.line()));
                if (!result.rejections().isEmpty()) {
                    refusedEvents.add(deadLetter(event.record(), result.rejections().get(0)));
                }
            } catch (AnalyticsException refused) {
                refusedEvents.add(new DeadLetter(event.record(), refused.code().name(), refused.detail()));
            }
        }
        return refusedEvents;
    }

    private static DeadLetter deadLetter(ConsumerRecord<byte[], byte[]> record, Rejection rejection) {
        String where = rejection.pointer() == null ? "" : " (at " + rejection.pointer() + ")";
        return new DeadLetter(record, rejection.code().name(), rejection.detail() + where);
    }

    /**
     * Runs {@code action} until it succeeds or fails for good, backing off with paused partitions after each
     * transient failure.
     */
    private <T> T retrying(String what, Set<String> topics, Supplier<T> action) {
        int attempt = 0;
        while (true) {
            try {
                T result = action.get();
                resumeAfterBackoff();
                return result;
            } catch (RuntimeException e) {
                if (!isTransient(e)) {
                    resumeAfterBackoff();
                    throw e;
                }
                attempt++;
                transientFailures.incrementAndGet();
                topics.forEach(topic -> operational.kafkaConsumerError(topic, ERROR_RETRY));
                Duration delay = backoff.delay(attempt);
                LOG.warn("{} failed (try {}): {}; retrying in {} ms with the partitions paused", what, attempt, e,
                        delay.toMillis());
                backOff(delay);
            }
        }
    }

    /**
     * Whether trying again later may succeed. Unavailable stores and a busy service are; so are internal
     * errors and exceptions that are not the service's (a store's driver failing). What the pipeline refuses
     * as the client's fault (a body it cannot read, too many events) is not: the batch goes one by one.
     */
    static boolean isTransient(RuntimeException e) {
        if (e instanceof AnalyticsException analytics) {
            ErrorCode.Kind kind = analytics.code().kind();
            return kind == ErrorCode.Kind.UNAVAILABLE || kind == ErrorCode.Kind.INTERNAL;
        }
        return true;
    }

    /** Waits {@code delay} with every assigned partition paused, polling so that the group keeps us. */
    private void backOff(Duration delay) {
        if (!backingOff) {
            backingOff = true;
            consumer.pause(consumer.assignment());
            pauses.incrementAndGet();
            refreshPaused();
        }
        long deadline = System.nanoTime() + delay.toNanos();
        while (true) {
            if (closing) {
                throw new Abandoned();
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return;
            }
            try {
                ConsumerRecords<byte[], byte[]> unexpected =
                        consumer.poll(Duration.ofNanos(Math.min(remaining, BACKOFF_POLL.toNanos())));
                // paused partitions return nothing; should a partition slip through, read it again later
                for (TopicPartition partition : unexpected.partitions()) {
                    consumer.seek(partition, unexpected.records(partition).get(0).offset());
                    consumer.pause(List.of(partition));
                }
            } catch (WakeupException e) {
                // close() woke us: checked at the top
            }
        }
    }

    private void resumeAfterBackoff() {
        if (backingOff) {
            backingOff = false;
            consumer.resume(consumer.paused());
            refreshPaused();
        }
    }

    private void refreshPaused() {
        paused = consumer.paused().stream().map(KafkaEventConsumer::id).collect(Collectors.toUnmodifiableSet());
    }

    /** Writes the dead letters and waits until Kafka acknowledged each of them. */
    private void sendDeadLetters(List<DeadLetter> letters) {
        List<DeadLetter> pending = letters;
        int attempt = 0;
        while (!pending.isEmpty()) {
            List<Future<RecordMetadata>> sent = new ArrayList<>(pending.size());
            for (DeadLetter letter : pending) {
                sent.add(send(letter));
            }
            producer.flush();
            List<DeadLetter> failed = new ArrayList<>();
            Throwable lastError = null;
            for (int i = 0; i < pending.size(); i++) {
                try {
                    sent.get(i).get();
                    countersOf(pending.get(i).record()).deadLettered();
                } catch (ExecutionException e) {
                    failed.add(pending.get(i));
                    operational.kafkaConsumerError(pending.get(i).record().topic(), ERROR_DEAD_LETTER);
                    lastError = e.getCause();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted waiting for the dead-letter topic", e);
                }
            }
            pending = failed;
            if (!pending.isEmpty()) {
                attempt++;
                transientFailures.incrementAndGet();
                Duration delay = backoff.delay(attempt);
                LOG.warn("{} dead letters were not acknowledged (try {}): {}; retrying in {} ms", pending.size(),
                        attempt, lastError, delay.toMillis());
                backOff(delay);
            }
        }
        resumeAfterBackoff();
    }

    private Future<RecordMetadata> send(DeadLetter letter) {
        ConsumerRecord<byte[], byte[]> original = letter.record();
        RecordHeaders headers = new RecordHeaders();
        for (Header header : original.headers()) {
            headers.add(header);
        }
        headers.add(DeadLetterHeaders.REASON, utf8(letter.code() + ": " + letter.detail()));
        headers.add(DeadLetterHeaders.CODE, utf8(letter.code()));
        headers.add(DeadLetterHeaders.TOPIC, utf8(original.topic()));
        headers.add(DeadLetterHeaders.PARTITION, utf8(Integer.toString(original.partition())));
        headers.add(DeadLetterHeaders.OFFSET, utf8(Long.toString(original.offset())));
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(config.deadLetterTopic(original.topic()), null,
                original.key(), original.value(), headers);
        try {
            return producer.send(record);
        } catch (KafkaException e) {
            return java.util.concurrent.CompletableFuture.failedFuture(e);
        }
    }

    /** Commits the offsets of durable records on the partitions we still own. */
    private void commitDurable() {
        if (durable.isEmpty()) {
            return;
        }
        Set<TopicPartition> owned = consumer.assignment();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        durable.forEach((partition, offset) -> {
            if (owned.contains(partition)) {
                offsets.put(partition, offset);
            }
        });
        durable.clear();
        commit(offsets);
    }

    private void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        if (offsets.isEmpty()) {
            return;
        }
        try {
            try {
                consumer.commitSync(offsets);
            } catch (WakeupException e) {
                // close() asked us to stop while ingesting: the batch is durable, so commit it all the same
                consumer.commitSync(offsets);
            }
        } catch (KafkaException e) {
            // the events are durable; if the partition moves on uncommitted its new owner reads them again
            // and the pipeline recognizes them as duplicates
            LOG.warn("committing {} failed: {}; the records will be redelivered and counted once", offsets.keySet(), e.toString());
        }
    }

    /**
     * Takes each owned partition's lag from the client's cached fetch positions and high watermarks ({@code currentLag}
     * asks the broker nothing), and records its age in seconds once it is known.
     */
    private void updateLag() {
        long now = clock.millis();
        for (TopicPartition partition : consumer.assignment()) {
            OptionalLong lag = consumer.currentLag(partition);
            if (lag.isPresent()) {
                PartitionCounters partitionCounters = countersOf(id(partition));
                partitionCounters.lag(lag.getAsLong());
                OptionalDouble seconds = partitionCounters.lagSeconds(now);
                if (seconds.isPresent()) {
                    operational.kafkaConsumerLag(partition.topic(), partition.partition(), seconds.getAsDouble());
                }
            }
        }
    }

    private static Set<String> topicsOf(List<PendingEvent> events) {
        return events.stream().map(e -> e.record().topic()).collect(Collectors.toUnmodifiableSet());
    }

    private Properties consumerProperties() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(config.maxPollRecords()));
        // events from a transactional producer (the outbox relay) count only once their transaction committed
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // batches the size max.poll.records allows: the client's 1 MiB per partition and fetch holds ~2,000 typical
        // events, and every batch costs a warehouse part and a journal fsync; a fetch waits up to 100 ms to fill
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(8 * 1024 * 1024));
        p.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, Integer.toString(1024 * 1024));
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        if (config.topicPattern() != null) {
            // a new platform topic matching the pattern is joined within 30 s, not the client's default 5 minutes
            p.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "30000");
        }
        applyOverrides(p, "consumer.", "producer.");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return p;
    }

    private Properties producerProperties() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        applyOverrides(p, "producer.", "consumer.");
        return p;
    }

    private void applyOverrides(Properties p, String ownPrefix, String otherPrefix) {
        config.clientProperties().forEach((key, value) -> {
            if (key.startsWith(ownPrefix)) {
                p.put(key.substring(ownPrefix.length()), value);
            } else if (!key.startsWith(otherPrefix)) {
                p.put(key, value);
            }
        });
    }

    private void closeClients() {
        synchronized (lifecycle) {
            try {
                producer.close(Duration.ofSeconds(10));
            } finally {
                consumer.close();
            }
        }
    }

    private void closeQuietly() {
        synchronized (lifecycle) {
            if (producer != null) {
                try {
                    producer.close(Duration.ZERO);
                } catch (RuntimeException e) {
                    LOG.debug("closing the dead-letter producer", e);
                }
            }
            if (consumer != null) {
                try {
                    consumer.close();
                } catch (RuntimeException e) {
                    LOG.debug("closing the consumer", e);
                }
            }
        }
    }

    private PartitionCounters countersOf(ConsumerRecord<?, ?> record) {
        return countersOf(new PartitionId(record.topic(), record.partition()));
    }

    private PartitionCounters countersOf(PartitionId partition) {
        return counters.computeIfAbsent(partition, p -> new PartitionCounters());
    }

    private static PartitionId id(TopicPartition partition) {
        return new PartitionId(partition.topic(), partition.partition());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Called inside {@code poll}, on the loop thread, between two batches or during a back-off. */
    private final class RebalanceListener implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata offset = durable.remove(partition);
                if (offset != null) {
                    offsets.put(partition, offset);
                }
                countersOf(id(partition)).assigned(false);
            }
            commit(offsets);
            refreshPaused();
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            for (TopicPartition partition : partitions) {
                countersOf(id(partition)).assigned(true);
            }
            if (backingOff) {
                consumer.pause(partitions);
            }
            refreshPaused();
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            // another member may own them already: committing would be refused, redelivery is deduplicated
            for (TopicPartition partition : partitions) {
                durable.remove(partition);
                countersOf(id(partition)).assigned(false);
            }
            refreshPaused();
        }
    }

    private record PendingEvent(ConsumerRecord<byte[], byte[]> record, String line) {
    }

    private record DeadLetter(ConsumerRecord<byte[], byte[]> record, String code, String detail) {
    }

    /** Thrown out of a back-off when {@link #close()} was called: the batch is left uncommitted. */
    private static final class Abandoned extends RuntimeException {
        Abandoned() {
            super("abandoned for shutdown", null, false, false);
        }
    }

    /** One partition's counters, written by the loop thread and read by {@link #metrics()}. */
    private static final class PartitionCounters {
        private final AtomicLong consumed = new AtomicLong();
        private final AtomicLong rejected = new AtomicLong();
        private final AtomicLong deadLettered = new AtomicLong();
        private volatile boolean assigned;
        private volatile long lagRecords = -1;
        private volatile long lastTimestamp = -1;

        void consumed(long timestamp, long now) {
            consumed.incrementAndGet();
            if (timestamp >= 0) {
                lastTimestamp = Math.max(lastTimestamp, Math.min(timestamp, now));
            }
        }

        void rejected() {
            rejected.incrementAndGet();
        }

        void deadLettered() {
            deadLettered.incrementAndGet();
        }

        void assigned(boolean owned) {
            assigned = owned;
        }

        void lag(long records) {
            lagRecords = records;
        }

        /** 0 when caught up; otherwise the age of the last record consumed; empty before either is known. */
        OptionalDouble lagSeconds(long now) {
            long lag = lagRecords;
            long last = lastTimestamp;
            if (lag == 0) {
                return OptionalDouble.of(0);
            } else if (last >= 0) {
                return OptionalDouble.of(Math.max(0, now - last) / 1000.0);
            }
            return OptionalDouble.empty();
        }

        KafkaConsumerMetrics.PartitionMetrics snapshot(PartitionId partition, long now) {
            long lag = lagRecords;
            return new KafkaConsumerMetrics.PartitionMetrics(partition, consumed.get(), rejected.get(),
                    deadLettered.get(), assigned, lag < 0 ? OptionalLong.empty() : OptionalLong.of(lag), lagSeconds(now));
        }
    }
}
