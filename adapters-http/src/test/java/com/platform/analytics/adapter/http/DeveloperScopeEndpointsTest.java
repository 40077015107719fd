package com.platform.analytics.adapter.http;

import static com.platform.analytics.adapter.http.RunningApi.firstError;
import static org.assertj.core.api.Assertions.assertThat;

import com.platform.analytics.domain.access.AccessPolicy;
import com.platform.analytics.domain.access.DataScope;
import com.platform.analytics.domain.access.Principal;
import com.platform.analytics.domain.access.Role;
import com.platform.analytics.domain.analysis.funnel.FunnelResult;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.event.EventTypes;
import com.platform.analytics.port.in.AuthenticationUseCase;
import com.platform.analytics.port.out.OperationalMetrics;
import com.platform.analytics.port.out.Tracing;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The caller's data scope, as the server's access policy derives it from the verified token, is what each analysis
 * endpoint hands its use case: a developer's own scope for a developer, every game for an admin, whoever sends the
 * request and whatever its body says; and a use case's denial is the spec's 403.
 */
class DeveloperScopeEndpointsTest {
    private static final String BASE = HttpApiServer.BASE_PATH + "/analysis";
    private static final String HOSTILE_DEVELOPER = "dev-a' OR '1'='1";
    private static final Map<String, Principal> TOKENS = Map.of(
            "dev-a", developer("dev-a"),
            "dev-b", developer("dev-b"),
            "hostile", developer(HOSTILE_DEVELOPER),
            // a developer id with a wider role: the developer's scope still wins, as the access policy has it
            "dev-a-marketing", new Principal("u-dev-a-mm", Set.of(Role.DEVELOPER, Role.MARKETING_MANAGER), Set.of(),
                    Optional.of("dev-a")),
            "admin", new Principal("u-admin", Set.of(Role.PLATFORM_ADMIN), Set.of(), Optional.empty()));
    /** A stand-in for the JWT verifier: the token is a name in {@link #TOKENS}. */
    private static final AuthenticationUseCase AUTH = authorization -> {
        Principal p = TOKENS.get(authorization.orElse("").replaceFirst("^Bearer ", ""));
        if (p == null) {
            throw new AnalyticsException(ErrorCode.UNAUTHENTICATED, "bad token");
        }
        return p;
    };
    private static final FakeFunnels FUNNELS = new FakeFunnels();
    private static final FakeCohortRetention RETENTION = new FakeCohortRetention();
    private static final FakePaths PATHS = new FakePaths();
    private static final FakeExperiments EXPERIMENTS = new FakeExperiments();
    private static final String FUNNEL_BODY = """
            {"from":"2026-03-01","to":"2026-03-07","steps":[{"event":"a.b.c","filters":[{"field":"data.gameId","op":"eq","value":"g3"}]},
             {"event":"a.b.d"}],"breakdown":"data.gameId"}""";
    /** Each analysis: its path, a valid body, and the scopes its fake use case received. */
    private static final List<Analysis> ANALYSES = List.of(
            new Analysis(BASE + "/funnels", FUNNEL_BODY, () -> FUNNELS.scopes),
            new Analysis(BASE + "/retention", "{\"from\":\"2026-03-02\",\"to\":\"2026-03-15\",\"periods\":4}", () -> RETENTION.scopes),
            new Analysis(BASE + "/paths", "{\"from\":\"2026-03-02\",\"to\":\"2026-03-15\",\"start\":\"" + EventTypes.USER_LOGGED_IN
                    + "\",\"steps\":2}", () -> PATHS.scopes),
            new Analysis(BASE + "/experiments/checkout_v2", "{\"from\":\"2026-03-01\",\"to\":\"2026-03-14\",\"goal\":{\"event\":\""
                    + EventTypes.TRANSACTION_COMPLETED + "\"}}", () -> EXPERIMENTS.scopes));
    private static RunningApi api;

    private record Analysis(String path, String body, Supplier<List<DataScope>> scopes) {
    }

    @BeforeAll
    static void start() {
        api = RunningApi.start(new HttpApiServer(new HttpApiConfig("127.0.0.1", 0, 1 << 20), new FakeIngestEvents(),
                new FakeMetricQueries(), List.of(new FunnelsEndpoint(FUNNELS), new CohortRetentionEndpoint(RETENTION),
                        new PathsEndpoint(PATHS), new ExperimentEndpoint(EXPERIMENTS)),
                OperationalMetrics.NONE, Tracing.NONE, AUTH, new AccessPolicy()));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @BeforeEach
    void reset() {
        for (Analysis a : ANALYSES) {
            a.scopes().get().clear();
        }
        FUNNELS.answer = q -> FunnelResult.of(q, List.of(), "SELECT 1");
    }

    private static Principal developer(String id) {
        return new Principal("u-" + id, Set.of(Role.DEVELOPER), Set.of(), Optional.of(id));
    }

    private static HttpResponse<String> post(String path, String body, String token) throws Exception {
        return api.send(api.request(path).header("Content-Type", JsonResponses.APPLICATION_JSON)
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    @Test
    void everyAnalysisRunsInTheScopeOfTheTokensDeveloper() throws Exception {
        Map<String, DataScope> expected = Map.of(
                "dev-a", DataScope.developer("dev-a"),
                "dev-b", DataScope.developer("dev-b"),
                "dev-a-marketing", DataScope.developer("dev-a"),
                "hostile", DataScope.developer(HOSTILE_DEVELOPER),
                "admin", DataScope.ALL_GAMES);
        for (Analysis a : ANALYSES) {
            for (Map.Entry<String, DataScope> token : expected.entrySet()) {
                a.scopes().get().clear();
                HttpResponse<String> r = post(a.path(), a.body(), token.getKey());
                assertThat(r.statusCode()).as("%s as %s: %s", a.path(), token.getKey(), r.body()).isEqualTo(200);
                assertThat(a.scopes().get()).as("%s as %s", a.path(), token.getKey()).containsExactly(token.getValue());
            }
        }
    }

    @Test
    void nothingInTheRequestChangesTheScope() throws Exception {
        // a body or query naming another developer's game or developer id does not widen the scope the use case gets
        String otherDeveloper = FUNNEL_BODY.replace("\"field\":\"data.gameId\",\"op\":\"eq\",\"value\":\"g3\"",
                "\"field\":\"data.developerId\",\"op\":\"in\",\"value\":[\"dev-b\",\"' OR 1=1 --\"]");
        for (String body : List.of(FUNNEL_BODY, otherDeveloper)) {
            FUNNELS.scopes.clear();
            assertThat(post(BASE + "/funnels?explain=true", body, "dev-a").statusCode()).isEqualTo(200);
            assertThat(FUNNELS.scopes).containsExactly(DataScope.developer("dev-a"));
        }
        HttpResponse<String> parameter = post(BASE + "/funnels?developerId=dev-b", FUNNEL_BODY, "dev-a");
        assertThat(parameter.statusCode()).as("an unknown query parameter is refused, never obeyed").isEqualTo(400);
    }

    @Test
    void aDenialOfTheUseCaseIsThe403OfTheSpecWithNoData() throws Exception {
        FUNNELS.answer = q -> {
            throw new AnalyticsException(ErrorCode.ACCESS_DENIED_TO_RESOURCE, "game g3 is not one of the caller's games");
        };

        HttpResponse<String> r = post(BASE + "/funnels", FUNNEL_BODY, "dev-a");

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(firstError(r)).containsEntry("code", "ACCESS_DENIED_TO_RESOURCE");
        assertThat(firstError(r).get("detail").toString()).contains("g3");
        assertThat(RunningApi.json(r)).doesNotContainKey("data");
    }
}
