package com.platform.analytics.adapter.http;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.port.out.OperationalMetrics;
import com.platform.analytics.port.out.Tracing;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * What the server knows and records about one request: its id ({@code X-Request-Id}, the caller's if it sent a sane
 * one, in the response and in the log's MDC as {@code request_id}), the route pattern it matched, its trace span and,
 * when the response ends, one access log line and {@code http_requests_total}/{@code http_request_duration_seconds}.
 * Never bodies or query strings: they carry personal data. Labels are bounded: the route pattern, never the raw path.
 */
final class RequestObservation {
    static final String REQUEST_ID_HEADER = "X-Request-Id";
    static final String MDC_KEY = "request_id";
    static final String UNMATCHED = "unmatched";
    private static final String KEY = "analytics.observation";
    // a caller's id goes into our logs and headers: accept only short, plain tokens
    private static final Pattern SANE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private static final Logger ACCESS_LOG = LoggerFactory.getLogger("com.platform.analytics.adapter.http.access");

    private final String requestId;
    private final String method;
    private final long startNanos;
    private final OperationalMetrics metrics;
    private final Tracing tracing;
    private String routePattern;
    private Tracing.Span span = Tracing.Span.NONE;

    private RequestObservation(String requestId, String method, OperationalMetrics metrics, Tracing tracing) {
        this.requestId = requireNonNull(requestId, "requestId is null");
        this.method = requireNonNull(method, "method is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.tracing = requireNonNull(tracing, "tracing is null");
        this.startNanos = System.nanoTime();
    }

    /** Starts observing {@code ctx}: an id in the response header, and the records written when the response ends. */
    static RequestObservation begin(RoutingContext ctx, OperationalMetrics metrics, Tracing tracing) {
        RequestObservation existing = ctx.get(KEY);
        if (existing != null) {
            return existing;
        }
        String given = ctx.request().getHeader(REQUEST_ID_HEADER);
        String requestId = given != null && SANE_REQUEST_ID.matcher(given).matches() ? given : UUID.randomUUID().toString();
        RequestObservation observation = new RequestObservation(requestId, ctx.request().method().name(), metrics, tracing);
        ctx.put(KEY, observation);
        ctx.response().putHeader(REQUEST_ID_HEADER, requestId);
        String path = ctx.request().path();
        ctx.addEndHandler(result -> observation.end(ctx, path, result.succeeded()));
        return observation;
    }

    /** The observation of a request, or null before {@link #begin}. */
    static RequestObservation of(RoutingContext ctx) {
        return ctx.get(KEY);
    }

    static String requestId(RoutingContext ctx) {
        RequestObservation observation = of(ctx);
        return observation != null ? observation.requestId : "unknown";
    }

    String requestId() {
        return requestId;
    }

    /** Records the route the router chose (its first match, as the router takes it); later matches are fall-throughs. */
    void matched(String pattern) {
        if (routePattern == null) {
            routePattern = ApiContract.openApiPath(pattern);
        }
    }

    /** The route as a metric label and span name: its pattern ({@code /segments/{segment_id}}), or {@code unmatched}. */
    String route() {
        return routePattern != null ? routePattern : UNMATCHED;
    }

    /** Starts the request's span, once its route is known: {@code "GET /api/v1/analytics/metrics/definitions"}. */
    void startSpan(RoutingContext ctx) {
        Optional<String> parent = Optional.ofNullable(ctx.request().getHeader("traceparent"));
        span = tracing.start(method + " " + route(), parent, Map.of("http.request.method", method, "http.route", route()));
    }

    void apiError(ErrorCode code) {
        metrics.apiError(code.name());
    }

    void failed(Throwable cause) {
        span.failed(cause);
    }

    private void end(RoutingContext ctx, String path, boolean sent) {
        int status = ctx.response().getStatusCode();
        Duration duration = Duration.ofNanos(System.nanoTime() - startNanos);
        String previous = MDC.get(MDC_KEY);
        MDC.put(MDC_KEY, requestId);
        try {
            metrics.httpRequest(method, route(), status, duration);
            span.attribute("http.response.status_code", Integer.toString(status));
            span.close();
            ACCESS_LOG.info("{} {} {} {}ms id={}{}", method, path, status, duration.toMillis(), requestId,
                    sent ? "" : " (connection closed before the response was sent)");
        } finally {
            restore(previous);
        }
    }

    /** Runs {@code work} with the request id in the MDC (a handler step, or a worker's task). */
    <T> T withRequestId(Callable<T> work) throws Exception {
        String previous = MDC.get(MDC_KEY);
        MDC.put(MDC_KEY, requestId);
        try {
            return work.call();
        } finally {
            restore(previous);
        }
    }

    /** {@code work} for a worker thread, carrying the request id of {@code ctx} into its MDC. */
    static <T> Callable<T> onWorker(RoutingContext ctx, Callable<T> work) {
        RequestObservation observation = of(ctx);
        return observation == null ? work : () -> observation.withRequestId(work);
    }

    private static void restore(String previous) {
        if (previous == null) {
            MDC.remove(MDC_KEY);
        } else {
            MDC.put(MDC_KEY, previous);
        }
    }
}
