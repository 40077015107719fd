package com.platform.analytics.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.platform.analytics.domain.event.BodyFormat;
import com.platform.analytics.domain.event.Rejection;
import com.platform.analytics.domain.event.RejectionCode;
import com.platform.analytics.port.in.IngestionResult;
import com.platform.analytics.port.out.OperationalMetrics;
import com.platform.analytics.port.out.Tracing;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MeteredIngestionTest {
    private final List<String> recorded = new ArrayList<>();
    private final Instant now = Instant.parse("2026-11-26T10:00:00Z");
    private final OperationalMetrics metrics = new OperationalMetrics() {
        @Override
        public void eventsIngested(String channel, long accepted, long rejected, long duplicates) {
            recorded.add(channel + " " + accepted + " " + rejected + " " + duplicates);
        }

        @Override
        public void martUpdated(String martName, Instant at) {
            recorded.add(martName + " " + at);
        }
    };
    private final Tracing tracing = (name, parent, attributes) -> new Tracing.Span() {
        {
            recorded.add("span " + name + " " + attributes.get("ingest.channel"));
        }

        @Override
        public void attribute(String key, String value) {
            recorded.add(key + "=" + value);
        }

        @Override
        public void failed(Throwable cause) {
            recorded.add("failed " + cause.getMessage());
        }

        @Override
        public void close() {
            recorded.add("closed");
        }
    };

    private MeteredIngestion grpc(com.platform.analytics.port.in.IngestEventsUseCase pipeline) {
        return new MeteredIngestion(pipeline, "grpc", metrics, tracing, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void eachBatchIsTracedAndCountedUnderItsChannelAndFreshensTheMart() {
        IngestionResult result = new IngestionResult(3, 1, List.of(new Rejection(4, RejectionCode.MALFORMED_JSON, "x", null)));

        assertThat(grpc((format, body) -> result).ingest(BodyFormat.BATCH, "[]")).isSameAs(result);
        assertThat(recorded).containsExactly("span ingest grpc grpc", "ingest.accepted=3", "ingest.duplicates=1",
                "ingest.rejected=1", "grpc 3 1 1", "daily_user_activity " + now, "closed");
    }

    @Test
    void onlyDuplicatesLeaveTheMartAsItWasAndAFailureEndsTheSpanFailed() {
        grpc((format, body) -> new IngestionResult(0, 2, List.of())).ingest(BodyFormat.BATCH, "[]");
        assertThat(recorded).noneMatch(r -> r.startsWith("daily_user_activity"));
        recorded.clear();
        assertThatThrownBy(() -> grpc((format, body) -> {
            throw new IllegalStateException("warehouse down");
        }).ingest(BodyFormat.BATCH, "[]")).hasMessage("warehouse down");
        assertThat(recorded).containsExactly("span ingest grpc grpc", "failed warehouse down", "closed");
    }
}
