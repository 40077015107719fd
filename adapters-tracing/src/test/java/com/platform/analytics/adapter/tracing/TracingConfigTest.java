package com.platform.analytics.adapter.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TracingConfigTest {
    @Test
    void defaultsAndTheTracesUrlFromABaseOrAFullEndpoint() {
        TracingConfig config = TracingConfig.forEndpoint("http://collector:4318");
        assertThat(config.serviceName()).isEqualTo("analytics-service");
        assertThat(config.sampleRatio()).isEqualTo(1.0);
        assertThat(config.exportTimeout()).hasSeconds(10);
        assertThat(config.tracesUrl()).isEqualTo("http://collector:4318/v1/traces");
        assertThat(TracingConfig.forEndpoint("http://collector:4318/").tracesUrl())
                .isEqualTo("http://collector:4318/v1/traces");
        assertThat(TracingConfig.forEndpoint("https://otel.example/prefix").tracesUrl())
                .isEqualTo("https://otel.example/prefix/v1/traces");
        assertThat(TracingConfig.forEndpoint("http://collector:4318/v1/traces").tracesUrl())
                .isEqualTo("http://collector:4318/v1/traces");
    }

    @Test
    void refusesWhatCannotWork() {
        assertThatThrownBy(() -> TracingConfig.forEndpoint("collector:4318"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tracing.otlp_endpoint");
        assertThatThrownBy(() -> TracingConfig.forEndpoint("grpc://collector:4317"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TracingConfig.forEndpoint("http://c:4318").withSampleRatio(1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tracing.sample_ratio");
        assertThatThrownBy(() -> TracingConfig.forEndpoint("http://c:4318").withServiceName(" "))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
