package com.platform.analytics.adapter.http;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.json.Json;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * What the retention and paths endpoints share: a POST route taking a JSON object body, the {@code explain}
 * query parameter, and blocking work off the event loop. (Until the analyses' endpoints are unified.)
 */
final class RetentionPathsJson {
    /** Analysis requests are a few fields: a larger body is a mistake or an attack. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private RetentionPathsJson() {
    }

    /**
     * Registers POST {@code path}: the type is checked before the body is read (Vert.x wants the body handler
     * first on its route, hence two routes), then {@code handler} gets the parsed object; other methods get 405.
     */
    static void postJson(Router router, String path, JsonObjectHandler handler) {
        router.post(path).handler(RetentionPathsJson::checkContentType);
        router.post(path).handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES)).handler(ctx -> {
            Map<String, Object> body;
            boolean explain;
            try {
                explain = explain(ctx);
                body = object(ctx.body().buffer() == null ? "" : ctx.body().buffer().toString(StandardCharsets.UTF_8));
            } catch (AnalyticsException e) {
                ctx.fail(e);
                return;
            }
            handler.handle(ctx, body, explain);
        });
        router.route(path).handler(ctx -> ErrorResponses.methodNotAllowed(ctx, "POST"));
    }

    /** Handles a parsed request body. */
    @FunctionalInterface
    interface JsonObjectHandler {
        void handle(RoutingContext ctx, Map<String, Object> body, boolean explain);
    }

    private static void checkContentType(RoutingContext ctx) {
        String contentType = ctx.request().getHeader("Content-Type");
        String base = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!base.equals(JsonResponses.APPLICATION_JSON)) {
            ctx.fail(new AnalyticsException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, (contentType == null
                    ? "The request has no Content-Type"
                    : "Content-Type '" + contentType + "' is not accepted") + "; send application/json"));
            return;
        }
        ctx.put(EventsEndpoint.BODY_LIMIT_KEY, (long) MAX_BODY_BYTES);
        ctx.next();
    }

    /** {@code ?explain=true} asks for the SQL the warehouse ran. */
    static boolean explain(RoutingContext ctx) {
        var values = ctx.queryParam("explain");
        if (values.isEmpty()) {
            return false;
        }
        if (values.size() > 1) {
            throw AnalyticsException.invalidParameter("explain", "explain is given more than once");
        }
        return switch (values.get(0)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw AnalyticsException.invalidParameter("explain", "explain must be true or false; got '" + values.get(0) + "'");
        };
    }

    static Map<String, Object> object(String text) {
        if (text.isBlank()) {
            throw AnalyticsException.invalidBody("", "The request body is empty; send a JSON object");
        }
        try {
            return Json.parseObject(text);
        } catch (Json.JsonException e) {
            throw AnalyticsException.invalidBody("", "The request body is not a JSON object: " + e.getMessage());
        }
    }

    /** Runs {@code work} on a worker thread (it reads the warehouse) and answers {@code {"data": ...}}. */
    static void respond(Vertx vertx, RoutingContext ctx, Callable<Object> work) {
        vertx.executeBlocking(work, false)
                .onSuccess(data -> JsonResponses.send(ctx, 200, Map.of("data", data)))
                .onFailure(ctx::fail);
    }
}
