package com.platform.analytics.adapter.http;

import static com.platform.analytics.adapter.http.RunningApi.firstError;
import static com.platform.analytics.adapter.http.RunningApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.platform.analytics.domain.json.Json;
import com.platform.analytics.domain.metric.MetricDefinition;
import com.platform.analytics.domain.metric.MetricValues;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * What every route shares: pagination of the lists, ETags of the definitions, request ids, gzip, body limits, and
 * what the server records for operators (metrics, spans, the request id in the MDC).
 */
class HttpApiBehaviourTest {
    private static final String BASE = HttpApiServer.BASE_PATH;
    private static final long JSON_LIMIT = 2048;
    private static final long INGEST_LIMIT = 8192;
    private static final FakeIngestEvents INGEST = new FakeIngestEvents();
    private static final FakeMetricQueries METRICS = new FakeMetricQueries();
    private static final FakeSegments SEGMENTS = new FakeSegments();
    private static final FakeFunnels FUNNELS = new FakeFunnels();
    private static final RecordingMetrics RECORDED = new RecordingMetrics();
    private static final RecordingTracing TRACING = new RecordingTracing();
    private static RunningApi api;

    @BeforeAll
    static void startServer() {
        api = RunningApi.start(new HttpApiServer(new HttpApiConfig("127.0.0.1", 0, INGEST_LIMIT, JSON_LIMIT), INGEST, METRICS,
                List.of(new SegmentsEndpoint(SEGMENTS), new FunnelsEndpoint(FUNNELS)), RECORDED, TRACING));
    }

    @AfterAll
    static void stopServer() {
        api.close();
    }

    @BeforeEach
    void reset() {
        INGEST.calls.clear();
        INGEST.result = new com.platform.analytics.port.in.IngestionResult(0, 0, List.of());
        METRICS.calls.clear();
        METRICS.definitions = definitions(120);
        METRICS.values = q -> new MetricValues(q, "users", List.of());
        synchronized (SEGMENTS) {
            SEGMENTS.definitions.clear();
            SEGMENTS.members.clear();
        }
        RECORDED.requests.clear();
        RECORDED.errors.clear();
        TRACING.spans.clear();
    }

    // --- pagination ---

    @Test
    void definitionsComeInPagesOfFiftyByDefaultFollowingLinksNextToTheEnd() throws Exception {
        List<Object> names = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String next = BASE + "/metrics/definitions";
        while (next != null) {
            HttpResponse<String> page = api.get(next);
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            List<?> data = (List<?>) json(page).get("data");
            sizes.add(data.size());
            data.forEach(d -> names.add(((Map<?, ?>) d).get("name")));
            Object link = ((Map<?, ?>) json(page).get("links")).get("next");
            next = link == Json.NULL ? null : (String) link;
        }

        assertThat(sizes).containsExactly(50, 50, 20);
        assertThat(names).isEqualTo(METRICS.definitions.stream().map(MetricDefinition::name).map(n -> (Object) n).toList());
    }

    @Test
    void pageSizeIsOneToFiveHundred() throws Exception {
        assertThat((List<?>) json(api.get(BASE + "/metrics/definitions?page%5Bsize%5D=7")).get("data")).hasSize(7);
        assertThat((List<?>) json(api.get(BASE + "/metrics/definitions?page%5Bsize%5D=500")).get("data")).hasSize(120);
        for (String bad : List.of("0", "501", "-1", "ten", "1e2", "")) {
            HttpResponse<String> response = api.get(BASE + "/metrics/definitions?page%5Bsize%5D=" + bad);
            assertThat(response.statusCode()).as(bad).isEqualTo(400);
            assertThat(firstError(response)).as(bad).containsEntry("code", "INVALID_QUERY_PARAMETERS")
                    .containsEntry("source", Map.of("parameter", "page[size]"));
        }
        HttpResponse<String> unknown = api.get(BASE + "/metrics/definitions?page%5Bnumber%5D=2");
        assertThat(firstError(unknown)).containsEntry("source", Map.of("parameter", "page[number]"));
    }

    @Test
    void aTamperedOrForeignCursorIsRefused() throws Exception {
        String next = (String) ((Map<?, ?>) json(api.get(BASE + "/metrics/definitions?page%5Bsize%5D=10")).get("links")).get("next");
        String cursor = next.substring(next.indexOf("page%5Bcursor%5D=") + "page%5Bcursor%5D=".length());
        String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        String edited = Base64.getUrlEncoder().withoutPadding().encodeToString(decoded.replace("|10|", "|90|").getBytes(StandardCharsets.UTF_8));
        String foreign = Pages.cursor("segments/definitions", 10);

        for (String bad : List.of(edited, cursor.substring(0, cursor.length() - 2), "not*base64", foreign, "")) {
            HttpResponse<String> response = api.get(BASE + "/metrics/definitions?page%5Bcursor%5D=" + bad);
            assertThat(response.statusCode()).as(bad).isEqualTo(400);
            assertThat(firstError(response)).as(bad).containsEntry("source", Map.of("parameter", "page[cursor]"));
        }
        assertThat((List<?>) json(api.get(next)).get("data")).hasSize(10);
    }

    @Test
    void segmentDefinitionsAndMembersArePagedToo() throws Exception {
        for (int i = 0; i < 3; i++) {
            api.send("POST", BASE + "/segments/definitions", "{\"name\":\"s" + i + "\",\"type\":\"static\"}");
        }
        Map<String, Object> first = json(api.get(BASE + "/segments/definitions?page%5Bsize%5D=2"));
        assertThat((List<?>) first.get("data")).hasSize(2);
        Map<String, Object> second = json(api.get((String) ((Map<?, ?>) first.get("links")).get("next")));
        assertThat((List<?>) second.get("data")).hasSize(1);
        assertThat(((Map<?, ?>) second.get("links")).get("next")).isEqualTo(Json.NULL);

        String id = (String) ((Map<?, ?>) ((List<?>) first.get("data")).get(0)).get("id");
        api.send("POST", BASE + "/segments/" + id + "/members", "{\"userIds\":[\"a\",\"b\",\"c\",\"d\",\"e\"]}");
        List<Object> members = new ArrayList<>();
        String next = BASE + "/segments/" + id + "/members?page%5Bsize%5D=2";
        while (next != null) {
            Map<String, Object> page = json(api.get(next));
            members.addAll((List<?>) ((Map<?, ?>) page.get("data")).get("userIds"));
            Object link = ((Map<?, ?>) page.get("links")).get("next");
            next = link == Json.NULL ? null : (String) link;
        }
        assertThat(members).containsExactly("p_a", "p_b", "p_c", "p_d", "p_e");
        // a cursor of one segment's members is not one of another's
        String other = (String) ((Map<?, ?>) ((List<?>) first.get("data")).get(1)).get("id");
        HttpResponse<String> foreign = api.get(BASE + "/segments/" + other + "/members?page%5Bcursor%5D="
                + Pages.cursor("segments/" + id + "/members", 2));
        assertThat(firstError(foreign)).containsEntry("source", Map.of("parameter", "page[cursor]"));
    }

    // --- ETag ---

    @Test
    void definitionsCarryAStrongETagAndAnswer304WhenTheClientHasThem() throws Exception {
        for (String path : List.of(BASE + "/metrics/definitions", BASE + "/metrics/definitions/m007", BASE + "/openapi.json")) {
            HttpResponse<String> first = api.get(path);
            String etag = first.headers().firstValue("ETag").orElseThrow();
            assertThat(etag).as(path).startsWith("\"").endsWith("\"").doesNotStartWith("W/");
            assertThat(api.get(path).headers().firstValue("ETag")).as("stable").hasValue(etag);

            for (String ifNoneMatch : List.of(etag, "W/" + etag, "\"other\", " + etag, "*")) {
                HttpResponse<String> again = api.send(api.request(path).header("If-None-Match", ifNoneMatch).GET());
                assertThat(again.statusCode()).as(path + " " + ifNoneMatch).isEqualTo(304);
                assertThat(again.body()).isEmpty();
                assertThat(again.headers().firstValue("ETag")).hasValue(etag);
                assertThat(again.headers().firstValue("X-Request-Id")).isPresent();
            }
            assertThat(api.send(api.request(path).header("If-None-Match", "\"stale\"").GET()).statusCode()).isEqualTo(200);
        }
        String before = api.get(BASE + "/metrics/definitions").headers().firstValue("ETag").orElseThrow();
        // the first page changes when its first definition does
        METRICS.definitions = definitions(121).subList(1, 121);
        HttpResponse<String> changed = api.send(api.request(BASE + "/metrics/definitions").header("If-None-Match", before).GET());
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.headers().firstValue("ETag")).isPresent().isNotEqualTo(java.util.Optional.of(before));
    }

    @Test
    void segmentDefinitionsCarryETagsThatChangeWithTheDefinition() throws Exception {
        String id = (String) RunningApi.data(api.send("POST", BASE + "/segments/definitions", "{\"name\":\"w\",\"type\":\"static\"}")).get("id");
        for (String path : List.of(BASE + "/segments/definitions", BASE + "/segments/definitions/" + id)) {
            String etag = api.get(path).headers().firstValue("ETag").orElseThrow();
            assertThat(api.send(api.request(path).header("If-None-Match", etag).GET()).statusCode()).as(path).isEqualTo(304);
        }
        String etag = api.get(BASE + "/segments/definitions/" + id).headers().firstValue("ETag").orElseThrow();
        api.send("PUT", BASE + "/segments/definitions/" + id, "{\"name\":\"w\",\"type\":\"static\",\"displayNameRu\":\"В\"}");
        assertThat(api.send(api.request(BASE + "/segments/definitions/" + id).header("If-None-Match", etag).GET()).statusCode())
                .isEqualTo(200);
    }

    // --- request ids ---

    @Test
    void aSaneRequestIdIsKeptAndAnythingElseReplacedOnSuccessesAndErrorsAlike() throws Exception {
        String longest = "a".repeat(128);
        for (String path : List.of(BASE + "/health", BASE + "/metrics/definitions/none", "/nowhere")) {
            for (String given : List.of("abc-1.2_3", longest)) {
                HttpResponse<String> r = api.send(api.request(path).header("X-Request-Id", given).GET());
                assertThat(r.headers().firstValue("X-Request-Id")).as(path).hasValue(given);
                if (r.statusCode() >= 400) {
                    assertThat(json(r).get("meta")).isEqualTo(Map.of("requestId", given));
                }
            }
            for (String bad : List.of("a".repeat(129), "a:b", "a b", "a/b", "a%20b")) {
                HttpResponse<String> r = api.send(api.request(path).header("X-Request-Id", bad).GET());
                String id = r.headers().firstValue("X-Request-Id").orElseThrow();
                assertThat(id).as(path + " " + bad).isNotEqualTo(bad).matches("[A-Za-z0-9._-]{1,128}");
                if (r.statusCode() >= 400) {
                    assertThat(json(r).get("meta")).isEqualTo(Map.of("requestId", id));
                }
            }
        }
    }

    // --- gzip ---

    @Test
    void responsesAreGzippedForClientsThatAcceptIt() throws Exception {
        HttpResponse<byte[]> gzipped = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                api.request(BASE + "/metrics/definitions").header("Accept-Encoding", "gzip").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        String body;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped.body()))) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(body).isEqualTo(api.get(BASE + "/metrics/definitions").body());
        assertThat(gzipped.body().length).isLessThan(body.length() / 2);

        HttpResponse<String> plain = api.get(BASE + "/metrics/definitions");
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        HttpResponse<byte[]> error = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                api.request("/nowhere").header("Accept-Encoding", "gzip").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(error.headers().firstValue("Content-Encoding")).hasValue("gzip");
    }

    // --- body limits ---

    @Test
    void everyRouteWithABodyHasTheConfiguredLimitAndIngestionItsOwn() throws Exception {
        String big = "{\"name\":\"" + "x".repeat((int) JSON_LIMIT) + "\"}";
        HttpResponse<String> create = api.send("POST", BASE + "/segments/definitions", big);
        assertPayloadTooLarge(create);
        String id = UUID.randomUUID().toString();
        assertPayloadTooLarge(api.send("PUT", BASE + "/segments/definitions/" + id, big));
        // no Content-Length: found while reading
        byte[] chunked = ("{\"userIds\":[\"" + "u".repeat((int) JSON_LIMIT) + "\"]}").getBytes(StandardCharsets.UTF_8);
        assertPayloadTooLarge(api.send(api.request(BASE + "/segments/" + id + "/members").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(chunked)))));
        // a route that reads no body still refuses a declared one over the limit
        assertPayloadTooLarge(api.send(api.request(BASE + "/metrics/definitions").method("GET", HttpRequest.BodyPublishers.ofString(big))));
        assertThat(SEGMENTS.definitions).isEmpty();

        // ingestion keeps its own, larger limit
        String events = "x".repeat((int) JSON_LIMIT * 2);
        assertThat(api.post(BASE + "/events", "application/x-ndjson", events).statusCode()).isEqualTo(200);
        assertPayloadTooLarge(api.post(BASE + "/events", "application/x-ndjson", "x".repeat((int) INGEST_LIMIT + 1)));
    }

    // --- operational metrics, traces, MDC ---

    @Test
    void everyRequestIsCountedByItsRoutePatternAndEveryErrorByItsCode() throws Exception {
        api.get(BASE + "/metrics/definitions/m001");
        api.get(BASE + "/metrics/definitions/no-such-metric");
        api.send("DELETE", BASE + "/metrics/definitions", null);
        api.get("/nowhere/" + UUID.randomUUID());
        api.postJson(BASE + "/analysis/funnels", "{}");

        awaitTrue(() -> RECORDED.requests.size() >= 5);
        assertThat(RECORDED.requests).extracting(r -> r.method() + " " + r.route() + " " + r.status()).containsExactly(
                "GET /api/v1/analytics/metrics/definitions/{metric_name} 200",
                "GET /api/v1/analytics/metrics/definitions/{metric_name} 404",
                "DELETE /api/v1/analytics/metrics/definitions 405",
                "GET unmatched 404",
                "POST /api/v1/analytics/analysis/funnels 400");
        assertThat(RECORDED.requests).allMatch(r -> !r.duration().isNegative());
        assertThat(RECORDED.errors).containsExactly("METRIC_DEFINITION_NOT_FOUND", "METHOD_NOT_ALLOWED", "RESOURCE_NOT_FOUND",
                "INVALID_REQUEST_BODY");
    }

    @Test
    void aSpanPerRequestNamedByMethodAndRouteContinuesTheCallersTrace() throws Exception {
        String parent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        api.send(api.request(BASE + "/segments/definitions/" + UUID.randomUUID()).header("traceparent", parent).GET());
        api.get(BASE + "/health");

        awaitTrue(() -> TRACING.spans.size() >= 2 && TRACING.spans.stream().allMatch(s -> s.closed));
        RecordingTracing.RecordedSpan first = TRACING.spans.get(0);
        assertThat(first.name).isEqualTo("GET /api/v1/analytics/segments/definitions/{segment_id}");
        assertThat(first.parent).hasValue(parent);
        assertThat(first.attributes).containsEntry("http.response.status_code", "404")
                .containsEntry("http.route", "/api/v1/analytics/segments/definitions/{segment_id}");
        RecordingTracing.RecordedSpan second = TRACING.spans.get(1);
        assertThat(second.name).isEqualTo("GET /api/v1/analytics/health");
        assertThat(second.parent).isEmpty();
        assertThat(second.attributes).containsEntry("http.response.status_code", "200");
    }

    @Test
    void theRequestIdIsInTheMdcWhereTheUseCaseRuns() throws Exception {
        AtomicReference<String> seen = new AtomicReference<>();
        METRICS.values = q -> {
            seen.set(MDC.get(RequestObservation.MDC_KEY));
            return new MetricValues(q, "users", List.of());
        };

        for (String id : List.of("trace-me-1", "trace-me-2", "trace-me-3")) {
            HttpResponse<String> response = api.send(api.request(BASE + "/metrics/values/dau?from=2026-03-01&to=2026-03-02")
                    .header("X-Request-Id", id).GET());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(seen.get()).isEqualTo(id);
        }
    }

    private static void assertPayloadTooLarge(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(firstError(response)).containsEntry("code", "PAYLOAD_TOO_LARGE");
        assertThat(json(response).get("meta")).isEqualTo(Map.of("requestId", response.headers().firstValue("X-Request-Id").orElseThrow()));
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).as("within 5 s").isTrue();
    }

    private static List<MetricDefinition> definitions(int count) {
        List<MetricDefinition> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(new MetricDefinition(UUID.nameUUIDFromBytes(("m" + i).getBytes(StandardCharsets.UTF_8)), String.format("m%03d", i),
                    "Метрика " + i, "Metric " + i, null, null, "gauge", "count", null, null, null, null, "day", "users", false,
                    null, null, null, null));
        }
        return list;
    }
}
