package com.platform.analytics.adapter.http;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.alert.AlertEvent;
import com.platform.analytics.domain.alert.AlertRuleDraft;
import com.platform.analytics.domain.alert.AlertStatus;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.port.in.AlertsUseCase;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Alerts (issue 6), under {@code basePath}:
 * <ul>
 *   <li>{@code GET /alerts/rules} (paginated, with an ETag), {@code POST /alerts/rules} with an {@link AlertRuleDraft};</li>
 *   <li>{@code GET /alerts/events?status=firing|resolved&page[size]=&page[cursor]=}, the most recently triggered
 *       first.</li>
 * </ul>
 * Rules and events are the operators': they are not narrowed to a developer's games (the permissions, alerts:write and
 * operations:read, are what guards them).
 */
public final class AlertsEndpoint implements RouteGroup {
    static final String STATUS = "status";
    private final AlertsUseCase alerts;
    private long bodyLimit;
    private Vertx vertx;

    /** Bodies up to the server's limit ({@link HttpApiConfig#maxJsonBodyBytes()}). */
    public AlertsEndpoint(AlertsUseCase alerts) {
        this.alerts = requireNonNull(alerts, "alerts is null");
        this.bodyLimit = Long.MAX_VALUE;
    }

    @Override
    public void register(Vertx vertx, Router router, String basePath, long maxBodyBytes) {
        this.vertx = requireNonNull(vertx, "vertx is null");
        this.bodyLimit = Math.min(bodyLimit, maxBodyBytes);
        String rules = basePath + "/alerts/rules";
        router.get(rules).handler(this::listRules);
        router.post(rules).handler(BodyHandler.create(false).setBodyLimit(bodyLimit)).handler(this::createRule);
        router.route(rules).handler(ctx -> ErrorResponses.methodNotAllowed(ctx, "GET, POST"));
        String events = basePath + "/alerts/events";
        router.get(events).handler(this::listEvents);
        router.route(events).handler(ctx -> ErrorResponses.methodNotAllowed(ctx, "GET"));
    }

    private void listRules(RoutingContext ctx) {
        Pages.PageRequest page;
        try {
            page = Pages.read(ctx, "alerts/rules");
        } catch (AnalyticsException e) {
            ctx.fail(e);
            return;
        }
        vertx.executeBlocking(RequestObservation.onWorker(ctx, () -> Pages.slice(ctx, page, alerts.rules(), r -> r.toJson())), false)
                .onSuccess(document -> JsonResponses.sendWithETag(ctx, 200, document))
                .onFailure(ctx::fail);
    }

    private void createRule(RoutingContext ctx) {
        Map<String, Object> body;
        try {
            body = AnalysisPost.objectBody(ctx);
        } catch (AnalyticsException e) {
            ctx.fail(e);
            return;
        }
        AnalysisPost.respond(vertx, ctx, 201, () -> alerts.createRule(AlertRuleDraft.fromJson(body)).toJson());
    }

    private void listEvents(RoutingContext ctx) {
        Optional<AlertStatus> status;
        Pages.PageRequest page;
        try {
            status = status(ctx);
            page = Pages.read(ctx, "alerts/events?" + STATUS + "=" + status.map(AlertStatus::wireName).orElse(""),
                    java.util.Set.of(STATUS));
        } catch (AnalyticsException e) {
            ctx.fail(e);
            return;
        }
        vertx.executeBlocking(RequestObservation.onWorker(ctx, () -> {
            // one more than the page: whether there is a next page, without counting them all
            List<AlertEvent> found = alerts.events(status, page.offset(), page.size() + 1);
            boolean more = found.size() > page.size();
            List<Object> data = found.stream().limit(page.size()).map(e -> (Object) e.toJson()).toList();
            return Pages.document(ctx, page, data, more, status.map(s -> Map.of(STATUS, s.wireName())).orElse(Map.of()));
        }), false).onSuccess(document -> JsonResponses.send(ctx, 200, document)).onFailure(ctx::fail);
    }

    private static Optional<AlertStatus> status(RoutingContext ctx) {
        List<String> values = ctx.queryParams().getAll(STATUS);
        if (values.isEmpty()) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            throw AnalyticsException.invalidParameter(STATUS, "status is given more than once");
        }
        AlertStatus status = AlertStatus.parse(values.get(0));
        if (status == null) {
            throw AnalyticsException.invalidParameter(STATUS, "status must be firing or resolved; got '" + values.get(0) + "'");
        }
        return Optional.of(status);
    }
}
