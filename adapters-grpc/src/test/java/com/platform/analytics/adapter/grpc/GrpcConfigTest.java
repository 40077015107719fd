package com.platform.analytics.adapter.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GrpcConfigTest {
    @Test
    void defaults() {
        GrpcConfig config = GrpcConfig.on("127.0.0.1", 9090);
        assertThat(config.maxInboundMessageBytes()).isEqualTo(4 * 1024 * 1024);
        assertThat(config.callThreads()).isEqualTo(16);
        assertThat(config.ingestBatchSize()).isEqualTo(500);
        assertThat(config.maxEventsPerCall()).isEqualTo(100_000);
        assertThat(config.shutdownGrace()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void refusesValuesThatCannotWork() {
        GrpcConfig config = GrpcConfig.on("127.0.0.1", 0);
        assertThatThrownBy(() -> GrpcConfig.on(" ", 0)).hasMessageContaining("host");
        assertThatThrownBy(() -> GrpcConfig.on("127.0.0.1", 65_536)).hasMessageContaining("port");
        assertThatThrownBy(() -> config.withMaxInboundMessageBytes(0)).hasMessageContaining("maxInboundMessageBytes");
        assertThatThrownBy(() -> config.withCallThreads(0)).hasMessageContaining("callThreads");
        assertThatThrownBy(() -> config.withIngestBatchSize(0)).hasMessageContaining("ingestBatchSize");
        assertThatThrownBy(() -> config.withMaxEventsPerCall(0)).hasMessageContaining("maxEventsPerCall");
        assertThatThrownBy(() -> config.withShutdownGrace(Duration.ofSeconds(-1))).hasMessageContaining("shutdownGrace");
    }
}
