package com.platform.analytics.adapter.tracing;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.port.out.Tracing;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Spans with the OpenTelemetry SDK, exported in batches over OTLP/HTTP.
 *
 * <p>The SDK is built here rather than taken from {@code GlobalOpenTelemetry}: the service owns its exporter and its
 * shutdown (which flushes the last batch), and nothing else in the JVM can swap it.
 *
 * <p>A span's parent is only ever the {@code traceparent} passed to {@link #start}: no thread-local context is
 * consulted, so work on a shared event loop or worker pool cannot be attached to a stranger's trace.
 */
public final class OtelTracing implements Tracing, AutoCloseable {
    private static final String TRACEPARENT = "traceparent";
    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final AttributeKey<String> EXCEPTION_TYPE = AttributeKey.stringKey("exception.type");
    private static final AttributeKey<String> ERROR_CODE = AttributeKey.stringKey("error.code");
    private static final TextMapGetter<String> TRACEPARENT_ONLY = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of(TRACEPARENT);
        }

        @Override
        public String get(String carrier, String key) {
            return TRACEPARENT.equals(key) ? carrier : null;
        }
    };

    private final SdkTracerProvider provider;
    private final Tracer tracer;

    @Inject
    public OtelTracing(TracingConfig config) {
        this(BatchSpanProcessor.builder(OtlpHttpSpanExporter.builder()
                        .setEndpoint(config.tracesUrl())
                        .setTimeout(config.exportTimeout())
                        .build())
                .build(), config.serviceName(), config.sampleRatio());
    }

    /** With a processor of the caller's: the tests' in-memory exporter. */
    OtelTracing(SpanProcessor processor, String serviceName, double sampleRatio) {
        requireNonNull(processor, "processor is null");
        requireNonNull(serviceName, "serviceName is null");
        this.provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(
                        Attributes.of(AttributeKey.stringKey("service.name"), serviceName))))
                .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(sampleRatio)))
                .addSpanProcessor(processor)
                .build();
        this.tracer = provider.get("com.platform.analytics");
    }

    @Override
    public Span start(String name, Optional<String> parent, Map<String, String> attributes) {
        requireNonNull(name, "name is null");
        requireNonNull(parent, "parent is null");
        requireNonNull(attributes, "attributes is null");
        // an unreadable traceparent yields a context without a span: the work starts a trace of its own
        Context parentContext = parent.map(tp -> W3C.extract(Context.root(), tp, TRACEPARENT_ONLY))
                .orElse(Context.root());
        io.opentelemetry.api.trace.SpanBuilder builder = tracer.spanBuilder(name).setParent(parentContext);
        attributes.forEach(builder::setAttribute);
        return new OtelSpan(builder.startSpan());
    }

    /** Exports what is still queued and stops the exporter. */
    @Override
    public void close() {
        provider.shutdown().join(30, TimeUnit.SECONDS);
    }

    private static final class OtelSpan implements Span {
        private final io.opentelemetry.api.trace.Span span;

        OtelSpan(io.opentelemetry.api.trace.Span span) {
            this.span = span;
        }

        @Override
        public void attribute(String key, String value) {
            span.setAttribute(requireNonNull(key, "key is null"), requireNonNull(value, "value is null"));
        }

        /**
         * Marks the span failed with the failure's type and, for the service's own errors, its code. Not its message
         * nor its stack trace ({@code recordException} would add both): a message may quote a request's values,
         * which may be personal data, and traces leave the service.
         */
        @Override
        public void failed(Throwable cause) {
            requireNonNull(cause, "cause is null");
            span.setAttribute(EXCEPTION_TYPE, cause.getClass().getName());
            String description = cause.getClass().getSimpleName();
            if (cause instanceof AnalyticsException analytics) {
                span.setAttribute(ERROR_CODE, analytics.code().name());
                description = analytics.code().name();
            }
            span.setStatus(StatusCode.ERROR, description);
        }

        @Override
        public Optional<String> traceparent() {
            if (!span.getSpanContext().isValid()) {
                return Optional.empty();
            }
            Map<String, String> carrier = new HashMap<>();
            W3C.inject(Context.root().with(span), carrier, Map::put);
            return Optional.ofNullable(carrier.get(TRACEPARENT));
        }

        @Override
        public void close() {
            span.end();
        }
    }
}
