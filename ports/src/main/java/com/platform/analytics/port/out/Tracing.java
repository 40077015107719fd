package com.platform.analytics.port.out;

import java.util.Map;
import java.util.Optional;

/**
 * Traces of API requests and ingestion batches (spec 11.3), exported by a tracing adapter (OpenTelemetry, OTLP; off by
 * default, when {@link #NONE} is bound).
 */
public interface Tracing {
    /** Traces nothing. */
    Tracing NONE = (name, parent, attributes) -> Span.NONE;

    /**
     * Starts a span; close it when the work ends.
     *
     * @param name what the work is, e.g. {@code POST /events} or {@code ingest batch}
     * @param parent a W3C {@code traceparent} the caller sent, to continue its trace
     * @param attributes bounded, non-personal attributes (route, status, counts)
     */
    Span start(String name, Optional<String> parent, Map<String, String> attributes);

    /** One unit of traced work. */
    interface Span extends AutoCloseable {
        Span NONE = new Span() {
        };

        default void attribute(String key, String value) {
        }

        default void failed(Throwable cause) {
        }

        /** The span's {@code traceparent}, for logs and for passing on. */
        default Optional<String> traceparent() {
            return Optional.empty();
        }

        @Override
        default void close() {
        }
    }
}
