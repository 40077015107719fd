/**
 * Kafka adapters of the cluster profile.
 *
 * <p>In: {@link com.platform.analytics.adapter.kafka.KafkaEventConsumer} is a consumer group that decodes
 * CloudEvents (structured and binary content mode) from the platform topics and drives the ingestion use
 * case, committing offsets only once a batch is durable, dead-lettering what cannot be ingested to
 * {@code <topic>.dlq}, and backing off with its partitions paused while the stores are down.
 *
 * <p>Out: {@link com.platform.analytics.adapter.kafka.KafkaEventPublisher} is the outbox relay's
 * {@code EventPublisher}: an idempotent producer ({@code acks=all}) that writes the service's own events to
 * {@code com.platform.analytics.events.v1} as structured-mode CloudEvents keyed by subject, and returns only
 * once every record is acknowledged. It never creates topics (operators provision them) and tells a missing
 * topic from an unreachable cluster in its error.
 *
 * <p>kafka-clients lives here and nowhere else: no Kafka type appears in a public signature, and Kafka's
 * exceptions are translated to {@code AnalyticsException} at this boundary.
 */
package com.platform.analytics.adapter.kafka;
