package com.platform.analytics.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaConsumerConfigTest {
    @Test
    void defaults() {
        KafkaConsumerConfig config = KafkaConsumerConfig.forTopics("127.0.0.1:9092", "analytics", List.of("orders"));
        assertThat(config.deadLetterSuffix()).isEqualTo(".dlq");
        assertThat(config.deadLetterTopic("orders")).isEqualTo("orders.dlq");
        assertThat(config.maxPollRecords()).isEqualTo(1_000);
        assertThat(config.pollTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.initialBackoff()).isEqualTo(Duration.ofMillis(200));
        assertThat(config.maxBackoff()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.clientProperties()).isEmpty();
        assertThat(config.pattern()).isEmpty();
    }

    @Test
    void refusesWhatWouldBreakTheGuarantees() {
        KafkaConsumerConfig valid = KafkaConsumerConfig.forTopics("b:1", "g", List.of("orders"));
        assertThatThrownBy(() -> valid.withMaxPollRecords(10_001)).hasMessageContaining("10000");
        assertThatThrownBy(() -> valid.withMaxPollRecords(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> valid.withDeadLetterSuffix("")).hasMessageContaining("deadLetterSuffix");
        assertThatThrownBy(() -> KafkaConsumerConfig.forTopics("b:1", "g", List.of("orders.dlq")))
                .hasMessageContaining("dead-letter");
        assertThatThrownBy(() -> KafkaConsumerConfig.forTopics("b:1", "g", List.of())).hasMessageContaining("either");
        assertThatThrownBy(() -> KafkaConsumerConfig.forPattern("b:1", "g", "(")).hasMessageContaining("regular");
        assertThatThrownBy(() -> valid.withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("maxBackoff");
        assertThatThrownBy(() -> valid.withClientProperties(Map.of("enable.auto.commit", "true")))
                .hasMessageContaining("enable.auto.commit");
    }

    @Test
    void thePatternLeavesOutTheDeadLetterTopics() {
        var pattern = KafkaConsumerConfig.forPattern("b:1", "g", "platform\\..*").subscriptionPattern().orElseThrow();
        assertThat(pattern.matcher("platform.orders").matches()).isTrue();
        assertThat(pattern.matcher("platform.orders.dlq").matches()).isFalse();
        assertThat(pattern.matcher("other.orders").matches()).isFalse();
    }
}
