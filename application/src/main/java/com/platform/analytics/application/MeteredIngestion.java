package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.event.BodyFormat;
import com.platform.analytics.port.in.IngestEventsUseCase;
import com.platform.analytics.port.in.IngestionResult;
import com.platform.analytics.port.out.OperationalMetrics;

/**
 * The pipeline as one channel (http, kafka, grpc) uses it, counting what became of the events it brought:
 * {@code analytics_events_ingested_total{channel,outcome}}.
 */
public final class MeteredIngestion implements IngestEventsUseCase {
    private final IngestEventsUseCase delegate;
    private final String channel;
    private final OperationalMetrics metrics;

    public MeteredIngestion(IngestEventsUseCase delegate, String channel, OperationalMetrics metrics) {
        this.delegate = requireNonNull(delegate, "delegate is null");
        this.channel = requireNonNull(channel, "channel is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
    }

    @Override
    public IngestionResult ingest(BodyFormat format, String body) {
        IngestionResult result = delegate.ingest(format, body);
        metrics.eventsIngested(channel, result.accepted(), result.rejected(), result.duplicates());
        return result;
    }
}
