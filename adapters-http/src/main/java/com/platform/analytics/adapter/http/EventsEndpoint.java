package com.platform.analytics.adapter.http;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.event.BodyFormat;
import com.platform.analytics.domain.event.Rejection;
import com.platform.analytics.port.in.IngestEventsUseCase;
import com.platform.analytics.port.in.IngestionResult;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;

/** {@code POST /events}: CloudEvents in, a count of what became of them out. */
final class EventsEndpoint {
    static final String BODY_LIMIT_KEY = "analytics.bodyLimit";
    private static final String FORMAT_KEY = "analytics.bodyFormat";
    private static final String ACCEPTED_TYPES = Arrays.stream(BodyFormat.values())
            .map(BodyFormat::mediaType)
            .collect(Collectors.joining(", "));

    /**
     * Ingestion requests processed at once. Each holds its body (up to the body limit) while it waits for the
     * store; beyond this many the service answers 503 with Retry-After instead of queueing without bound.
     */
    static final int MAX_CONCURRENT_INGESTS = 8;

    private final Vertx vertx;
    private final IngestEventsUseCase ingestEvents;
    private final long maxBodyBytes;
    private final Semaphore inProgress;

    EventsEndpoint(Vertx vertx, IngestEventsUseCase ingestEvents, long maxBodyBytes) {
        this(vertx, ingestEvents, maxBodyBytes, MAX_CONCURRENT_INGESTS);
    }

    EventsEndpoint(Vertx vertx, IngestEventsUseCase ingestEvents, long maxBodyBytes, int maxConcurrent) {
        this.vertx = requireNonNull(vertx, "vertx is null");
        this.ingestEvents = requireNonNull(ingestEvents, "ingestEvents is null");
        this.maxBodyBytes = maxBodyBytes;
        this.inProgress = new Semaphore(maxConcurrent);
    }

    /** Runs before the body is read, so a body of the wrong type is refused without reading it. */
    void checkContentType(RoutingContext ctx) {
        String contentType = ctx.request().getHeader("Content-Type");
        BodyFormat format = BodyFormat.fromContentType(contentType).orElse(null);
        if (format == null) {
            ctx.fail(new AnalyticsException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, (contentType == null
                    ? "The request has no Content-Type"
                    : "Content-Type '" + contentType + "' is not accepted")
                    + "; send one of " + ACCEPTED_TYPES));
            return;
        }
        ctx.put(FORMAT_KEY, format);
        ctx.put(BODY_LIMIT_KEY, maxBodyBytes);
        ctx.next();
    }

    void ingest(RoutingContext ctx) {
        if (!inProgress.tryAcquire()) {
            ctx.response().putHeader("Retry-After", "1");
            ctx.fail(new AnalyticsException(ErrorCode.SERVICE_BUSY, "Too many ingestion requests are in progress ("
                    + MAX_CONCURRENT_INGESTS + "); retry after a second"));
            return;
        }
        BodyFormat format = ctx.get(FORMAT_KEY);
        io.vertx.core.buffer.Buffer body = ctx.body().buffer();
        // decoding, validating and storing block (files, the warehouse): keep them off the event loop,
        // and the body's decoding too (up to the body limit of bytes)
        vertx.executeBlocking(RequestObservation.onWorker(ctx,
                        () -> ingestEvents.ingest(format, body == null ? "" : body.toString(java.nio.charset.StandardCharsets.UTF_8))), false)
                .onComplete(done -> inProgress.release())
                .onSuccess(result -> JsonResponses.send(ctx, 200, Map.of("data", document(result))))
                .onFailure(ctx::fail);
    }

    static Map<String, Object> document(IngestionResult result) {
        List<Object> errors = new ArrayList<>();
        for (Rejection rejection : result.rejections()) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("index", rejection.index());
            error.put("code", rejection.code().name());
            error.put("detail", rejection.detail());
            if (rejection.pointer() != null) {
                error.put("source", Map.of("pointer", rejection.pointer()));
            }
            errors.add(error);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("accepted", result.accepted());
        data.put("duplicates", result.duplicates());
        data.put("rejected", result.rejected());
        data.put("errors", errors);
        return data;
    }
}
