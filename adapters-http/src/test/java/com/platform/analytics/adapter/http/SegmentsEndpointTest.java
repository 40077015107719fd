package com.platform.analytics.adapter.http;

import static com.platform.analytics.adapter.http.RunningApi.data;
import static com.platform.analytics.adapter.http.RunningApi.firstError;
import static org.assertj.core.api.Assertions.assertThat;

import com.platform.analytics.domain.json.Json;
import com.platform.analytics.domain.metric.MetricValues;
import com.platform.analytics.port.in.IngestionResult;
import com.platform.analytics.port.in.SegmentsUseCase;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SegmentsEndpointTest {
    private static final String BASE = HttpApiServer.BASE_PATH + "/segments";
    private static final FakeSegments SEGMENTS = new FakeSegments();
    private static RunningApi api;

    @BeforeAll
    static void startServer() {
        FakeIngestEvents ingest = new FakeIngestEvents();
        ingest.result = new IngestionResult(0, 0, List.of());
        FakeMetricQueries metrics = new FakeMetricQueries();
        metrics.definitions = List.of();
        metrics.values = q -> new MetricValues(q, "users", List.of());
        api = RunningApi.start(new HttpApiServer(new HttpApiConfig("127.0.0.1", 0, 1024), ingest, metrics,
                List.of(new SegmentsEndpoint(SEGMENTS, 4096))));
    }

    @AfterAll
    static void stopServer() {
        api.close();
    }

    @BeforeEach
    void reset() {
        synchronized (SEGMENTS) {
            SEGMENTS.definitions.clear();
            SEGMENTS.members.clear();
            SEGMENTS.failures.clear();
            SEGMENTS.calls.clear();
            SEGMENTS.onEventLoop.clear();
        }
    }

    private static String whales() {
        return "{\"name\":\"whales\",\"displayNameRu\":\"Киты\",\"criteria\":{\"type\":\"AND\",\"conditions\":[{\"field\":"
                + "\"user.total_payments_sum_rub\",\"operator\":\">=\",\"value\":10000}]},\"refreshSchedule\":\"0 4 * * *\"}";
    }

    @Test
    void definitionsAreCreatedReadUpdatedListedAndDeleted() throws Exception {
        HttpResponse<String> created = api.send("POST", BASE + "/definitions", whales());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = (String) data(created).get("id");
        assertThat(data(created)).containsEntry("name", "whales").containsEntry("type", "dynamic")
                .containsEntry("refreshSchedule", "0 4 * * *");
        assertThat(Json.write(data(created).get("criteria"))).contains("user.total_payments_sum_rub");

        assertThat(data(api.send("GET", BASE + "/definitions/" + id, null))).containsEntry("displayNameRu", "Киты");
        HttpResponse<String> updated = api.send("PUT", BASE + "/definitions/" + id, whales().replace("Киты", "Большие киты"));
        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(data(updated)).containsEntry("displayNameRu", "Большие киты");
        HttpResponse<String> list = api.send("GET", BASE + "/definitions", null);
        assertThat((List<?>) Json.parseObject(list.body()).get("data")).hasSize(1);

        assertThat(api.send("DELETE", BASE + "/definitions/" + id, null).statusCode()).isEqualTo(204);
        HttpResponse<String> gone = api.send("GET", BASE + "/definitions/" + id, null);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(firstError(gone)).containsEntry("code", "SEGMENT_DEFINITION_NOT_FOUND");
        assertThat(SEGMENTS.onEventLoop).as("use cases run on worker threads").isEmpty();
    }

    @Test
    void invalidCriteriaAreA400NamingTheMember() throws Exception {
        HttpResponse<String> response = api.send("POST", BASE + "/definitions",
                whales().replace("user.total_payments_sum_rub", "user.shoe_size"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("INVALID_QUERY_PARAMETERS").contains("/criteria/conditions/0/field")
                .contains("user.shoe_size");
        assertThat(api.send("POST", BASE + "/definitions", "{not json").statusCode()).isEqualTo(400);
        assertThat(api.send("POST", BASE + "/definitions", null).statusCode()).isEqualTo(400);
        assertThat(SEGMENTS.definitions).isEmpty();
    }

    @Test
    void unknownOrMalformedIdsAreNotFound() throws Exception {
        for (String path : List.of("/definitions/" + UUID.randomUUID(), "/definitions/not-a-uuid", "/not-a-uuid/users-count",
                "/" + UUID.randomUUID() + "/members", "/x'y/members/check?userId=u")) {
            HttpResponse<String> response = api.send("GET", BASE + path, null);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(firstError(response)).as(path).containsEntry("code", "SEGMENT_DEFINITION_NOT_FOUND");
        }
    }

    @Test
    void otherMethodsAre405() throws Exception {
        String id = (String) data(api.send("POST", BASE + "/definitions", whales())).get("id");
        Map<String, String> wrong = Map.of("/definitions", "DELETE", "/definitions/" + id, "POST", "/" + id + "/users-count", "POST",
                "/" + id + "/refresh", "GET", "/" + id + "/members", "DELETE", "/" + id + "/members/check", "POST");
        for (Map.Entry<String, String> e : wrong.entrySet()) {
            HttpResponse<String> response = api.send(e.getValue(), BASE + e.getKey(), null);
            assertThat(response.statusCode()).as(e.getValue() + " " + e.getKey()).isEqualTo(405);
            assertThat(response.headers().firstValue("Allow")).isPresent();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void refreshCountMembersUploadAndCheck() throws Exception {
        String id = (String) data(api.send("POST", BASE + "/definitions", "{\"name\":\"beta\",\"type\":\"static\"}")).get("id");

        HttpResponse<String> upload = api.send("POST", BASE + "/" + id + "/members?explain=true", "{\"userIds\":[\"u1\",\"u2\",\"u3\"]}");
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(200);
        assertThat(data(upload)).containsEntry("changedMembers", 3L).containsEntry("announced", true).containsKey("sql");
        assertThat(data(api.send("GET", BASE + "/" + id + "/users-count", null))).containsEntry("userCount", 3L);
        HttpResponse<String> first = api.send("GET", BASE + "/" + id + "/members?page%5Bsize%5D=2", null);
        assertThat(data(first)).containsEntry("total", 3L).containsEntry("userIds", List.of("p_u1", "p_u2"));
        String next = (String) ((Map<?, ?>) RunningApi.json(first).get("links")).get("next");
        Map<String, Object> page = RunningApi.json(api.send("GET", next, null));
        assertThat((Map<String, Object>) page.get("data")).containsEntry("total", 3L).containsEntry("userIds", List.of("p_u3"));
        assertThat(((Map<?, ?>) page.get("links")).get("next")).isEqualTo(Json.NULL);
        assertThat(data(api.send("GET", BASE + "/" + id + "/members/check?userId=u2", null))).containsEntry("member", true);
        assertThat(data(api.send("GET", BASE + "/" + id + "/members/check?userId=u9", null))).containsEntry("member", false);
        assertThat(api.send("GET", BASE + "/" + id + "/members/check", null).statusCode()).isEqualTo(400);
        assertThat(api.send("GET", BASE + "/" + id + "/members?page%5Bsize%5D=x", null).statusCode()).isEqualTo(400);
        assertThat(api.send("POST", BASE + "/" + id + "/members", "{\"userIds\":[1]}").body()).contains("/userIds/0");

        HttpResponse<String> refreshed = api.send("POST", BASE + "/" + id + "/refresh", null);
        assertThat(data(refreshed)).containsEntry("lastCalculatedAt", FakeSegments.NOW.toString()).doesNotContainKey("sql");
        assertThat(data(api.send("POST", BASE + "/" + id + "/refresh?explain=true", null))).containsKey("sql");
    }

    @Test
    void aFailedRefreshIsShownWithTheDefinition() throws Exception {
        String id = (String) data(api.send("POST", BASE + "/definitions", whales())).get("id");
        synchronized (SEGMENTS) {
            SEGMENTS.failures.put(UUID.fromString(id), new SegmentsUseCase.RefreshFailure(Instant.parse("2026-03-01T04:00:00Z"),
                    "STORAGE_UNAVAILABLE: warehouse down"));
        }

        assertThat(Json.write(data(api.send("GET", BASE + "/definitions/" + id, null)).get("lastRefreshFailure")))
                .contains("warehouse down");
    }

    @Test
    void bodiesOverTheLimitAre413() throws Exception {
        String id = (String) data(api.send("POST", BASE + "/definitions", "{\"name\":\"beta\",\"type\":\"static\"}")).get("id");
        String big = "{\"userIds\":[\"" + "u".repeat(5000) + "\"]}";

        assertThat(api.send("POST", BASE + "/" + id + "/members", big).statusCode()).isEqualTo(413);
    }

    @Test
    void explainIsTrueOrFalseAsForTheAnalysesAndABodyMustBeAnObject() throws Exception {
        String id = (String) data(api.send("POST", BASE + "/definitions", "{\"name\":\"beta\",\"type\":\"static\"}")).get("id");

        HttpResponse<String> refresh = api.send("POST", BASE + "/" + id + "/refresh?explain=yes", null);
        assertThat(refresh.statusCode()).isEqualTo(400);
        assertThat(firstError(refresh)).containsEntry("source", Map.of("parameter", "explain"));
        HttpResponse<String> upload = api.send("POST", BASE + "/" + id + "/members?explain=1", "{\"userIds\":[\"u1\"]}");
        assertThat(firstError(upload)).containsEntry("source", Map.of("parameter", "explain"));
        HttpResponse<String> array = api.send("POST", BASE + "/definitions", "[]");
        assertThat(array.statusCode()).isEqualTo(400);
        assertThat(firstError(array)).containsEntry("code", "INVALID_REQUEST_BODY");
        assertThat(SEGMENTS.members).isEmpty();
    }
}
