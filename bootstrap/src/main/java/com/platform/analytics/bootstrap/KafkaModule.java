package com.platform.analytics.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.platform.analytics.adapter.kafka.KafkaConsumerConfig;
import com.platform.analytics.adapter.kafka.KafkaEventConsumer;
import com.platform.analytics.adapter.kafka.KafkaEventPublisher;
import com.platform.analytics.adapter.kafka.KafkaPublisherConfig;
import com.platform.analytics.application.MeteredIngestion;
import com.platform.analytics.port.in.IngestEventsUseCase;
import com.platform.analytics.port.out.EventPublisher;
import com.platform.analytics.port.out.OperationalMetrics;
import java.util.ArrayList;
import java.util.List;

/**
 * The cluster profile's Kafka: a consumer group on the platform's topics feeding the ingestion pipeline, and the
 * publisher of this service's own events.
 * {@code serve} starts it; the lifecycle closes it (in-flight batch finished and committed) before the stores.
 */
final class KafkaModule extends AbstractModule {
    @Provides
    @Singleton
    KafkaConsumerConfig consumerConfig(AnalyticsConfig config) {
        ClusterSettings.Kafka k = config.cluster().kafka();
        KafkaConsumerConfig c = k.topics().isEmpty()
                ? KafkaConsumerConfig.forPattern(k.bootstrapServers(), k.groupId(), k.topicPattern())
                : KafkaConsumerConfig.forTopics(k.bootstrapServers(), k.groupId(), k.topics());
        return c.withDeadLetterSuffix(k.deadLetterSuffix()).withMaxPollRecords(Math.min(k.maxPollRecords(), config.maxEvents()));
    }

    /** This service's own events (spec 5.1), relayed from the outbox to {@code kafka.publish_topic}. */
    @Provides
    @Singleton
    EventPublisher publisher(AnalyticsConfig config, Lifecycle lifecycle) {
        ClusterSettings.Kafka k = config.cluster().kafka();
        return lifecycle.register(new KafkaEventPublisher(KafkaPublisherConfig.of(k.bootstrapServers()).withTopic(k.publishTopic())));
    }

    @Provides
    @Singleton
    KafkaIntake intake(KafkaConsumerConfig config, IngestEventsUseCase ingestion, AnalyticsConfig analytics,
            OperationalMetrics operational, com.platform.analytics.port.out.Tracing tracing, java.time.Clock clock,
            Lifecycle lifecycle) {
        List<KafkaEventConsumer> members = new ArrayList<>();
        for (int i = 0; i < analytics.cluster().kafka().consumers(); i++) {
            members.add(new KafkaEventConsumer(config, new MeteredIngestion(ingestion, "kafka", operational, tracing, clock), operational));
        }
        return lifecycle.register(new KafkaIntake(members));
    }
}
