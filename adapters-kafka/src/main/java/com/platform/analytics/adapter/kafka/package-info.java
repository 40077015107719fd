/**
 * Kafka adapters of the cluster profile. {@link com.platform.analytics.adapter.kafka.KafkaEventConsumer} is a
 * consumer group that decodes CloudEvents (structured and binary content mode) from the platform topics and
 * drives the ingestion use case, committing offsets only once a batch is durable, dead-lettering what cannot
 * be ingested to {@code <topic>.dlq}, and backing off with its partitions paused while the stores are down.
 *
 * <p>kafka-clients lives here and nowhere else: no Kafka type appears in a public signature.
 */
package com.platform.analytics.adapter.kafka;
