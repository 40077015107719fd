package com.platform.analytics.port.in;

import com.platform.analytics.domain.event.BodyFormat;

/**
 * Takes events in: decode, validate, pseudonymize, deduplicate, keep raw in the lake and load into the
 * warehouse. When it returns, accepted events are durable and visible to queries; refused ones are in the
 * dead-letter store with their reason.
 */
public interface IngestEventsUseCase {
    /**
     * @throws com.platform.analytics.domain.error.AnalyticsException {@code INVALID_REQUEST_BODY} when the body
     *     as a whole does not parse, {@code PAYLOAD_TOO_LARGE} over the configured event count
     */
    IngestionResult ingest(BodyFormat format, String body);
}
