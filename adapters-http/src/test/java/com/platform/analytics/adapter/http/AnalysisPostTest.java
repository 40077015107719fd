package com.platform.analytics.adapter.http;

import static com.platform.analytics.adapter.http.RunningApi.firstError;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The refusals the four analyses share through {@link AnalysisPost}, asked of each of them on one server. */
class AnalysisPostTest {
    private static final String BASE = HttpApiServer.BASE_PATH + "/analysis";
    private static final FakeFunnels FUNNELS = new FakeFunnels();
    private static final FakeCohortRetention RETENTION = new FakeCohortRetention();
    private static final FakePaths PATHS = new FakePaths();
    private static final FakeExperiments EXPERIMENTS = new FakeExperiments();
    /** Each analysis's path and its body limit. */
    private static final Map<String, Long> LIMITS = Map.of(
            BASE + "/funnels", FunnelsEndpoint.MAX_BODY_BYTES,
            BASE + "/retention", AnalysisPost.DEFAULT_BODY_LIMIT,
            BASE + "/paths", AnalysisPost.DEFAULT_BODY_LIMIT,
            BASE + "/experiments/checkout_v2", ExperimentEndpoint.MAX_BODY_BYTES);
    private static RunningApi api;

    @BeforeAll
    static void startServer() {
        api = RunningApi.withRouteGroups(new FunnelsEndpoint(FUNNELS), new CohortRetentionEndpoint(RETENTION),
                new PathsEndpoint(PATHS), new ExperimentEndpoint(EXPERIMENTS));
    }

    @AfterAll
    static void stopServer() {
        api.close();
    }

    @Test
    void everyAnalysisRefusesTheSameWayAndNeverReachesItsUseCase() throws Exception {
        for (String path : LIMITS.keySet()) {
            HttpResponse<String> untyped = api.post(path, null, "{}");
            assertThat(untyped.statusCode()).as(path).isEqualTo(415);
            assertThat(firstError(untyped)).as(path).containsEntry("code", "UNSUPPORTED_MEDIA_TYPE");
            assertThat(api.post(path, "application/jsonx", "{}").statusCode()).as(path).isEqualTo(415);

            HttpResponse<String> array = api.postJson(path, "[{}]");
            assertThat(array.statusCode()).as(path).isEqualTo(400);
            assertThat(firstError(array)).as(path).containsEntry("code", "INVALID_REQUEST_BODY")
                    .containsEntry("source", Map.of("pointer", ""));
            assertThat(firstError(api.postJson(path, "  "))).as(path).containsEntry("code", "INVALID_REQUEST_BODY");

            HttpResponse<String> unknown = api.postJson(path + "?explain=true&limit=5", "{}");
            assertThat(unknown.statusCode()).as(path).isEqualTo(400);
            assertThat(firstError(unknown)).as(path).containsEntry("source", Map.of("parameter", "limit"));
            HttpResponse<String> twice = api.postJson(path + "?explain=true&explain=false", "{}");
            assertThat(firstError(twice)).as(path).containsEntry("source", Map.of("parameter", "explain"));

            HttpResponse<String> delete = api.send("DELETE", path, null);
            assertThat(delete.statusCode()).as(path).isEqualTo(405);
            assertThat(delete.headers().firstValue("Allow")).as(path).hasValue("POST");
        }
        assertThat(List.of(FUNNELS.queries, RETENTION.queries, PATHS.queries, EXPERIMENTS.queries)).allMatch(List::isEmpty);
    }

    @Test
    void eachAnalysisHasItsOwnBodyLimitAndTheRefusalNamesIt() throws Exception {
        for (Map.Entry<String, Long> e : LIMITS.entrySet()) {
            long limit = e.getValue();
            HttpResponse<String> huge = api.postJson(e.getKey(), "{\"from\":\"" + "x".repeat((int) limit) + "\"}");
            assertThat(huge.statusCode()).as(e.getKey()).isEqualTo(413);
            assertThat(firstError(huge).get("detail")).as(e.getKey()).asString().contains(Long.toString(limit));

            // just under the limit the body is read and judged against the request schema: a 400 naming the field
            HttpResponse<String> big = api.postJson(e.getKey(), "{\"from\":\"" + "x".repeat((int) limit - 100) + "\"}");
            assertThat(big.statusCode()).as(e.getKey()).isEqualTo(400);
            assertThat(firstError(big)).as(e.getKey()).containsEntry("code", "INVALID_REQUEST_BODY");
            assertThat(firstError(big).get("source")).as(e.getKey()).asString().contains("pointer");
        }
    }
}
