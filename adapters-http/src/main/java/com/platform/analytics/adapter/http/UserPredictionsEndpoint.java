package com.platform.analytics.adapter.http;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.access.Principal;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.port.in.UserPredictionsUseCase;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The built-in models asked about users by real id, behind {@code predictions:run}:
 * <ul>
 *   <li>{@code POST /predictions/users/churn} {@code {"userIds":[...]}} (at most 1000): each user's probability of
 *       being inactive for the next 14 days, and the ids with no recent activity to score;</li>
 *   <li>{@code GET /predictions/users/{user_id}/recommendations?n=10}: games for the user, none they own.</li>
 * </ul>
 * Answers are never cached (they change with each day's features and each promotion).
 */
public final class UserPredictionsEndpoint implements RouteGroup {
    static final String USER_ID = "user_id";

    private final UserPredictionsUseCase users;
    private final Function<RoutingContext, Principal> callers;
    private long bodyLimit = AnalysisPost.DEFAULT_BODY_LIMIT;
    private Vertx vertx;

    public UserPredictionsEndpoint(UserPredictionsUseCase users) {
        this(users, HttpApiServer::caller);
    }

    /** With the caller of a request found by {@code callers} (tests stand in for the server's authentication). */
    UserPredictionsEndpoint(UserPredictionsUseCase users, Function<RoutingContext, Principal> callers) {
        this.users = requireNonNull(users, "users is null");
        this.callers = requireNonNull(callers, "callers is null");
    }

    @Override
    public void register(Vertx vertx, Router router, String basePath, long maxBodyBytes) {
        this.vertx = requireNonNull(vertx, "vertx is null");
        this.bodyLimit = Math.min(bodyLimit, maxBodyBytes);
        String churn = basePath + "/predictions/users/churn";
        router.post(churn).handler(ctx -> AnalysisPost.checkContentType(ctx, bodyLimit));
        router.post(churn).handler(BodyHandler.create(false).setBodyLimit(bodyLimit)).handler(this::churn);
        router.route(churn).handler(ctx -> ErrorResponses.methodNotAllowed(ctx, "POST"));
        String recommendations = basePath + "/predictions/users/:" + USER_ID + "/recommendations";
        router.get(recommendations).handler(this::recommendations);
        router.route(recommendations).handler(ctx -> ErrorResponses.methodNotAllowed(ctx, "GET"));
    }

    private void churn(RoutingContext ctx) {
        Principal caller;
        List<?> ids;
        try {
            caller = callers.apply(ctx);
            Map<String, Object> body = AnalysisPost.objectBody(ctx, List.of("userIds"));
            if (!(body.get("userIds") instanceof List<?> list)) {
                throw AnalyticsException.invalidBody("/userIds", "userIds is required: an array of user ids");
            }
            ids = list;
        } catch (AnalyticsException e) {
            ctx.fail(e);
            return;
        }
        ctx.response().putHeader("Cache-Control", "no-store");
        AnalysisPost.respond(vertx, ctx, 200, () -> {
            UserPredictionsUseCase.ChurnRisk risk = users.churnRisk(caller, ids);
            List<Object> scores = new ArrayList<>();
            risk.probabilities().forEach((user, p) -> {
                Map<String, Object> score = new LinkedHashMap<>();
                score.put("userId", user);
                score.put("churnProbability", p);
                scores.add(score);
            });
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("model", model("churn", risk.modelId().toString(), risk.version()));
            data.put("asOf", risk.asOf().toString());
            data.put("scores", scores);
            data.put("unscored", risk.unscored());
            return data;
        });
    }

    private void recommendations(RoutingContext ctx) {
        Principal caller;
        String user = ctx.pathParam(USER_ID);
        int n;
        try {
            caller = callers.apply(ctx);
            for (String name : ctx.queryParams().names()) {
                if (!name.equals("n")) {
                    throw AnalyticsException.invalidParameter(name, "unknown query parameter '" + name + "'; known: n");
                }
            }
            String raw = ctx.queryParams().get("n");
            try {
                n = raw == null ? 10 : Integer.parseInt(raw);
            } catch (NumberFormatException e) {
                throw AnalyticsException.invalidParameter("n", "n is a whole number 1..100, not '" + raw + "'");
            }
        } catch (AnalyticsException e) {
            ctx.fail(e);
            return;
        }
        ctx.response().putHeader("Cache-Control", "no-store");
        AnalysisPost.respond(vertx, ctx, 200, () -> {
            UserPredictionsUseCase.UserRecommendations r = users.recommendations(caller, user, n);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("model", model("game_recommendations", r.modelId().toString(), r.version()));
            data.put("userId", user);
            data.put("ownedGames", r.ownedGames());
            data.put("recommendations", r.recommendations());
            return data;
        });
    }

    private static Map<String, Object> model(String name, String id, String version) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("id", id);
        model.put("name", name);
        model.put("version", version);
        return model;
    }
}
