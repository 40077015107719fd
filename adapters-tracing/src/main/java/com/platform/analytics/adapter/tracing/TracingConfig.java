package com.platform.analytics.adapter.tracing;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;

/**
 * Where and how spans are exported.
 *
 * @param otlpEndpoint {@code tracing.otlp_endpoint}: the collector's OTLP/HTTP address, either its base
 *     ({@code http://collector:4318}, to which {@code /v1/traces} is added, as OTel's own
 *     {@code OTEL_EXPORTER_OTLP_ENDPOINT} does) or the full traces URL ending in {@code /v1/traces}
 * @param serviceName {@code tracing.service_name}: the {@code service.name} of the spans
 * @param sampleRatio {@code tracing.sample_ratio}: the share of new traces recorded, 0..1; a caller's sampling
 *     decision (its {@code traceparent} flags) is always followed
 * @param exportTimeout {@code tracing.export_timeout}: how long one export may take before it is dropped
 */
public record TracingConfig(URI otlpEndpoint, String serviceName, double sampleRatio, Duration exportTimeout) {
    public static final String DEFAULT_SERVICE_NAME = "analytics-service";
    public static final Duration DEFAULT_EXPORT_TIMEOUT = Duration.ofSeconds(10);
    private static final String TRACES_PATH = "/v1/traces";

    public TracingConfig {
        requireNonNull(otlpEndpoint, "otlpEndpoint is null");
        requireNonNull(serviceName, "serviceName is null");
        requireNonNull(exportTimeout, "exportTimeout is null");
        if (!"http".equals(otlpEndpoint.getScheme()) && !"https".equals(otlpEndpoint.getScheme())) {
            throw new IllegalArgumentException("tracing.otlp_endpoint must be an http or https URL: " + otlpEndpoint);
        }
        if (otlpEndpoint.getHost() == null) {
            throw new IllegalArgumentException("tracing.otlp_endpoint has no host: " + otlpEndpoint);
        }
        if (serviceName.isBlank()) {
            throw new IllegalArgumentException("tracing.service_name is blank");
        }
        if (!(sampleRatio >= 0 && sampleRatio <= 1)) {
            throw new IllegalArgumentException("tracing.sample_ratio must be within 0..1: " + sampleRatio);
        }
        if (exportTimeout.isNegative() || exportTimeout.isZero()) {
            throw new IllegalArgumentException("tracing.export_timeout must be positive: " + exportTimeout);
        }
    }

    /** Every trace recorded, as {@code analytics-service}, to the collector at {@code otlpEndpoint}. */
    public static TracingConfig forEndpoint(String otlpEndpoint) {
        return new TracingConfig(URI.create(otlpEndpoint), DEFAULT_SERVICE_NAME, 1.0, DEFAULT_EXPORT_TIMEOUT);
    }

    public TracingConfig withServiceName(String name) {
        return new TracingConfig(otlpEndpoint, name, sampleRatio, exportTimeout);
    }

    public TracingConfig withSampleRatio(double ratio) {
        return new TracingConfig(otlpEndpoint, serviceName, ratio, exportTimeout);
    }

    /** The URL the spans are POSTed to. */
    public String tracesUrl() {
        String url = otlpEndpoint.toString();
        if (otlpEndpoint.getPath() != null && otlpEndpoint.getPath().endsWith(TRACES_PATH)) {
            return url;
        }
        return (url.endsWith("/") ? url.substring(0, url.length() - 1) : url) + TRACES_PATH;
    }
}
