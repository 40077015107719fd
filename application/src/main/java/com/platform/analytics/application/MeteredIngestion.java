package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.event.BodyFormat;
import com.platform.analytics.port.in.IngestEventsUseCase;
import com.platform.analytics.port.in.IngestionResult;
import com.platform.analytics.port.out.MartMaintenance;
import com.platform.analytics.port.out.OperationalMetrics;
import com.platform.analytics.port.out.Tracing;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The pipeline as one channel (http, kafka, grpc) uses it, observed: a span per batch ({@code ingest <channel>}, with
 * its counts), {@code analytics_events_ingested_total{channel,outcome}}, and the activity mart's freshness
 * ({@code data_mart_last_update_timestamp_gauge{mart_name="daily_user_activity"}}): the mart is filled by the
 * warehouse as the events are inserted, so once a batch stored events, the mart holds them.
 */
public final class MeteredIngestion implements IngestEventsUseCase {
    private final IngestEventsUseCase delegate;
    private final String channel;
    private final OperationalMetrics metrics;
    private final Tracing tracing;
    private final Clock clock;

    public MeteredIngestion(IngestEventsUseCase delegate, String channel, OperationalMetrics metrics, Tracing tracing,
            Clock clock) {
        this.delegate = requireNonNull(delegate, "delegate is null");
        this.channel = requireNonNull(channel, "channel is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.tracing = requireNonNull(tracing, "tracing is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public IngestionResult ingest(BodyFormat format, String body) {
        try (Tracing.Span span = tracing.start("ingest " + channel, Optional.empty(), Map.of("ingest.channel", channel,
                "ingest.format", format.name()))) {
            IngestionResult result;
            try {
                result = delegate.ingest(format, body);
            } catch (RuntimeException e) {
                span.failed(e);
                throw e;
            }
            span.attribute("ingest.accepted", Integer.toString(result.accepted()));
            span.attribute("ingest.duplicates", Integer.toString(result.duplicates()));
            span.attribute("ingest.rejected", Integer.toString(result.rejected()));
            metrics.eventsIngested(channel, result.accepted(), result.rejected(), result.duplicates());
            if (result.accepted() > 0) {
                metrics.martUpdated(MartMaintenance.ACTIVITY_MART, clock.instant());
            }
            return result;
        }
    }
}
