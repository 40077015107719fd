package com.platform.analytics.adapter.http;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.access.Principal;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.report.ReportSchedule;
import com.platform.analytics.port.in.ReportSchedulesUseCase;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Report schedules, under {@code basePath}, behind {@code reports:run} (a developer's are their own, with their scope):
 * <ul>
 *   <li>{@code GET /reports/schedules}: the caller's schedules (paginated);</li>
 *   <li>{@code POST /reports/schedules} with {@code {"definition","cron","timeZone","parameters","format"}}: 201 with
 *       the schedule and its {@code Location}; a {@code date} parameter may be a relative word
 *       ({@code start_of_previous_month}, {@code yesterday}, {@code today-7d}, …) resolved at each fire;</li>
 *   <li>{@code GET /reports/schedules/{schedule_id}}, {@code DELETE /reports/schedules/{schedule_id}} (204).</li>
 * </ul>
 */
public final class ReportSchedulesEndpoint implements RouteGroup {
    static final String SCHEDULE_ID = "schedule_id";
    private static final List<String> FIELDS = List.of("definition", "cron", "timeZone", "parameters", "format");

    private final ReportSchedulesUseCase schedules;
    private final Function<RoutingContext, Principal> callers;
    private long bodyLimit = AnalysisPost.DEFAULT_BODY_LIMIT;
    private Vertx vertx;
    private String basePath;

    public ReportSchedulesEndpoint(ReportSchedulesUseCase schedules) {
        this(schedules, HttpApiServer::caller);
    }

    /** With the caller of a request found by {@code callers} (tests stand in for the server's authentication). */
    ReportSchedulesEndpoint(ReportSchedulesUseCase schedules, Function<RoutingContext, Principal> callers) {
        this.schedules = requireNonNull(schedules, "schedules is null");
        this.callers = requireNonNull(callers, "callers is null");
    }

    @Override
    public void register(Vertx vertx, Router router, String basePath, long maxBodyBytes) {
        this.vertx = requireNonNull(vertx, "vertx is null");
        this.basePath = requireNonNull(basePath, "basePath is null");
        this.bodyLimit = Math.min(bodyLimit, maxBodyBytes);
        String list = basePath + "/reports/schedules";
        router.get(list).handler(this::list);
        router.post(list).handler(ctx -> AnalysisPost.checkContentType(ctx, bodyLimit));
        router.post(list).handler(BodyHandler.create(false).setBodyLimit(bodyLimit)).handler(this::create);
        router.route(list).handler(ctx -> ErrorResponses.methodNotAllowed(ctx, "GET, POST"));
        String one = list + "/:" + SCHEDULE_ID;
        router.get(one).handler(this::find);
        router.delete(one).handler(this::delete);
        router.route(one).handler(ctx -> ErrorResponses.methodNotAllowed(ctx, "GET, DELETE"));
    }

    private void list(RoutingContext ctx) {
        Pages.PageRequest page;
        Principal caller;
        try {
            page = Pages.read(ctx, "reports/schedules");
            caller = callers.apply(ctx);
        } catch (AnalyticsException e) {
            ctx.fail(e);
            return;
        }
        vertx.executeBlocking(RequestObservation.onWorker(ctx, () -> Pages.slice(ctx, page, schedules.list(caller),
                        s -> document(s, basePath))), false)
                .onSuccess(document -> {
                    ctx.response().putHeader("Cache-Control", "no-store");
                    JsonResponses.send(ctx, 200, document);
                })
                .onFailure(ctx::fail);
    }

    private void create(RoutingContext ctx) {
        Principal caller;
        Map<String, Object> body;
        Map<String, Object> parameters;
        try {
            caller = callers.apply(ctx);
            body = AnalysisPost.objectBody(ctx, FIELDS);
            parameters = AnalysisPost.objectMember(body, "parameters");
        } catch (AnalyticsException e) {
            ctx.fail(e);
            return;
        }
        String definition;
        String cron;
        String timeZone;
        String format;
        try {
            definition = text(body, "definition");
            cron = text(body, "cron");
            timeZone = text(body, "timeZone");
            format = text(body, "format");
        } catch (AnalyticsException e) {
            ctx.fail(e);
            return;
        }
        vertx.executeBlocking(RequestObservation.onWorker(ctx, () -> schedules.create(caller, definition, cron, timeZone,
                        parameters, format)), false)
                .onSuccess(schedule -> {
                    ctx.response().putHeader("Location", basePath + "/reports/schedules/" + schedule.id());
                    JsonResponses.send(ctx, 201, Map.of("data", document(schedule, basePath)));
                })
                .onFailure(ctx::fail);
    }

    private static String text(Map<String, Object> body, String field) {
        Object value = body.get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s) || s.isBlank()) {
            throw AnalyticsException.invalidBody("/" + field, field + " must be a non-empty string");
        }
        return s;
    }

    private void find(RoutingContext ctx) {
        UUID id = scheduleId(ctx);
        if (id == null) {
            return;
        }
        Principal caller = callers.apply(ctx);
        vertx.executeBlocking(RequestObservation.onWorker(ctx, () -> schedules.find(caller, id)), false)
                .onSuccess(s -> {
                    ctx.response().putHeader("Cache-Control", "no-store");
                    JsonResponses.send(ctx, 200, Map.of("data", document(s, basePath)));
                })
                .onFailure(ctx::fail);
    }

    private void delete(RoutingContext ctx) {
        UUID id = scheduleId(ctx);
        if (id == null) {
            return;
        }
        Principal caller = callers.apply(ctx);
        vertx.executeBlocking(RequestObservation.onWorker(ctx, () -> {
            schedules.delete(caller, id);
            return null;
        }), false).onSuccess(done -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
    }

    private static UUID scheduleId(RoutingContext ctx) {
        String raw = ctx.pathParam(SCHEDULE_ID);
        java.util.Optional<UUID> id = AnalysisPost.canonicalUuid(raw);
        if (id.isPresent()) {
            return id.get();
        }
        ctx.fail(new AnalyticsException(ErrorCode.RESOURCE_NOT_FOUND, "no report schedule '" + raw + "'"));
        return null;
    }

    static Map<String, Object> document(ReportSchedule s, String basePath) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", s.id().toString());
        json.put("definitionId", s.definitionId().toString());
        json.put("definitionName", s.definitionName());
        json.put("cron", s.schedule().expression());
        json.put("timeZone", s.schedule().zone().getId());
        json.put("parameters", s.parameters());
        json.put("format", s.format().wireName());
        json.put("owner", s.owner());
        json.put("developerId", s.developerId().orElse(null));
        json.put("enabled", s.enabled());
        json.put("createdAt", s.createdAt().toString());
        json.put("nextFireAt", s.enabled() ? s.nextFire().map(Instant::toString).orElse(null) : null);
        json.put("lastFireAt", s.lastFireAt() == null ? null : s.lastFireAt().toString());
        json.put("lastInstanceUrl", s.lastInstanceId() == null ? null : basePath + "/reports/instances/" + s.lastInstanceId());
        json.put("lastError", s.lastError());
        return json;
    }
}
