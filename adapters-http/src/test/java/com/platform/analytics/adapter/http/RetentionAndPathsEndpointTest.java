package com.platform.analytics.adapter.http;

import static com.platform.analytics.adapter.http.RunningApi.firstError;
import static com.platform.analytics.adapter.http.RunningApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.platform.analytics.domain.analysis.paths.PathDirection;
import com.platform.analytics.domain.analysis.paths.PathEdge;
import com.platform.analytics.domain.analysis.paths.PathNode;
import com.platform.analytics.domain.analysis.paths.PathsResult;
import com.platform.analytics.domain.analysis.retention.CohortRetentionResult;
import com.platform.analytics.domain.analysis.retention.CohortRow;
import com.platform.analytics.domain.analysis.retention.RetentionMode;
import com.platform.analytics.domain.analysis.retention.RetentionPeriod;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.event.EventTypes;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The retention and paths endpoints on a real server with hand-written fakes of their use cases. */
class RetentionAndPathsEndpointTest {
    private static final String BASE = HttpApiServer.BASE_PATH;
    private static final FakeCohortRetention RETENTION = new FakeCohortRetention();
    private static final FakePaths PATHS = new FakePaths();
    private static RunningApi api;

    @BeforeAll
    static void startServer() {
        api = RunningApi.withRouteGroups(new CohortRetentionEndpoint(RETENTION), new PathsEndpoint(PATHS));
    }

    @AfterAll
    static void stopServer() {
        api.close();
    }

    @BeforeEach
    void resetFakes() {
        RETENTION.queries.clear();
        RETENTION.onEventLoop.clear();
        RETENTION.answer = q -> new CohortRetentionResult(List.of(
                new CohortRow(LocalDate.parse("2026-03-02"), 40, List.of(40L, 16L, 10L)),
                new CohortRow(LocalDate.parse("2026-03-09"), 8, List.of(8L))), "SELECT cohorts");
        PATHS.queries.clear();
        PATHS.onEventLoop.clear();
        PATHS.answer = q -> new PathsResult(
                List.of(new PathNode(0, EventTypes.USER_LOGGED_IN, 10), new PathNode(1, EventTypes.GAME_VIEWED, 6),
                        new PathNode(1, "other", 3)),
                List.of(new PathEdge("0:" + EventTypes.USER_LOGGED_IN, "1:" + EventTypes.GAME_VIEWED, 6),
                        new PathEdge("0:" + EventTypes.USER_LOGGED_IN, "1:other", 3)), "SELECT paths");
    }

    @Test
    @SuppressWarnings("unchecked")
    void retentionAnswersTheCohortTableFromAWorkerThread() throws Exception {
        HttpResponse<String> r = api.post(BASE + "/analysis/retention", "application/json; charset=utf-8",
                "{\"from\":\"2026-03-02\",\"to\":\"2026-03-15\",\"tz\":\"Europe/Moscow\",\"period\":\"week\",\"periods\":4,"
                        + "\"mode\":\"unbounded\",\"returnEvent\":\"" + EventTypes.GAME_VIEWED + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(r.body()).isEqualTo("{\"data\":{\"cohorts\":["
                + "{\"cohort\":\"2026-03-02\",\"size\":40,\"retention\":[1.0,0.4,0.25]},"
                + "{\"cohort\":\"2026-03-09\",\"size\":8,\"retention\":[1.0]}]}}");
        assertThat(RETENTION.queries).singleElement().satisfies(q -> {
            assertThat(q.range().zone()).isEqualTo(ZoneId.of("Europe/Moscow"));
            assertThat(q.period()).isEqualTo(RetentionPeriod.WEEK);
            assertThat(q.periods()).isEqualTo(4);
            assertThat(q.mode()).isEqualTo(RetentionMode.UNBOUNDED);
            assertThat(q.cohortEvent()).isEqualTo(EventTypes.USER_REGISTERED);
            assertThat(q.returnEvent()).isEqualTo(EventTypes.GAME_VIEWED);
        });
        assertThat(RETENTION.onEventLoop).containsExactly(false);
    }

    @Test
    @SuppressWarnings("unchecked")
    void explainAddsTheSql() throws Exception {
        String body = "{\"from\":\"2026-03-02\",\"to\":\"2026-03-15\",\"periods\":4}";
        assertThat(((Map<String, Object>) json(api.post(BASE + "/analysis/retention?explain=true", "application/json", body)).get("data")))
                .containsEntry("sql", "SELECT cohorts");
        assertThat(((Map<String, Object>) json(api.post(BASE + "/analysis/retention?explain=false", "application/json", body)).get("data")))
                .doesNotContainKey("sql");
        HttpResponse<String> bad = api.post(BASE + "/analysis/retention?explain=yes", "application/json", body);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(firstError(bad)).containsEntry("source", Map.of("parameter", "explain"));
        String paths = "{\"from\":\"2026-03-02\",\"to\":\"2026-03-15\",\"start\":\"" + EventTypes.USER_LOGGED_IN + "\",\"steps\":2}";
        assertThat(((Map<String, Object>) json(api.post(BASE + "/analysis/paths?explain=true", "application/json", paths)).get("data")))
                .containsEntry("sql", "SELECT paths");
    }

    @Test
    void pathsAnswersNodesAndEdges() throws Exception {
        HttpResponse<String> r = api.post(BASE + "/analysis/paths", "application/json",
                "{\"from\":\"2026-03-02\",\"to\":\"2026-03-15\",\"end\":\"" + EventTypes.TRANSACTION_COMPLETED
                        + "\",\"steps\":3,\"topN\":5,\"sessionGapMinutes\":15}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        String login = EventTypes.USER_LOGGED_IN;
        String viewed = EventTypes.GAME_VIEWED;
        assertThat(r.body()).isEqualTo("{\"data\":{\"nodes\":["
                + "{\"id\":\"0:" + login + "\",\"step\":0,\"event\":\"" + login + "\",\"users\":10},"
                + "{\"id\":\"1:" + viewed + "\",\"step\":1,\"event\":\"" + viewed + "\",\"users\":6},"
                + "{\"id\":\"1:other\",\"step\":1,\"event\":\"other\",\"users\":3}],"
                + "\"edges\":[{\"source\":\"0:" + login + "\",\"target\":\"1:" + viewed + "\",\"users\":6},"
                + "{\"source\":\"0:" + login + "\",\"target\":\"1:other\",\"users\":3}]}}");
        assertThat(PATHS.queries).singleElement().satisfies(q -> {
            assertThat(q.direction()).isEqualTo(PathDirection.TO_END);
            assertThat(q.anchor()).isEqualTo(EventTypes.TRANSACTION_COMPLETED);
            assertThat(q.steps()).isEqualTo(3);
            assertThat(q.topN()).isEqualTo(5);
            assertThat(q.sessionGapMinutes()).isEqualTo(15);
        });
        assertThat(PATHS.onEventLoop).containsExactly(false);
    }

    @Test
    void anInvalidFieldIsA400NamingItsPointer() throws Exception {
        HttpResponse<String> r = api.post(BASE + "/analysis/retention", "application/json",
                "{\"from\":\"2026-03-02\",\"to\":\"2026-03-15\",\"periods\":91}");
        assertThat(r.statusCode()).isEqualTo(400);
        // periods 0..90 is in the request schema
        assertThat(firstError(r)).containsEntry("code", "INVALID_REQUEST_BODY").containsEntry("source", Map.of("pointer", "/periods"));
        HttpResponse<String> p = api.post(BASE + "/analysis/paths", "application/json",
                "{\"from\":\"2026-03-02\",\"to\":\"2026-03-15\",\"start\":\"" + EventTypes.NOTIFICATION_SENT + "\",\"steps\":3}");
        assertThat(p.statusCode()).isEqualTo(400);
        assertThat(firstError(p)).containsEntry("source", Map.of("pointer", "/start"));
        assertThat(RETENTION.queries).isEmpty();
        assertThat(PATHS.queries).isEmpty();
    }

    @Test
    void bodiesThatAreNotJsonObjectsAndOtherTypesAreRefused() throws Exception {
        for (String path : new String[] {"/analysis/retention", "/analysis/paths"}) {
            HttpResponse<String> broken = api.post(BASE + path, "application/json", "{\"from\":");
            assertThat(broken.statusCode()).isEqualTo(400);
            assertThat(firstError(broken)).containsEntry("code", "INVALID_REQUEST_BODY");
            HttpResponse<String> array = api.post(BASE + path, "application/json", "[1,2]");
            assertThat(array.statusCode()).isEqualTo(400);
            assertThat(firstError(array)).containsEntry("code", "INVALID_REQUEST_BODY");
            HttpResponse<String> empty = api.post(BASE + path, "application/json", "");
            assertThat(empty.statusCode()).isEqualTo(400);
            assertThat(api.post(BASE + path, "text/plain", "{}").statusCode()).isEqualTo(415);
            assertThat(api.post(BASE + path, null, "{}").statusCode()).isEqualTo(415);
            HttpResponse<String> huge = api.post(BASE + path, "application/json", "{\"from\":\"" + "x".repeat(70_000) + "\"}");
            assertThat(huge.statusCode()).isEqualTo(413);
        }
    }

    @Test
    void otherMethodsAre405() throws Exception {
        for (String path : new String[] {"/analysis/retention", "/analysis/paths"}) {
            HttpResponse<String> r = api.get(BASE + path);
            assertThat(r.statusCode()).isEqualTo(405);
            assertThat(r.headers().firstValue("Allow")).contains("POST");
        }
    }

    @Test
    void aWarehouseFailureIsA503WithoutInternals() throws Exception {
        RETENTION.answer = q -> {
            throw new AnalyticsException(ErrorCode.STORAGE_UNAVAILABLE, "chDB said: Code 241 memory limit");
        };
        HttpResponse<String> r = api.post(BASE + "/analysis/retention", "application/json", "{\"from\":\"2026-03-02\",\"to\":\"2026-03-15\",\"periods\":4}");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).doesNotContain("Code 241");
    }
}
