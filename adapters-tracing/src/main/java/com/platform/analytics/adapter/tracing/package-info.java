/**
 * Traces of API requests and ingestion batches (spec 11.3) with the OpenTelemetry SDK.
 *
 * <p>{@link com.platform.analytics.adapter.tracing.OtelTracing} is the {@code Tracing} port: spans continue a W3C
 * {@code traceparent} the caller sent, hand their own on, and are exported in batches over OTLP (http/protobuf, with
 * the JDK's HTTP client) to {@link com.platform.analytics.adapter.tracing.TracingConfig#otlpEndpoint()}. Tracing is
 * off unless that endpoint is configured: bootstrap then binds {@code Tracing.NONE} and this module is not used.
 *
 * <p>OpenTelemetry lives here and nowhere else: no {@code io.opentelemetry} type appears in a public signature.
 */
package com.platform.analytics.adapter.tracing;
