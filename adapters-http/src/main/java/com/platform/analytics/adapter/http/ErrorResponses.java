package com.platform.analytics.adapter.http;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders every failure in the spec's error format ({@code {"errors":[{code,title,detail,source}]}}, with
 * {@code "meta":{"requestId"}} beside it), counts it in {@code api_errors_total{code}}, whether
 * it is an {@link AnalyticsException} from a use case, a bare status from a Vert.x handler (the body limit's
 * 413) or an unexpected exception, which is logged with the request id and reported without internals.
 */
final class ErrorResponses {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

    private ErrorResponses() {
    }

    static int statusOf(ErrorCode.Kind kind) {
        return switch (kind) {
            case USER_ERROR -> 400;
            case NOT_FOUND -> 404;
            case METHOD_NOT_ALLOWED -> 405;
            case UNSUPPORTED_MEDIA_TYPE -> 415;
            case TOO_LARGE -> 413;
            case UNAUTHENTICATED -> 401;
            case FORBIDDEN -> 403;
            case CONFLICT -> 409;
            case UNAVAILABLE -> 503;
            case INTERNAL -> 500;
        };
    }

    /** The router's failure handler: whatever went wrong, the client gets the spec's format. */
    static void handleFailure(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure instanceof AnalyticsException e) {
            send(ctx, e);
            return;
        }
        int status = failure instanceof HttpException http ? http.getStatusCode() : ctx.statusCode();
        if (status >= 400 && status < 500) {
            // Vert.x judged it the client's fault (the body limit, a URI that does not decode)
            sendStatus(ctx, status);
            return;
        }
        unexpected(ctx, failure != null ? failure : new IllegalStateException("request failed with status " + status));
    }

    /**
     * The router's error handler for a status: what fails outside the routes, such as a request URI whose
     * %-escapes do not decode (found while matching routes, 400), arrives here with no failure on the context.
     */
    static void handleUnhandled(RoutingContext ctx, int status) {
        if (ctx.failure() != null || ctx.statusCode() > 0) {
            handleFailure(ctx);
        } else {
            sendStatus(ctx, status);
        }
    }

    /** A failure that carries only a status (a Vert.x handler's, or the router's own 404/405). */
    static void sendStatus(RoutingContext ctx, int status) {
        switch (status) {
            // the one bare 400 Vert.x produces for these routes: the URI (path or query) does not decode
            case 400 -> send(ctx, 400, ErrorCode.INVALID_QUERY_PARAMETERS,
                    "The request URI is not valid: a %-escape does not decode", null, null);
            case 403 -> send(ctx, 403, ErrorCode.ACCESS_DENIED_TO_RESOURCE, "Access to this resource is denied", null, null);
            case 404 -> notFound(ctx);
            case 405 -> send(ctx, 405, ErrorCode.METHOD_NOT_ALLOWED,
                    ctx.request().method().name() + " is not allowed on " + ctx.request().path(), null, null);
            case 413 -> payloadTooLarge(ctx);
            case 415 -> send(ctx, 415, ErrorCode.UNSUPPORTED_MEDIA_TYPE, "The Content-Type is not accepted here", null, null);
            default -> {
                if (status >= 400 && status < 500) {
                    send(ctx, status, ErrorCode.INVALID_REQUEST_BODY, "The request was refused (HTTP " + status + ")", null, null);
                } else {
                    unexpected(ctx, new IllegalStateException("request failed with status " + status));
                }
            }
        }
    }

    static void notFound(RoutingContext ctx) {
        send(ctx, 404, ErrorCode.RESOURCE_NOT_FOUND, "No resource at " + ctx.request().path(), null, null);
    }

    static void methodNotAllowed(RoutingContext ctx, String allowed) {
        ctx.response().putHeader("Allow", allowed);
        send(ctx, 405, ErrorCode.METHOD_NOT_ALLOWED, ctx.request().method().name() + " is not allowed on "
                + ctx.request().path() + "; allowed: " + allowed, null, null);
    }

    static void payloadTooLarge(RoutingContext ctx) {
        // the rest of an oversized body may still be arriving: close rather than read it all
        ctx.response().putHeader("Connection", "close");
        Long limit = ctx.get(EventsEndpoint.BODY_LIMIT_KEY);
        send(ctx, 413, ErrorCode.PAYLOAD_TOO_LARGE, limit == null
                ? "The request body is too large"
                : "The request body is larger than the limit of " + limit + " bytes", null, null);
    }

    static void send(RoutingContext ctx, AnalyticsException e) {
        ErrorCode code = e.code();
        String detail = e.detail();
        if (code.internalDetail()) {
            // the cause (engine messages, statement text) stays in the log; the client gets what it can act on
            // and the id to quote
            String requestId = RequestObservation.requestId(ctx);
            LOG.error("request {} failed: {} {}", requestId, code, detail, e);
            detail = code.title() + (code.kind() == ErrorCode.Kind.UNAVAILABLE ? "; retry later" : "")
                    + " (request id " + requestId + ")";
        }
        send(ctx, statusOf(code.kind()), code, detail, e.parameter().orElse(null), e.pointer().orElse(null));
    }

    private static void unexpected(RoutingContext ctx, Throwable failure) {
        String requestId = RequestObservation.requestId(ctx);
        LOG.error("request {} failed unexpectedly", requestId, failure);
        RequestObservation observation = RequestObservation.of(ctx);
        if (observation != null) {
            observation.failed(failure);
        }
        send(ctx, 500, ErrorCode.INTERNAL_ERROR, "An unexpected error occurred; request id " + requestId, null, null);
    }

    static void send(RoutingContext ctx, int status, ErrorCode code, String detail, String parameter, String pointer) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed()) {
            return;
        }
        if (response.headWritten()) {
            // a response already under way cannot become an error document: cut it off
            response.reset();
            return;
        }
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code.name());
        error.put("title", code.title());
        error.put("detail", detail);
        if (parameter != null || pointer != null) {
            Map<String, Object> source = new LinkedHashMap<>();
            if (pointer != null) {
                source.put("pointer", pointer);
            }
            if (parameter != null) {
                source.put("parameter", parameter);
            }
            error.put("source", source);
        }
        RequestObservation observation = RequestObservation.of(ctx);
        if (observation != null) {
            observation.apiError(code);
        }
        if (code == ErrorCode.UNAUTHENTICATED) {
            // RFC 6750: the scheme the client must use; the reason is in the body, not echoed into a header
            response.putHeader("WWW-Authenticate", "Bearer realm=\"analytics\"");
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("errors", List.of(error));
        // the same id as the X-Request-Id header: what a client quotes when it reports the error
        document.put("meta", Map.of("requestId", RequestObservation.requestId(ctx)));
        JsonResponses.send(ctx, status, document);
    }
}
