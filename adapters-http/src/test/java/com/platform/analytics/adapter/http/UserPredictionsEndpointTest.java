package com.platform.analytics.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.platform.analytics.domain.access.Principal;
import com.platform.analytics.domain.access.Role;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.json.Json;
import com.platform.analytics.port.in.UserPredictionsUseCase;
import io.vertx.ext.web.RoutingContext;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The by-user prediction routes with a fake use case: bodies, query parameters, documents. */
class UserPredictionsEndpointTest {
    private static final String BASE = HttpApiServer.BASE_PATH;
    private static final UUID CHURN = UUID.fromString("00000000-0000-4000-8000-0000000000c1");
    private static final Principal SERVICE = new Principal("svc", Set.of(Role.SERVICE), Set.of(), Optional.empty());
    private static final Function<RoutingContext, Principal> CALLER = ctx -> SERVICE;

    /** Scores users whose id starts with "active"; recommends two games; no model for the user "none". */
    static final class FakeUsers implements UserPredictionsUseCase {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public ChurnRisk churnRisk(Principal caller, List<?> userIds) {
            calls.add("churn " + userIds);
            Map<String, Double> scored = new LinkedHashMap<>();
            List<String> unscored = new ArrayList<>();
            for (Object id : userIds) {
                if (((String) id).startsWith("active")) {
                    scored.put((String) id, 0.25);
                } else {
                    unscored.add((String) id);
                }
            }
            return new ChurnRisk(CHURN, "20260316-0400", LocalDate.parse("2026-03-16"), scored, unscored);
        }

        @Override
        public UserRecommendations recommendations(Principal caller, String userId, int n) {
            calls.add("recommend " + userId + " " + n);
            if (userId.equals("none")) {
                throw new AnalyticsException(ErrorCode.ML_MODEL_NOT_FOUND, "no production version of game_recommendations");
            }
            if (n > 100) {
                throw AnalyticsException.invalidParameter("n", "n is 1..100, not " + n);
            }
            return new UserRecommendations(UUID.randomUUID(), "1", 3, List.of(Map.of("gameId", "g1", "score", 0.5,
                    "source", "similarity")));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(HttpResponse<String> r) {
        return (Map<String, Object>) Json.parseObject(r.body()).get("data");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> firstError(HttpResponse<String> r) {
        return ((List<Map<String, Object>>) Json.parseObject(r.body()).get("errors")).get(0);
    }

    @Test
    void churnRiskOfUsersIsAnsweredByTheIdsAsGiven() throws Exception {
        FakeUsers users = new FakeUsers();
        try (RunningApi api = RunningApi.withRouteGroups(new UserPredictionsEndpoint(users, CALLER))) {
            HttpResponse<String> r = api.send(api.request(BASE + "/predictions/users/churn").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"userIds\":[\"active-1\",\"gone-2\"]}")));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
            Map<String, Object> data = data(r);
            assertThat(data).containsEntry("asOf", "2026-03-16").containsEntry("unscored", List.of("gone-2"))
                    .containsEntry("model", Map.of("id", CHURN.toString(), "name", "churn", "version", "20260316-0400"));
            assertThat(Json.write(data.get("scores"))).isEqualTo("[{\"userId\":\"active-1\",\"churnProbability\":0.25}]");

            HttpResponse<String> unknown = api.send(api.request(BASE + "/predictions/users/churn").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"userIds\":[\"a\"],\"asOf\":\"x\"}")));
            assertThat(firstError(unknown)).containsEntry("source", Map.of("pointer", "/asOf"));
            HttpResponse<String> notList = api.send(api.request(BASE + "/predictions/users/churn").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"userIds\":\"a\"}")));
            assertThat(firstError(notList)).containsEntry("source", Map.of("pointer", "/userIds"));
            assertThat(api.send("GET", BASE + "/predictions/users/churn", "").statusCode()).isEqualTo(405);
            assertThat(users.calls).containsExactly("churn [active-1, gone-2]");
        }
    }

    @Test
    void recommendationsOfAUserTakeNAndKeepTheUseCasesRefusals() throws Exception {
        FakeUsers users = new FakeUsers();
        try (RunningApi api = RunningApi.withRouteGroups(new UserPredictionsEndpoint(users, CALLER))) {
            HttpResponse<String> r = api.send(api.request(BASE + "/predictions/users/alice/recommendations?n=5").GET());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(data(r)).containsEntry("userId", "alice").containsEntry("ownedGames", 3L)
                    .containsEntry("recommendations", List.of(Map.of("gameId", "g1", "score", new java.math.BigDecimal("0.5"),
                            "source", "similarity")));
            assertThat(api.send(api.request(BASE + "/predictions/users/alice/recommendations").GET()).statusCode()).isEqualTo(200);
            assertThat(users.calls).containsExactly("recommend alice 5", "recommend alice 10");

            HttpResponse<String> badN = api.send(api.request(BASE + "/predictions/users/alice/recommendations?n=ten").GET());
            assertThat(badN.statusCode()).isEqualTo(400);
            assertThat(firstError(badN)).containsEntry("source", Map.of("parameter", "n"));
            assertThat(firstError(api.send(api.request(BASE + "/predictions/users/alice/recommendations?limit=3").GET())))
                    .containsEntry("source", Map.of("parameter", "limit"));
            assertThat(api.send(api.request(BASE + "/predictions/users/alice/recommendations?n=500").GET()).statusCode()).isEqualTo(400);
            HttpResponse<String> noModel = api.send(api.request(BASE + "/predictions/users/none/recommendations").GET());
            assertThat(noModel.statusCode()).isEqualTo(404);
            assertThat(firstError(noModel)).containsEntry("code", "ML_MODEL_NOT_FOUND");
        }
    }
}
