package com.platform.analytics.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaPublisherConfigTest {
    @Test
    void defaultsToThePlatformTopic() {
        KafkaPublisherConfig config = KafkaPublisherConfig.of("127.0.0.1:9092");
        assertThat(config.topic()).isEqualTo("com.platform.analytics.events.v1");
        assertThat(config.deliveryTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.clientProperties()).isEmpty();
    }

    @Test
    void keepsOverridesThatKeepTheGuarantees() {
        KafkaPublisherConfig config = KafkaPublisherConfig.of("b:9092").withClientProperties(Map.of(
                "acks", "-1", "enable.idempotence", "true", "max.in.flight.requests.per.connection", "1",
                "client.id", "analytics-publisher", "security.protocol", "SSL"));
        assertThat(config.clientProperties()).containsEntry("client.id", "analytics-publisher");
    }

    @Test
    void refusesOverridesThatGiveUpIdempotentOrderedFullyAcknowledgedDelivery() {
        KafkaPublisherConfig config = KafkaPublisherConfig.of("b:9092");
        assertThatThrownBy(() -> config.withClientProperties(Map.of("enable.idempotence", "false")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("enable.idempotence");
        assertThatThrownBy(() -> config.withClientProperties(Map.of("acks", "1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("acks");
        assertThatThrownBy(() -> config.withClientProperties(Map.of("max.in.flight.requests.per.connection", "6")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 1 and 5");
        assertThatThrownBy(() -> config.withClientProperties(Map.of("max.in.flight.requests.per.connection", "many")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a number");
    }

    @Test
    void refusesOverridesOfWhatTheFieldsSay() {
        KafkaPublisherConfig config = KafkaPublisherConfig.of("b:9092");
        for (String owned : KafkaPublisherConfig.OWNED_SETTINGS) {
            assertThatThrownBy(() -> config.withClientProperties(Map.of(owned, "x")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(owned);
        }
    }

    @Test
    void refusesBlankNamesAndTooShortTimeouts() {
        assertThatThrownBy(() -> KafkaPublisherConfig.of(" ")).hasMessageContaining("bootstrapServers");
        assertThatThrownBy(() -> KafkaPublisherConfig.of("b:9092").withTopic("")).hasMessageContaining("topic");
        assertThatThrownBy(() -> KafkaPublisherConfig.of("b:9092").withDeliveryTimeout(Duration.ofMillis(50)))
                .hasMessageContaining("deliveryTimeout");
        assertThatThrownBy(() -> KafkaPublisherConfig.of("b:9092").withTopic(null)).isInstanceOf(NullPointerException.class);
    }
}
