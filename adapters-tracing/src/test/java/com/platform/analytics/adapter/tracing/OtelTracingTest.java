package com.platform.analytics.adapter.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.port.out.Tracing;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Spans as the SDK records them, through the Tracing port, with the SDK's in-memory exporter. */
class OtelTracingTest {
    private static final String CALLER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN = "00f067aa0ba902b7";

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private final OtelTracing otel = new OtelTracing(SimpleSpanProcessor.create(exported), "analytics-test", 1.0);
    private final Tracing tracing = otel;

    @AfterEach
    void shutDown() {
        otel.close();
    }

    @Test
    void aSpanHasItsNameAttributesAndServiceAndEndsOnClose() {
        try (Tracing.Span span = tracing.start("POST /api/v1/analytics/events", Optional.empty(),
                Map.of("http.route", "/api/v1/analytics/events", "http.request.method", "POST"))) {
            span.attribute("http.response.status_code", "202");
            span.attribute("events.accepted", "17");
            assertThat(exported.getFinishedSpanItems()).isEmpty();
        }
        SpanData span = single();
        assertThat(span.getName()).isEqualTo("POST /api/v1/analytics/events");
        assertThat(span.getAttributes().asMap()).containsOnly(
                Map.entry(AttributeKey.stringKey("http.route"), "/api/v1/analytics/events"),
                Map.entry(AttributeKey.stringKey("http.request.method"), "POST"),
                Map.entry(AttributeKey.stringKey("http.response.status_code"), "202"),
                Map.entry(AttributeKey.stringKey("events.accepted"), "17"));
        assertThat(span.getResource().getAttribute(AttributeKey.stringKey("service.name"))).isEqualTo("analytics-test");
        assertThat(span.getParentSpanContext().isValid()).isFalse();
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(span.hasEnded()).isTrue();
    }

    @Test
    void continuesTheCallersTraceFromItsTraceparentAndHandsItsOwnOn() {
        String traceparent;
        try (Tracing.Span span = tracing.start("GET /api/v1/analytics/metrics/{metricCode}",
                Optional.of("00-" + CALLER_TRACE + "-" + CALLER_SPAN + "-01"), Map.of())) {
            traceparent = span.traceparent().orElseThrow();
        }
        SpanData span = single();
        assertThat(span.getTraceId()).isEqualTo(CALLER_TRACE);
        assertThat(span.getParentSpanId()).isEqualTo(CALLER_SPAN);
        assertThat(span.getParentSpanContext().isRemote()).isTrue();
        assertThat(traceparent).isEqualTo("00-" + CALLER_TRACE + "-" + span.getSpanId() + "-01");
    }

    @Test
    void aChildStartedFromItsParentsTraceparentIsItsChild() {
        try (Tracing.Span request = tracing.start("POST /api/v1/analytics/events", Optional.empty(), Map.of())) {
            try (Tracing.Span batch = tracing.start("ingest batch", request.traceparent(), Map.of("events", "3"))) {
                batch.attribute("outcome", "stored");
            }
        }
        List<SpanData> spans = exported.getFinishedSpanItems();
        assertThat(spans).extracting(SpanData::getName).containsExactly("ingest batch", "POST /api/v1/analytics/events");
        SpanData batch = spans.get(0);
        SpanData request = spans.get(1);
        assertThat(batch.getTraceId()).isEqualTo(request.getTraceId());
        assertThat(batch.getParentSpanId()).isEqualTo(request.getSpanId());
        assertThat(request.getParentSpanId()).isEqualTo(SpanId.getInvalid());
    }

    @Test
    void anUnreadableTraceparentStartsATraceOfItsOwn() {
        try (Tracing.Span span = tracing.start("GET /x", Optional.of("00-not-a-trace-01"), Map.of())) {
            // flags: sampled (01), and the SDK may add W3C level 2's random-trace-id bit (02)
            assertThat(span.traceparent()).hasValueSatisfying(tp -> assertThat(tp).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[13]"));
        }
        SpanData span = single();
        assertThat(span.getParentSpanContext().isValid()).isFalse();
        assertThat(span.getTraceId()).isNotEqualTo(CALLER_TRACE);
    }

    @Test
    void followsTheCallersDecisionNotToSample() {
        try (Tracing.Span span = tracing.start("GET /x", Optional.of("00-" + CALLER_TRACE + "-" + CALLER_SPAN + "-00"),
                Map.of())) {
            // not recorded, but the trace goes on with the caller's decision
            assertThat(span.traceparent()).hasValueSatisfying(tp -> assertThat(tp)
                    .startsWith("00-" + CALLER_TRACE + "-").endsWith("-00"));
        }
        assertThat(exported.getFinishedSpanItems()).isEmpty();
    }

    @Test
    void aFailureMarksTheSpanWithItsTypeAndCodeButNotItsMessage() {
        try (Tracing.Span span = tracing.start("GET /api/v1/analytics/metrics/{metricCode}", Optional.empty(), Map.of())) {
            span.failed(new AnalyticsException(ErrorCode.STORAGE_UNAVAILABLE, "user alice@example.com not reachable"));
        }
        try (Tracing.Span span = tracing.start("ingest batch", Optional.empty(), Map.of())) {
            span.failed(new IllegalStateException("player p-123 broke it"));
        }
        List<SpanData> spans = exported.getFinishedSpanItems();
        SpanData analytics = spans.get(0);
        assertThat(analytics.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(analytics.getStatus().getDescription()).isEqualTo("STORAGE_UNAVAILABLE");
        assertThat(analytics.getAttributes().get(AttributeKey.stringKey("error.code"))).isEqualTo("STORAGE_UNAVAILABLE");
        assertThat(analytics.getAttributes().get(AttributeKey.stringKey("exception.type")))
                .isEqualTo(AnalyticsException.class.getName());
        SpanData other = spans.get(1);
        assertThat(other.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(other.getStatus().getDescription()).isEqualTo("IllegalStateException");
        assertThat(other.getAttributes().get(AttributeKey.stringKey("error.code"))).isNull();
        assertThat(spans).allSatisfy(s -> {
            assertThat(s.getEvents()).isEmpty();
            assertThat(s.toString()).doesNotContain("alice@example.com").doesNotContain("p-123");
        });
    }

    @Test
    void aSampleRatioOfZeroRecordsNoNewTrace() {
        InMemorySpanExporter none = InMemorySpanExporter.create();
        try (OtelTracing unsampled = new OtelTracing(SimpleSpanProcessor.create(none), "analytics-test", 0.0)) {
            unsampled.start("GET /x", Optional.empty(), Map.of()).close();
            // a caller that sampled still gets its trace continued
            unsampled.start("GET /y", Optional.of("00-" + CALLER_TRACE + "-" + CALLER_SPAN + "-01"), Map.of()).close();
            // (before close: shutting the provider down empties the in-memory exporter)
            assertThat(none.getFinishedSpanItems()).extracting(SpanData::getName).containsExactly("GET /y");
        }
    }

    private SpanData single() {
        assertThat(exported.getFinishedSpanItems()).hasSize(1);
        return exported.getFinishedSpanItems().get(0);
    }
}
