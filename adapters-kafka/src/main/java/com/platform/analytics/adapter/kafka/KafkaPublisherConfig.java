package com.platform.analytics.adapter.kafka;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * How the event publisher writes to Kafka.
 *
 * @param bootstrapServers {@code host:port[,host:port...]} of the cluster
 * @param topic where the service's own events go ({@link #DEFAULT_TOPIC}); provisioned by operators, never
 *     created by the publisher
 * @param deliveryTimeout how long one record may take to be acknowledged (Kafka's {@code delivery.timeout.ms});
 *     half of it also bounds the wait for the topic's metadata, and half the diagnosis of a topic that never
 *     shows up, so a publish to a cluster that is down or lacks the topic fails within about this time
 * @param clientProperties Kafka producer settings laid over the adapter's own (security settings, client id,
 *     batching...). Settings the record owns ({@link #OWNED_SETTINGS}) and settings that would give up the
 *     idempotent, fully acknowledged delivery are refused
 */
public record KafkaPublisherConfig(
        String bootstrapServers, String topic, Duration deliveryTimeout, Map<String, String> clientProperties) {

    public static final String DEFAULT_TOPIC = "com.platform.analytics.events.v1";
    public static final Duration DEFAULT_DELIVERY_TIMEOUT = Duration.ofSeconds(30);
    /** Given by the record's fields or derived from them: an override would contradict them. */
    public static final Set<String> OWNED_SETTINGS = Set.of(
            "bootstrap.servers", "delivery.timeout.ms", "max.block.ms", "key.serializer", "value.serializer");
    /** The most in-flight requests per connection with which the idempotent producer still keeps order. */
    static final int MAX_IN_FLIGHT_KEEPING_ORDER = 5;

    public KafkaPublisherConfig {
        requireNonNull(bootstrapServers, "bootstrapServers is null");
        requireNonNull(topic, "topic is null");
        requireNonNull(deliveryTimeout, "deliveryTimeout is null");
        requireNonNull(clientProperties, "clientProperties is null");
        clientProperties = Map.copyOf(clientProperties);
        if (bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrapServers is blank");
        }
        if (topic.isBlank()) {
            throw new IllegalArgumentException("topic is blank");
        }
        // the producer's request timeout must fit in the delivery timeout, and half of it bounds the metadata wait
        if (deliveryTimeout.compareTo(Duration.ofMillis(200)) < 0) {
            throw new IllegalArgumentException("deliveryTimeout must be at least 200ms, was " + deliveryTimeout);
        }
        for (String owned : OWNED_SETTINGS) {
            if (clientProperties.containsKey(owned)) {
                throw new IllegalArgumentException("client property " + owned
                        + " cannot be overridden: it follows bootstrapServers and deliveryTimeout");
            }
        }
        String idempotence = clientProperties.get("enable.idempotence");
        if (idempotence != null && !"true".equalsIgnoreCase(idempotence)) {
            throw new IllegalArgumentException("enable.idempotence cannot be turned off: a retried send would"
                    + " duplicate or reorder events");
        }
        String acks = clientProperties.get("acks");
        if (acks != null && !"all".equalsIgnoreCase(acks) && !"-1".equals(acks)) {
            throw new IllegalArgumentException("acks must stay all: an event is published only once every in-sync"
                    + " replica has it, was " + acks);
        }
        String inFlight = clientProperties.get("max.in.flight.requests.per.connection");
        if (inFlight != null) {
            int requests;
            try {
                requests = Integer.parseInt(inFlight.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("max.in.flight.requests.per.connection is not a number: " + inFlight, e);
            }
            if (requests < 1 || requests > MAX_IN_FLIGHT_KEEPING_ORDER) {
                throw new IllegalArgumentException("max.in.flight.requests.per.connection must be between 1 and "
                        + MAX_IN_FLIGHT_KEEPING_ORDER + " (beyond, a subject's events could be reordered), was " + inFlight);
            }
        }
    }

    /** A publisher to the default topic with the default delivery timeout. */
    public static KafkaPublisherConfig of(String bootstrapServers) {
        return new KafkaPublisherConfig(bootstrapServers, DEFAULT_TOPIC, DEFAULT_DELIVERY_TIMEOUT, Map.of());
    }

    public KafkaPublisherConfig withTopic(String name) {
        return new KafkaPublisherConfig(bootstrapServers, name, deliveryTimeout, clientProperties);
    }

    public KafkaPublisherConfig withDeliveryTimeout(Duration timeout) {
        return new KafkaPublisherConfig(bootstrapServers, topic, timeout, clientProperties);
    }

    public KafkaPublisherConfig withClientProperties(Map<String, String> properties) {
        return new KafkaPublisherConfig(bootstrapServers, topic, deliveryTimeout, properties);
    }
}
