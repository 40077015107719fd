package com.platform.analytics.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {
    @Test
    void doublesUpToTheMaximumWithJitterInTheUpperHalf() {
        RetryBackoff lowest = new RetryBackoff(Duration.ofMillis(100), Duration.ofMillis(1000), () -> 0.0);
        RetryBackoff highest = new RetryBackoff(Duration.ofMillis(100), Duration.ofMillis(1000), () -> 0.999999);
        assertThat(lowest.delay(1)).isEqualTo(Duration.ofMillis(50));
        assertThat(highest.delay(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(highest.delay(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(highest.delay(4)).isEqualTo(Duration.ofMillis(800));
        assertThat(highest.delay(5)).isEqualTo(Duration.ofMillis(1000));
        assertThat(lowest.delay(50)).isEqualTo(Duration.ofMillis(500));
        assertThat(highest.delay(Integer.MAX_VALUE)).isEqualTo(Duration.ofMillis(1000));
    }
}
