package com.platform.analytics.adapter.http;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.access.DataScope;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.json.Json;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * The one way an analysis is asked for over HTTP (funnels, retention, paths, experiments): {@code POST} of a JSON
 * object to one path (which may carry path parameters), {@code ?explain=true|false} as the only query parameter,
 * and the answer {@code {"data": ...}} computed on a worker thread. What differs between the analyses is only
 * the body limit and the {@link Analysis} itself; every refusal (415, 413, 400, 405) is the same for all of them.
 * Every request carries its caller's {@link DataScope}, which each analysis hands to its use case.
 */
final class AnalysisPost {
    /** Most analysis requests are a few fields: a larger body is a mistake or an attack. */
    static final long DEFAULT_BODY_LIMIT = 64 * 1024;
    static final String EXPLAIN = "explain";

    private AnalysisPost() {
    }

    /**
     * Registers POST {@code path}: the type is checked before the body is read (Vert.x wants the body handler
     * first on its route, hence two routes), then the parsed request goes to {@code analysis} on a worker thread
     * (it reads the warehouse); other methods get 405 with {@code Allow: POST}.
     */
    static void register(Vertx vertx, Router router, String path, long bodyLimit, Analysis analysis) {
        requireNonNull(vertx, "vertx is null");
        requireNonNull(analysis, "analysis is null");
        if (bodyLimit < 1) {
            throw new IllegalArgumentException("bodyLimit must be positive, got " + bodyLimit);
        }
        router.post(path).handler(ctx -> checkContentType(ctx, bodyLimit));
        router.post(path).handler(BodyHandler.create(false).setBodyLimit(bodyLimit)).handler(ctx -> {
            AnalysisRequest request;
            try {
                // the query first: a request with an unknown parameter is refused whatever its body
                boolean explain = explain(ctx);
                request = new AnalysisRequest(objectBody(ctx), explain, ctx.pathParams(), HttpApiServer.scope(ctx));
            } catch (AnalyticsException e) {
                ctx.fail(e);
                return;
            }
            respond(vertx, ctx, 200, () -> analysis.answer(request));
        });
        router.route(path).handler(ctx -> ErrorResponses.methodNotAllowed(ctx, "POST"));
    }

    /**
     * Turns a request into the {@code data} of the answer. It runs on a worker thread: it validates the body
     * (an {@link AnalyticsException} naming the field becomes a 400 before any use case is called) and then
     * calls its use case.
     */
    @FunctionalInterface
    interface Analysis {
        Object answer(AnalysisRequest request) throws Exception;
    }

    /**
     * An analysis request as the HTTP layer read it.
     *
     * @param body the JSON object of the body
     * @param explain whether the answer carries the warehouse SQL as {@code "sql"}
     * @param pathParameters the path's {@code :name} parameters, decoded
     * @param scope the data the caller may read, as the server's access policy decided it before the handler ran
     */
    record AnalysisRequest(Map<String, Object> body, boolean explain, Map<String, String> pathParameters, DataScope scope) {
        AnalysisRequest {
            requireNonNull(body, "body is null");
            requireNonNull(scope, "scope is null");
            requireNonNull(pathParameters, "pathParameters is null");
            pathParameters = Map.copyOf(pathParameters);
        }

        String pathParameter(String name) {
            String value = pathParameters.get(name);
            if (value == null) {
                // a programming error: the route has no such parameter
                throw new IllegalStateException("the route has no path parameter '" + name + "'");
            }
            return value;
        }
    }

    /** Lets a JSON body through (with its limit, so a 413 names it); anything else is 415. */
    static void checkContentType(RoutingContext ctx, long bodyLimit) {
        String contentType = ctx.request().getHeader("Content-Type");
        String base = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!base.equals(JsonResponses.APPLICATION_JSON)) {
            ctx.fail(new AnalyticsException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, (contentType == null
                    ? "The request has no Content-Type"
                    : "Content-Type '" + contentType + "' is not accepted") + "; send application/json"));
            return;
        }
        // the 413 then names the limit
        ctx.put(EventsEndpoint.BODY_LIMIT_KEY, bodyLimit);
        ctx.next();
    }

    /**
     * {@code ?explain=true} asks for the SQL the warehouse ran. It is the only query parameter an analysis knows
     * (the request is the body): anything else is refused rather than silently ignored, as the metrics API does.
     */
    static boolean explain(RoutingContext ctx) {
        for (String name : ctx.queryParams().names()) {
            if (!name.equals(EXPLAIN)) {
                throw AnalyticsException.invalidParameter(name, "unknown query parameter '" + name + "'; known: explain");
            }
        }
        return explainParameter(ctx);
    }

    /** Reads {@code explain} alone, for routes with further query parameters of their own. */
    static boolean explainParameter(RoutingContext ctx) {
        var values = ctx.queryParams().getAll(EXPLAIN);
        if (values.isEmpty()) {
            return false;
        }
        if (values.size() > 1) {
            throw AnalyticsException.invalidParameter(EXPLAIN, "explain is given more than once");
        }
        return switch (values.get(0)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw AnalyticsException.invalidParameter(EXPLAIN, "explain must be true or false; got '" + values.get(0) + "'");
        };
    }

    /**
     * The body as a JSON object: empty, malformed or another JSON value is a 400 INVALID_REQUEST_BODY; so is a body
     * that does not match the request schema of its route in the OpenAPI document ({@link ApiContract}), checked
     * here, before the handler's own (domain) validation and before any use case.
     */
    static Map<String, Object> objectBody(RoutingContext ctx) {
        String text = ctx.body() == null || ctx.body().buffer() == null ? "" : ctx.body().buffer().toString(StandardCharsets.UTF_8);
        if (text.isBlank()) {
            throw AnalyticsException.invalidBody("", "The request body is empty; send a JSON object");
        }
        Map<String, Object> body;
        try {
            body = Json.parseObject(text);
        } catch (Json.JsonException e) {
            throw AnalyticsException.invalidBody("", "The request body is not a JSON object: " + e.getMessage());
        }
        ApiContract contract = ctx.get(ApiContract.class.getName());
        if (contract != null && ctx.currentRoute() != null) {
            contract.validateBody(ctx.request().method(), ctx.currentRoute().getPath(), text);
        }
        return body;
    }

    /** As {@link #objectBody(RoutingContext)}, a member not among {@code known} refused by its pointer. */
    static Map<String, Object> objectBody(RoutingContext ctx, List<String> known) {
        Map<String, Object> body = objectBody(ctx);
        knownFields(body, known);
        return body;
    }

    /** A member of a JSON object not among {@code known} is 400 INVALID_REQUEST_BODY at its pointer, naming the known. */
    static void knownFields(Map<String, Object> body, List<String> known) {
        for (String field : body.keySet()) {
            if (!known.contains(field)) {
                throw AnalyticsException.invalidBody("/" + field, "unknown field '" + field + "'; known: " + String.join(", ", known));
            }
        }
    }

    /** An optional member that must be a JSON object (an empty one when absent), else 400 at its pointer. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> objectMember(Map<String, Object> body, String field) {
        Object value = body.getOrDefault(field, Map.of());
        if (!(value instanceof Map<?, ?> map)) {
            throw AnalyticsException.invalidBody("/" + field, field + " must be an object");
        }
        return (Map<String, Object>) map;
    }

    /**
     * A path parameter naming a resource by its UUID, in the canonical form; anything else names no resource (the
     * caller answers 404 with its own code).
     */
    static Optional<UUID> canonicalUuid(String raw) {
        if (raw == null || raw.length() != 36) {
            return Optional.empty();
        }
        try {
            UUID id = UUID.fromString(raw);
            return id.toString().equalsIgnoreCase(raw) ? Optional.of(id) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Runs {@code work} on a worker thread (use cases read databases) and answers {@code {"data": ...}}. */
    static void respond(Vertx vertx, RoutingContext ctx, int status, Callable<Object> work) {
        vertx.executeBlocking(RequestObservation.onWorker(ctx, work), false)
                .onSuccess(data -> JsonResponses.send(ctx, status, Map.of("data", data)))
                .onFailure(ctx::fail);
    }
}
