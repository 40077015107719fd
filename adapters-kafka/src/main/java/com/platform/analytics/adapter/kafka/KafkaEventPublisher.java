package com.platform.analytics.adapter.kafka;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.publish.OutgoingEvent;
import com.platform.analytics.port.out.EventPublisher;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the service's events to Kafka, for the outbox relay: CloudEvents in structured mode, one record
 * per event, keyed by the event's subject so that one subject's events stay in order within its partition;
 * the value is the CloudEvent JSON and the {@code content-type} header says so.
 *
 * <p>The producer is idempotent with {@code acks=all} and at most {@value KafkaPublisherConfig#MAX_IN_FLIGHT_KEEPING_ORDER}
 * requests in flight per connection: its own retries neither duplicate nor reorder records. {@link #publish}
 * sends the whole batch, then waits for every acknowledgement; if any record was not acknowledged it throws,
 * and the relay delivers the whole batch again later (consumers deduplicate on the event id).
 *
 * <p>The topic is never created here: operators provision it. When its metadata does not arrive in time, an
 * admin client tells the two usual causes apart, a cluster that does not answer and a topic that does not
 * exist, so that the error names what to fix. Kafka's exceptions are translated to {@link AnalyticsException}
 * ({@link ErrorCode#STORAGE_UNAVAILABLE}) with the topic and Kafka's message; none leaves this class.
 */
public final class KafkaEventPublisher implements EventPublisher, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaEventPublisher.class);
    /** CloudEvents' Kafka binding, structured content mode: the whole event, JSON, in the value. */
    static final String CONTENT_TYPE_HEADER = "content-type";
    static final String STRUCTURED_CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";
    private static final byte[] STRUCTURED_CONTENT_TYPE_BYTES = STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8);
    private static final long LINGER_MS = 5;
    private static final long DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
    /** Beyond the delivery timeout, before a record the producer has not failed itself counts as lost. */
    private static final Duration ACKNOWLEDGEMENT_GRACE = Duration.ofSeconds(1);

    private final KafkaPublisherConfig config;
    private final Producer<byte[], byte[]> producer;
    private volatile boolean closed;

    @Inject
    public KafkaEventPublisher(KafkaPublisherConfig config) {
        this.config = requireNonNull(config, "config is null");
        try {
            this.producer = new KafkaProducer<>(producerProperties(config), new ByteArraySerializer(),
                    new ByteArraySerializer());
        } catch (KafkaException e) {
            throw new AnalyticsException(ErrorCode.STORAGE_UNAVAILABLE,
                    "the Kafka producer for topic " + config.topic() + " cannot be created: " + describe(e));
        }
    }

    @Override
    public void publish(List<OutgoingEvent> events, List<String> cloudEventsJson) {
        requireNonNull(events, "events is null");
        requireNonNull(cloudEventsJson, "cloudEventsJson is null");
        if (events.size() != cloudEventsJson.size()) {
            throw new IllegalArgumentException(events.size() + " events but " + cloudEventsJson.size() + " CloudEvent JSON strings");
        }
        if (closed) {
            throw new IllegalStateException("the publisher to topic " + config.topic() + " is closed");
        }
        if (events.isEmpty()) {
            return;
        }
        awaitTopicMetadata();
        List<Future<RecordMetadata>> acknowledgements = new ArrayList<>(events.size());
        String sendFailure = null;
        for (int i = 0; i < events.size(); i++) {
            try {
                Future<RecordMetadata> acknowledgement = producer.send(record(events.get(i), cloudEventsJson.get(i)));
                acknowledgements.add(acknowledgement);
                if (acknowledgement.isDone() && failure(acknowledgement) != null) {
                    // failed before it left (metadata gone, record too large): the rest would only wait as long
                    break;
                }
            } catch (KafkaException | IllegalStateException e) {
                sendFailure = describe(e);
                break;
            }
        }
        awaitAcknowledgements(events.size(), acknowledgements, sendFailure);
    }

    /** Delivers what was sent and closes the producer. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            producer.flush();
        } catch (KafkaException e) {
            LOG.warn("flushing the events for topic {} failed: {}", config.topic(), describe(e));
        } finally {
            try {
                producer.close(config.deliveryTimeout());
            } catch (KafkaException e) {
                LOG.warn("closing the Kafka producer for topic {} failed: {}", config.topic(), describe(e));
            }
        }
    }

    private ProducerRecord<byte[], byte[]> record(OutgoingEvent event, String cloudEventJson) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CONTENT_TYPE_HEADER, STRUCTURED_CONTENT_TYPE_BYTES);
        return new ProducerRecord<>(config.topic(), null, event.subject().getBytes(StandardCharsets.UTF_8),
                cloudEventJson.getBytes(StandardCharsets.UTF_8), headers);
    }

    /**
     * Waits (up to {@code max.block.ms}) for the partitions of the topic. Without it the first send would wait,
     * and every following one again, when the cluster is down or the topic missing.
     */
    private void awaitTopicMetadata() {
        try {
            producer.partitionsFor(config.topic());
        } catch (TimeoutException e) {
            throw new AnalyticsException(ErrorCode.STORAGE_UNAVAILABLE, diagnoseMissingMetadata(e));
        } catch (KafkaException e) {
            throw new AnalyticsException(ErrorCode.STORAGE_UNAVAILABLE,
                    "publishing to Kafka topic " + config.topic() + " failed: " + describe(e));
        }
    }

    /** Why the topic's metadata did not arrive: the cluster does not answer, or the topic does not exist. */
    private String diagnoseMissingMetadata(TimeoutException metadataTimeout) {
        Duration budget = metadataWait(config.deliveryTimeout());
        String prefix = "publishing to Kafka topic " + config.topic() + " failed: ";
        Admin admin;
        try {
            admin = Admin.create(adminProperties(budget));
        } catch (KafkaException e) {
            return prefix + describe(metadataTimeout) + " (and the diagnosis failed: " + describe(e) + ")";
        }
        try {
            admin.describeTopics(List.of(config.topic())).allTopicNames()
                    .get(budget.plus(ACKNOWLEDGEMENT_GRACE).toMillis(), TimeUnit.MILLISECONDS);
            return prefix + "the topic exists but its metadata did not reach the producer in time: "
                    + describe(metadataTimeout);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UnknownTopicOrPartitionException) {
                return prefix + "the topic does not exist on the cluster at " + config.bootstrapServers()
                        + " (topics are provisioned by operators; the publisher does not create them): "
                        + describe(cause);
            }
            return prefix + (cause instanceof TimeoutException ? unreachable(cause) : describe(cause));
        } catch (java.util.concurrent.TimeoutException e) {
            return prefix + unreachable(metadataTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return prefix + describe(metadataTimeout);
        } finally {
            // a cluster that does not answer must not hold the caller on the admin client's close
            admin.close(Duration.ZERO);
        }
    }

    private String unreachable(Throwable error) {
        return "the Kafka cluster at " + config.bootstrapServers() + " did not answer within "
                + config.deliveryTimeout().toMillis() + "ms (unreachable or down): " + describe(error);
    }

    private void awaitAcknowledgements(int total, List<Future<RecordMetadata>> acknowledgements, String sendFailure) {
        long deadline = System.nanoTime() + config.deliveryTimeout().plus(ACKNOWLEDGEMENT_GRACE).toNanos();
        int failed = total - acknowledgements.size();
        String firstError = sendFailure;
        for (Future<RecordMetadata> acknowledgement : acknowledgements) {
            String error;
            try {
                acknowledgement.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                continue;
            } catch (ExecutionException e) {
                error = describe(e.getCause());
            } catch (java.util.concurrent.TimeoutException e) {
                error = "not acknowledged within " + config.deliveryTimeout().toMillis() + "ms";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AnalyticsException(ErrorCode.STORAGE_UNAVAILABLE, "interrupted while waiting for Kafka topic "
                        + config.topic() + " to acknowledge " + total + " events");
            }
            failed++;
            if (firstError == null) {
                firstError = error;
            }
        }
        if (failed > 0) {
            throw new AnalyticsException(ErrorCode.STORAGE_UNAVAILABLE, failed + " of " + total
                    + " events were not acknowledged by Kafka topic " + config.topic() + ": " + firstError);
        }
    }

    /** The failure of a completed send, or null when it succeeded. */
    private static Throwable failure(Future<RecordMetadata> done) {
        try {
            done.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        }
    }

    /** Kafka's error as text: its class names the kind (the exception itself stays here). */
    private static String describe(Throwable error) {
        return error.getClass().getSimpleName() + ": " + error.getMessage();
    }

    /** How long the producer waits for the topic's metadata, and the diagnosis for a cluster after it. */
    private static Duration metadataWait(Duration deliveryTimeout) {
        return deliveryTimeout.dividedBy(2);
    }

    private static Properties producerProperties(KafkaPublisherConfig config) {
        long delivery = config.deliveryTimeout().toMillis();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, String.valueOf(KafkaPublisherConfig.MAX_IN_FLIGHT_KEEPING_ORDER));
        p.put(ProducerConfig.LINGER_MS_CONFIG, String.valueOf(LINGER_MS));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(delivery));
        // Kafka requires delivery.timeout.ms >= linger.ms + request.timeout.ms
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(Math.min(DEFAULT_REQUEST_TIMEOUT_MS, delivery - LINGER_MS)));
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(metadataWait(config.deliveryTimeout()).toMillis()));
        // reconnect quickly to a broker that comes back, rather than after the default second
        p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "500");
        p.putAll(config.clientProperties());
        return p;
    }

    /** The admin client of a diagnosis: the connection settings of the producer (security...), short timeouts. */
    private Properties adminProperties(Duration budget) {
        Properties p = new Properties();
        for (Map.Entry<String, String> e : config.clientProperties().entrySet()) {
            if (AdminClientConfig.configNames().contains(e.getKey())) {
                p.put(e.getKey(), e.getValue());
            }
        }
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(budget.toMillis()));
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(budget.toMillis()));
        p.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "200");
        return p;
    }
}
