package com.platform.analytics.adapter.http;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.json.Json;
import com.platform.analytics.domain.segment.SegmentDefinition;
import com.platform.analytics.domain.segment.SegmentDraft;
import com.platform.analytics.port.in.SegmentsUseCase;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * Segments (spec 3.1.3 and issue 4), under {@code basePath}:
 * <ul>
 *   <li>{@code GET/POST /segments/definitions}, {@code GET/PUT/DELETE /segments/definitions/{segment_id}};</li>
 *   <li>{@code GET /segments/{segment_id}/users-count}, {@code POST /segments/{segment_id}/refresh}
 *       ({@code ?explain=true} adds the warehouse SQL);</li>
 *   <li>{@code GET /segments/{segment_id}/members?page[size]=&page[cursor]=} (pseudonyms), {@code POST .../members} with
 *       {@code {"userIds":["<real id>", ...]}} for a static segment, {@code GET .../members/check?userId=<real id>}.</li>
 * </ul>
 * An id that is not a UUID names no segment: 404 SEGMENT_DEFINITION_NOT_FOUND, like an unknown one. The lists are
 * paginated ({@link Pages}); a definition and the list of them carry an ETag.
 */
public final class SegmentsEndpoint implements RouteGroup {
    static final String SEGMENT_ID = "segment_id";
    private final SegmentsUseCase segments;
    private long bodyLimit;
    private Vertx vertx;

    /** Bodies up to the server's limit ({@link HttpApiConfig#maxJsonBodyBytes()}). */
    public SegmentsEndpoint(SegmentsUseCase segments) {
        this(segments, Long.MAX_VALUE);
    }

    /** Bodies up to {@code bodyLimit}, or the server's limit when that is lower. */
    public SegmentsEndpoint(SegmentsUseCase segments, long bodyLimit) {
        this.segments = requireNonNull(segments, "segments is null");
        if (bodyLimit < 1) {
            throw new IllegalArgumentException("bodyLimit must be positive, got " + bodyLimit);
        }
        this.bodyLimit = bodyLimit;
    }

    @Override
    public void register(Vertx vertx, Router router, String basePath, long maxBodyBytes) {
        this.vertx = requireNonNull(vertx, "vertx is null");
        this.bodyLimit = Math.min(bodyLimit, maxBodyBytes);
        String definitions = basePath + "/segments/definitions";
        router.get(definitions).handler(this::list);
        router.post(definitions).handler(body()).handler(this::create);
        router.route(definitions).handler(ctx -> ErrorResponses.methodNotAllowed(ctx, "GET, POST"));

        String definition = definitions + "/:" + SEGMENT_ID;
        router.get(definition).handler(this::get);
        router.put(definition).handler(body()).handler(this::update);
        router.delete(definition).handler(this::delete);
        router.route(definition).handler(ctx -> ErrorResponses.methodNotAllowed(ctx, "GET, PUT, DELETE"));

        String segment = basePath + "/segments/:" + SEGMENT_ID;
        router.get(segment + "/users-count").handler(this::usersCount);
        router.route(segment + "/users-count").handler(ctx -> ErrorResponses.methodNotAllowed(ctx, "GET"));
        router.post(segment + "/refresh").handler(this::refresh);
        router.route(segment + "/refresh").handler(ctx -> ErrorResponses.methodNotAllowed(ctx, "POST"));
        router.get(segment + "/members/check").handler(this::check);
        router.route(segment + "/members/check").handler(ctx -> ErrorResponses.methodNotAllowed(ctx, "GET"));
        router.get(segment + "/members").handler(this::members);
        router.post(segment + "/members").handler(body()).handler(this::upload);
        router.route(segment + "/members").handler(ctx -> ErrorResponses.methodNotAllowed(ctx, "GET, POST"));
    }

    private BodyHandler body() {
        return BodyHandler.create(false).setBodyLimit(bodyLimit);
    }

    private void list(RoutingContext ctx) {
        Pages.PageRequest page;
        try {
            page = Pages.read(ctx, "segments/definitions");
        } catch (AnalyticsException e) {
            ctx.fail(e);
            return;
        }
        vertx.executeBlocking(RequestObservation.onWorker(ctx, () -> Pages.slice(ctx, page, segments.definitions(), this::document)), false)
                .onSuccess(document -> JsonResponses.sendWithETag(ctx, 200, document))
                .onFailure(ctx::fail);
    }

    private void create(RoutingContext ctx) {
        Map<String, Object> body = jsonBody(ctx);
        if (body == null) {
            return;
        }
        respond(ctx, 201, () -> document(segments.create(SegmentDraft.fromJson(body))));
    }

    private void get(RoutingContext ctx) {
        UUID id = segmentId(ctx);
        if (id != null) {
            vertx.executeBlocking(RequestObservation.onWorker(ctx, () -> Map.of("data", document(segments.definition(id)))), false)
                    .onSuccess(document -> JsonResponses.sendWithETag(ctx, 200, document))
                    .onFailure(ctx::fail);
        }
    }

    private void update(RoutingContext ctx) {
        UUID id = segmentId(ctx);
        Map<String, Object> body = id == null ? null : jsonBody(ctx);
        if (body != null) {
            respond(ctx, 200, () -> document(segments.update(id, SegmentDraft.fromJson(body))));
        }
    }

    private void delete(RoutingContext ctx) {
        UUID id = segmentId(ctx);
        if (id == null) {
            return;
        }
        vertx.executeBlocking(RequestObservation.onWorker(ctx, () -> {
            segments.delete(id);
            return true;
        }), false).onSuccess(done -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
    }

    private void usersCount(RoutingContext ctx) {
        UUID id = segmentId(ctx);
        if (id != null) {
            respond(ctx, 200, () -> {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("segmentId", id.toString());
                json.put("userCount", segments.usersCount(id));
                return json;
            });
        }
    }

    private void refresh(RoutingContext ctx) {
        UUID id = segmentId(ctx);
        if (id == null) {
            return;
        }
        boolean explain;
        try {
            explain = AnalysisPost.explainParameter(ctx);
        } catch (AnalyticsException e) {
            ctx.fail(e);
            return;
        }
        respond(ctx, 200, () -> {
            SegmentsUseCase.RefreshOutcome outcome = segments.refresh(id);
            return outcome(outcome, explain);
        });
    }

    private void members(RoutingContext ctx) {
        UUID id = segmentId(ctx);
        if (id == null) {
            return;
        }
        Pages.PageRequest page;
        try {
            page = Pages.read(ctx, "segments/" + id + "/members");
        } catch (AnalyticsException e) {
            ctx.fail(e);
            return;
        }
        if (page.offset() % page.size() != 0) {
            // the use case reads whole pages: the cursor's offset is a multiple of the size it was made with
            ctx.fail(AnalyticsException.invalidParameter(Pages.SIZE, Pages.SIZE
                    + " must stay the same while following links.next; start again without page[cursor] to change it"));
            return;
        }
        vertx.executeBlocking(RequestObservation.onWorker(ctx, () -> {
            SegmentsUseCase.MembersPage p = segments.members(id, (int) (page.offset() / page.size()), page.size());
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("segmentId", id.toString());
            json.put("total", p.total());
            json.put("userIds", p.userIds());
            return Pages.document(ctx, page, json, page.offset() + p.userIds().size() < p.total() && !p.userIds().isEmpty());
        }), false).onSuccess(document -> JsonResponses.send(ctx, 200, document)).onFailure(ctx::fail);
    }

    private void upload(RoutingContext ctx) {
        UUID id = segmentId(ctx);
        Map<String, Object> body = id == null ? null : jsonBody(ctx);
        if (body == null) {
            return;
        }
        List<String> userIds = new ArrayList<>();
        if (!(body.get("userIds") instanceof List<?> list) || body.size() != 1) {
            ctx.fail(AnalyticsException.invalidBody("/userIds", "expected {\"userIds\": [\"<user id>\", ...]}"));
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String s)) {
                ctx.fail(AnalyticsException.invalidBody("/userIds/" + i, "a user id is a string, found " + Json.typeName(list.get(i))));
                return;
            }
            userIds.add(s);
        }
        boolean explain;
        try {
            explain = AnalysisPost.explainParameter(ctx);
        } catch (AnalyticsException e) {
            ctx.fail(e);
            return;
        }
        respond(ctx, 200, () -> outcome(segments.uploadMembers(id, userIds), explain));
    }

    private void check(RoutingContext ctx) {
        UUID id = segmentId(ctx);
        if (id == null) {
            return;
        }
        String userId = ctx.queryParams().get("userId");
        if (userId == null || userId.isEmpty()) {
            ctx.fail(AnalyticsException.invalidParameter("userId", "userId (a real user id) is required"));
            return;
        }
        respond(ctx, 200, () -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("segmentId", id.toString());
            // the real id is not echoed: answers and logs carry no personal data
            json.put("member", segments.isMember(id, userId));
            return json;
        });
    }

    private Map<String, Object> outcome(SegmentsUseCase.RefreshOutcome outcome, boolean explain) {
        Map<String, Object> json = document(outcome.definition());
        json.put("changedMembers", outcome.changedMembers());
        json.put("announced", outcome.announced());
        if (explain) {
            json.put("sql", outcome.sql());
        }
        return json;
    }

    private Map<String, Object> document(SegmentDefinition d) {
        Map<String, Object> json = d.toJson();
        segments.lastFailure(d.id()).ifPresent(f -> {
            Map<String, Object> failure = new LinkedHashMap<>();
            failure.put("at", f.at().toString());
            failure.put("reason", f.reason());
            json.put("lastRefreshFailure", failure);
        });
        return json;
    }

    static UUID segmentId(RoutingContext ctx) {
        String text = ctx.pathParam(SEGMENT_ID);
        java.util.Optional<UUID> id = AnalysisPost.canonicalUuid(text);
        if (id.isPresent()) {
            return id.get();
        }
        ctx.fail(new AnalyticsException(ErrorCode.SEGMENT_DEFINITION_NOT_FOUND, "no segment definition with id " + text,
                SEGMENT_ID, null, null));
        return null;
    }

    /** The body as a JSON object, or null after failing the request (empty, malformed or not an object: 400). */
    private static Map<String, Object> jsonBody(RoutingContext ctx) {
        try {
            return AnalysisPost.objectBody(ctx);
        } catch (AnalyticsException e) {
            ctx.fail(e);
            return null;
        }
    }

    /** Runs a use case on a worker thread (they read databases) and answers {@code {"data": ...}}. */
    private void respond(RoutingContext ctx, int status, Callable<Object> work) {
        AnalysisPost.respond(vertx, ctx, status, work);
    }
}
