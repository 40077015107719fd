package com.platform.analytics.adapter.http;

import static com.platform.analytics.adapter.http.RunningApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.event.BodyFormat;
import com.platform.analytics.domain.event.Rejection;
import com.platform.analytics.domain.event.RejectionCode;
import com.platform.analytics.domain.json.Json;
import com.platform.analytics.domain.metric.Dimension;
import com.platform.analytics.domain.metric.Granularity;
import com.platform.analytics.domain.metric.MetricDefinition;
import com.platform.analytics.domain.metric.MetricSeries;
import com.platform.analytics.domain.metric.MetricValues;
import com.platform.analytics.domain.metric.MetricValuesQuery;
import com.platform.analytics.port.in.IngestionResult;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpApiServerTest {
    private static final int BODY_LIMIT = 1024;
    private static final String BASE = HttpApiServer.BASE_PATH;
    private static final FakeIngestEvents INGEST = new FakeIngestEvents();
    private static final FakeMetricQueries METRICS = new FakeMetricQueries();
    private static RunningApi api;

    private static final MetricDefinition DAU = new MetricDefinition(
            UUID.fromString("00000000-0000-0000-0000-0000000000d1"), "dau", "Ежедневные активные пользователи",
            "Daily active users", "Уникальные пользователи за день", "Unique users per day", "gauge",
            "count_distinct", "com.platform.user.login.v1", "userId", Map.of("status", "ok"),
            List.of("platform", "country"), "day", "users", true, "analytics-service", List.of("engagement"),
            Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-03-02T10:15:30Z"));
    private static final MetricDefinition REVENUE = new MetricDefinition(
            UUID.fromString("00000000-0000-0000-0000-0000000000e2"), "revenue", "Выручка", null, null, null,
            "sum", "sum", null, null, null, null, "day", "RUB", false, null, null, null, null);

    @BeforeAll
    static void startServer() {
        api = RunningApi.start(new HttpApiServer(new HttpApiConfig("127.0.0.1", 0, BODY_LIMIT), INGEST, METRICS));
    }

    @AfterAll
    static void stopServer() {
        api.close();
    }

    @BeforeEach
    void resetFakes() {
        INGEST.calls.clear();
        INGEST.failure = null;
        INGEST.hold = null;
        INGEST.result = new IngestionResult(0, 0, List.of());
        METRICS.calls.clear();
        METRICS.valueQueries.clear();
        METRICS.onEventLoop.clear();
        METRICS.definitions = List.of(DAU, REVENUE);
        METRICS.values = q -> new MetricValues(q, "users", List.of());
    }

    // --- health, request id ---

    @Test
    void healthAnswersAtTheRootAndUnderTheBasePath() throws Exception {
        for (String path : List.of("/health", BASE + "/health")) {
            HttpResponse<String> response = api.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(json(response)).isEqualTo(Map.of("status", "UP"));
        }
    }

    @Test
    void everyResponseCarriesARequestIdKeepingASaneOneFromTheCaller() throws Exception {
        HttpResponse<String> generated = api.get("/health");
        assertThat(UUID.fromString(generated.headers().firstValue("X-Request-Id").orElseThrow())).isNotNull();

        HttpResponse<String> kept = api.send(api.request("/health").header("X-Request-Id", "abc-123.x").GET());
        assertThat(kept.headers().firstValue("X-Request-Id")).hasValue("abc-123.x");

        HttpResponse<String> replaced = api.send(api.request("/health").header("X-Request-Id", "bad id{}").GET());
        String id = replaced.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(id).isNotEqualTo("bad id{}");
        assertThat(UUID.fromString(id)).isNotNull();

        HttpResponse<String> error = api.get("/nowhere");
        assertThat(error.headers().firstValue("X-Request-Id")).isPresent();
    }

    // --- POST /events ---

    @Test
    void ingestionPassesFormatAndBodyToTheUseCaseOnAWorkerThreadAndReportsTheOutcome() throws Exception {
        INGEST.result = new IngestionResult(2, 1, List.of(
                new Rejection(1, RejectionCode.INVALID_DATA, "userId must be a UUID", "/data/userId"),
                new Rejection(3, RejectionCode.MALFORMED_JSON, "line 4 is not JSON", null)));
        String body = "{\"specversion\":\"1.0\",\"data\":{\"displayName\":\"Вася\"}}";

        HttpResponse<String> response = api.post(BASE + "/events", "application/cloudevents+json; charset=utf-8", body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(INGEST.calls).hasSize(1);
        FakeIngestEvents.Call call = INGEST.calls.get(0);
        assertThat(call.format()).isEqualTo(BodyFormat.SINGLE);
        assertThat(call.body()).isEqualTo(body);
        assertThat(call.onEventLoop()).as("ran on %s", call.threadName()).isFalse();
        assertThat(call.threadName()).doesNotContain("eventloop");
        assertThat(json(response)).isEqualTo(Map.of("data", ordered(
                "accepted", 2L,
                "duplicates", 1L,
                "rejected", 2L,
                "errors", List.of(
                        ordered("index", 1L, "code", "INVALID_DATA", "detail", "userId must be a UUID",
                                "source", Map.of("pointer", "/data/userId")),
                        ordered("index", 3L, "code", "MALFORMED_JSON", "detail", "line 4 is not JSON")))));
    }

    @Test
    void everyAcceptedContentTypeSelectsItsBodyFormat() throws Exception {
        for (BodyFormat format : BodyFormat.values()) {
            INGEST.calls.clear();
            HttpResponse<String> response = api.post(BASE + "/events", format.mediaType(), "[]");
            assertThat(response.statusCode()).as(format.mediaType()).isEqualTo(200);
            assertThat(INGEST.calls).extracting(FakeIngestEvents.Call::format).containsExactly(format);
        }
        assertThat(json(api.post(BASE + "/events", "application/x-ndjson", "{}\n{}\n")))
                .isEqualTo(Map.of("data", ordered("accepted", 0L, "duplicates", 0L, "rejected", 0L, "errors", List.of())));
    }

    @Test
    void anotherContentTypeIs415NamingTheAcceptedTypes() throws Exception {
        HttpResponse<String> response = api.post(BASE + "/events", "text/plain", "{}");

        assertError(response, 415, "UNSUPPORTED_MEDIA_TYPE");
        String detail = detail(response);
        assertThat(detail).contains("text/plain");
        for (BodyFormat format : BodyFormat.values()) {
            assertThat(detail).contains(format.mediaType());
        }
        HttpResponse<String> none = api.send(api.request(BASE + "/events").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertError(none, 415, "UNSUPPORTED_MEDIA_TYPE");
        assertThat(INGEST.calls).isEmpty();
    }

    @Test
    void aBodyOverTheLimitIs413InTheSpecFormat() throws Exception {
        String big = "x".repeat(BODY_LIMIT + 1);

        HttpResponse<String> response = api.post(BASE + "/events", "application/x-ndjson", big);

        assertError(response, 413, "PAYLOAD_TOO_LARGE");
        assertThat(detail(response)).contains(String.valueOf(BODY_LIMIT));
        assertThat(INGEST.calls).isEmpty();
        // exactly at the limit is fine
        assertThat(api.post(BASE + "/events", "application/x-ndjson", "x".repeat(BODY_LIMIT)).statusCode()).isEqualTo(200);
    }

    @Test
    void aBodyFarOverTheLimitStillGetsThe413() throws Exception {
        // the server answers before the client has sent it all: the client must still see the answer
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> response = api.post(BASE + "/events", "application/x-ndjson", "z".repeat(4 * 1024 * 1024));
            assertError(response, 413, "PAYLOAD_TOO_LARGE");
        }
        assertThat(INGEST.calls).isEmpty();
    }

    @Test
    void aChunkedBodyOverTheLimitIs413Too() throws Exception {
        // no Content-Length: the limit is found while reading
        byte[] big = "y".repeat(BODY_LIMIT * 4).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = api.send(api.request(BASE + "/events")
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))));

        assertError(response, 413, "PAYLOAD_TOO_LARGE");
        assertThat(INGEST.calls).isEmpty();
    }

    @Test
    void useCaseErrorsKeepTheirCodeStatusAndSource() throws Exception {
        INGEST.failure = AnalyticsException.invalidBody("/3", "element 3 is not an object");
        HttpResponse<String> invalid = api.post(BASE + "/events", "application/json", "[1,2,3,4]");
        assertError(invalid, 400, "INVALID_REQUEST_BODY");
        assertThat(error(invalid)).containsEntry("title", "Invalid request body")
                .containsEntry("detail", "element 3 is not an object")
                .containsEntry("source", Map.of("pointer", "/3"));

        INGEST.failure = new AnalyticsException(ErrorCode.PAYLOAD_TOO_LARGE, "more than 10000 events");
        HttpResponse<String> tooMany = api.post(BASE + "/events", "application/json", "[]");
        assertError(tooMany, 413, "PAYLOAD_TOO_LARGE");
        assertThat(error(tooMany)).doesNotContainKey("source");
    }

    @Test
    void beyondTheRequestsInProgressTheServiceIsBusyAndSaysWhenToRetry() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        INGEST.hold = release;
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(EventsEndpoint.MAX_CONCURRENT_INGESTS);
        try {
            List<java.util.concurrent.Future<HttpResponse<String>>> held = new java.util.ArrayList<>();
            for (int i = 0; i < EventsEndpoint.MAX_CONCURRENT_INGESTS; i++) {
                held.add(clients.submit(() -> api.post(BASE + "/events", "application/json", "[]")));
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (INGEST.calls.size() < EventsEndpoint.MAX_CONCURRENT_INGESTS && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(INGEST.calls).hasSize(EventsEndpoint.MAX_CONCURRENT_INGESTS);

            HttpResponse<String> busy = api.post(BASE + "/events", "application/json", "[]");

            assertError(busy, 503, "SERVICE_BUSY");
            assertThat(busy.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(detail(busy)).contains("retry");
            release.countDown();
            for (var f : held) {
                assertThat(f.get(10, java.util.concurrent.TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            }
            assertThat(api.post(BASE + "/events", "application/json", "[]").statusCode()).as("permits are given back").isEqualTo(200);
        } finally {
            release.countDown();
            clients.shutdownNow();
        }
    }

    @Test
    void aServerSideFailureIs503WithTheRequestId() throws Exception {
        INGEST.failure = new AnalyticsException(ErrorCode.STORAGE_UNAVAILABLE, "the warehouse is not answering");

        HttpResponse<String> response = api.post(BASE + "/events", "application/json", "[]");

        assertError(response, 503, "STORAGE_UNAVAILABLE");
        assertThat(detail(response)).contains("unavailable").doesNotContain("the warehouse is not answering")
                .contains(response.headers().firstValue("X-Request-Id").orElseThrow());
    }

    @Test
    void anUnavailableMetricKeepsItsDetailForTheClient() throws Exception {
        METRICS.values = q -> {
            throw new AnalyticsException(ErrorCode.DATA_NOT_YET_AVAILABLE, "metric 'ltv' is defined but not computed yet");
        };

        HttpResponse<String> response = api.get(BASE + "/metrics/values/dau?from=2026-03-01&to=2026-03-02");

        assertError(response, 503, "DATA_NOT_YET_AVAILABLE");
        assertThat(detail(response)).isEqualTo("metric 'ltv' is defined but not computed yet");
    }

    @Test
    void anInternalFailureKeepsEngineMessagesOutOfTheResponse() throws Exception {
        INGEST.failure = new AnalyticsException(ErrorCode.INTERNAL_ERROR, "ClickHouse failed: Code: 27 -- in: INSERT INTO x VALUES ('k1_abc')");

        HttpResponse<String> response = api.post(BASE + "/events", "application/json", "[]");

        assertError(response, 500, "INTERNAL_ERROR");
        assertThat(detail(response)).doesNotContain("ClickHouse").doesNotContain("INSERT").doesNotContain("k1_abc")
                .contains(response.headers().firstValue("X-Request-Id").orElseThrow());
    }

    @Test
    void anUnexpectedExceptionIs500WithoutInternals() throws Exception {
        INGEST.failure = new IllegalStateException("secret-internal-detail at db.host:5432");

        HttpResponse<String> response = api.post(BASE + "/events", "application/json", "[]");

        assertError(response, 500, "INTERNAL_ERROR");
        assertThat(response.body()).doesNotContain("secret-internal-detail").doesNotContain("IllegalStateException");
        assertThat(detail(response)).contains(response.headers().firstValue("X-Request-Id").orElseThrow());
    }

    // --- metric definitions ---

    @Test
    void listsDefinitionsWithEveryField() throws Exception {
        HttpResponse<String> response = api.get(BASE + "/metrics/definitions");

        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Object> dau = new LinkedHashMap<>();
        dau.put("id", "00000000-0000-0000-0000-0000000000d1");
        dau.put("name", "dau");
        dau.put("displayNameRu", "Ежедневные активные пользователи");
        dau.put("displayNameEn", "Daily active users");
        dau.put("descriptionRu", "Уникальные пользователи за день");
        dau.put("descriptionEn", "Unique users per day");
        dau.put("metricType", "gauge");
        dau.put("calculationMethod", "count_distinct");
        dau.put("sourceEventType", "com.platform.user.login.v1");
        dau.put("valueField", "userId");
        dau.put("filters", Map.of("status", "ok"));
        dau.put("dimensions", List.of("platform", "country"));
        dau.put("granularity", "day");
        dau.put("unit", "users");
        dau.put("realtime", true);
        dau.put("ownerService", "analytics-service");
        dau.put("tags", List.of("engagement"));
        dau.put("createdAt", "2026-03-01T00:00:00Z");
        dau.put("updatedAt", "2026-03-02T10:15:30Z");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> data = (List<Map<String, Object>>) json(response).get("data");
        assertThat(data).hasSize(2);
        assertThat(data.get(0)).isEqualTo(dau);
        assertThat(List.copyOf(data.get(0).keySet())).isEqualTo(List.copyOf(dau.keySet()));
        assertThat(data.get(1)).containsEntry("name", "revenue").containsEntry("displayNameEn", Json.NULL)
                .containsEntry("filters", Map.of()).containsEntry("tags", List.of()).containsEntry("realtime", false)
                .containsEntry("createdAt", Json.NULL);
        assertThat(METRICS.onEventLoop).containsExactly(false);
    }

    @Test
    void readsOneDefinitionByName() throws Exception {
        HttpResponse<String> response = api.get(BASE + "/metrics/definitions/dau");

        assertThat(response.statusCode()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) json(response).get("data");
        assertThat(data).containsEntry("name", "dau").containsEntry("unit", "users").hasSize(19);
        assertThat(METRICS.calls).containsExactly("definition dau");
    }

    @Test
    void pathParametersArePercentDecoded() throws Exception {
        assertError(api.get(BASE + "/metrics/definitions/d%C3%A9j%C3%A0%20vu"), 404, "METRIC_DEFINITION_NOT_FOUND");
        assertThat(METRICS.calls).containsExactly("definition déjà vu");
    }

    @Test
    void anUnknownDefinitionIs404FromTheUseCase() throws Exception {
        HttpResponse<String> response = api.get(BASE + "/metrics/definitions/nope");

        assertError(response, 404, "METRIC_DEFINITION_NOT_FOUND");
        assertThat(error(response)).containsEntry("title", "Metric definition not found")
                .containsEntry("detail", "No metric definition named 'nope'");
    }

    // --- metric values ---

    @Test
    void valuesParseTheQueryAndWriteNumbersAsNumbers() throws Exception {
        METRICS.values = q -> new MetricValues(q, "RUB", List.of(
                new MetricSeries(Map.of("platform", "pc"), List.of(
                        new MetricSeries.Point(LocalDate.parse("2026-03-02"), new BigDecimal("1234.50")),
                        new MetricSeries.Point(LocalDate.parse("2026-03-09"), null))),
                new MetricSeries(mapWithNull("platform"), List.of(
                        new MetricSeries.Point(LocalDate.parse("2026-03-02"), new BigDecimal("1E+3"))))));

        HttpResponse<String> response = api.get(BASE + "/metrics/values/revenue?from=2026-03-02&to=2026-03-15"
                + "&granularity=week&tz=Europe/Moscow&dimensions=platform&filter=country:RU&filter=country:KZ"
                + "&filter=gameId:g%3A1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(METRICS.valueQueries).hasSize(1);
        MetricValuesQuery query = METRICS.valueQueries.get(0);
        assertThat(query.metricName()).isEqualTo("revenue");
        assertThat(query.from()).isEqualTo(LocalDate.parse("2026-03-02"));
        assertThat(query.to()).isEqualTo(LocalDate.parse("2026-03-15"));
        assertThat(query.granularity()).isEqualTo(Granularity.WEEK);
        assertThat(query.zone()).isEqualTo(ZoneId.of("Europe/Moscow"));
        assertThat(query.dimensions()).containsExactly(Dimension.PLATFORM);
        assertThat(query.filters()).isEqualTo(Map.of(
                Dimension.COUNTRY, Set.of("RU", "KZ"), Dimension.GAME_ID, Set.of("g:1")));
        assertThat(METRICS.onEventLoop).containsExactly(false);

        assertThat(response.body()).contains("\"value\":1234.50").contains("\"value\":null")
                .contains("\"value\":1000").doesNotContain("E+");
        assertThat(json(response)).isEqualTo(Map.of("data", ordered(
                "metric", "revenue",
                "from", "2026-03-02",
                "to", "2026-03-15",
                "granularity", "week",
                "tz", "Europe/Moscow",
                "unit", "RUB",
                "series", List.of(
                        ordered("dimensions", Map.of("platform", "pc"), "points", List.of(
                                ordered("bucket", "2026-03-02", "value", new BigDecimal("1234.50")),
                                ordered("bucket", "2026-03-09", "value", Json.NULL))),
                        ordered("dimensions", mapWith("platform", Json.NULL), "points", List.of(
                                ordered("bucket", "2026-03-02", "value", 1000L)))))));
    }

    @Test
    void valuesDefaultToDaysInUtcWithOneSeries() throws Exception {
        METRICS.values = q -> new MetricValues(q, "users", List.of(new MetricSeries(Map.of(), List.of(
                new MetricSeries.Point(LocalDate.parse("2026-03-01"), new BigDecimal("123"))))));

        HttpResponse<String> response = api.get(BASE + "/metrics/values/dau?from=2026-03-01&to=2026-03-01");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"data\":{\"metric\":\"dau\",\"from\":\"2026-03-01\",\"to\":\"2026-03-01\","
                + "\"granularity\":\"day\",\"tz\":\"UTC\",\"unit\":\"users\",\"series\":[{\"dimensions\":{},"
                + "\"points\":[{\"bucket\":\"2026-03-01\",\"value\":123}]}]}}");
    }

    @Test
    void badQueryParametersAre400NamingTheParameter() throws Exception {
        Map<String, String> parameterOfQuery = new LinkedHashMap<>();
        parameterOfQuery.put("to=2026-03-01", "from");
        parameterOfQuery.put("from=2026-03-01", "to");
        parameterOfQuery.put("from=2026-13-01&to=2026-03-01", "from");
        parameterOfQuery.put("from=2026-03-02&to=2026-03-01", "to");
        parameterOfQuery.put("from=2026-03-01&to=2026-03-02&granularity=hour", "granularity");
        parameterOfQuery.put("from=2026-03-01&to=2026-03-02&tz=Mars/Base", "tz");
        parameterOfQuery.put("from=2026-03-01&to=2026-03-02&dimensions=platform,shoeSize", "dimensions");
        parameterOfQuery.put("from=2026-03-01&to=2026-03-02&filter=platform", "filter");
        parameterOfQuery.put("from=2026-03-01&to=2026-03-02&colour=red", "colour");
        parameterOfQuery.put("from=2026-03-01&from=2026-03-02&to=2026-03-02", "from");

        for (Map.Entry<String, String> e : parameterOfQuery.entrySet()) {
            HttpResponse<String> response = api.get(BASE + "/metrics/values/dau?" + e.getKey());
            assertError(response, 400, "INVALID_QUERY_PARAMETERS");
            assertThat(error(response)).as(e.getKey())
                    .containsEntry("title", "Invalid query parameters")
                    .containsEntry("source", Map.of("parameter", e.getValue()));
        }
        assertThat(METRICS.calls).isEmpty();
    }

    @Test
    void aQueryStringThatDoesNotDecodeIs400() throws Exception {
        // java.net.http refuses to send such a URI: write the request by hand
        String response = rawGet(BASE + "/metrics/values/dau?from=2026-03-01&to=%zz");

        assertThat(response).startsWith("HTTP/1.1 400 ").containsIgnoringCase("content-type: application/json")
                .contains("\"code\":\"INVALID_QUERY_PARAMETERS\"");
        String badPath = rawGet(BASE + "/metrics/definitions/%zz");
        assertThat(badPath).startsWith("HTTP/1.1 400 ").contains("\"errors\":[{\"code\":");
        assertThat(METRICS.calls).isEmpty();
    }

    // --- unknown routes, wrong methods ---

    @Test
    void unknownRoutesAre404ResourceNotFound() throws Exception {
        for (String path : List.of("/", "/nowhere", BASE, BASE + "/reports", BASE + "/metrics/values",
                BASE + "/metrics/definitions/dau/extra")) {
            HttpResponse<String> response = api.get(path);
            assertError(response, 404, "RESOURCE_NOT_FOUND");
            assertThat(error(response)).as(path).containsEntry("title", "Resource not found");
        }
        assertError(api.send(api.request("/nowhere").method("DELETE", HttpRequest.BodyPublishers.noBody())),
                404, "RESOURCE_NOT_FOUND");
    }

    @Test
    void aKnownPathWithAWrongMethodIs405WithAllow() throws Exception {
        Map<String, String> allowOfPath = new LinkedHashMap<>();
        allowOfPath.put(BASE + "/events", "POST");
        allowOfPath.put(BASE + "/metrics/definitions", "GET");
        allowOfPath.put(BASE + "/metrics/definitions/dau", "GET");
        allowOfPath.put(BASE + "/metrics/values/dau", "GET");
        allowOfPath.put("/health", "GET");
        for (Map.Entry<String, String> e : allowOfPath.entrySet()) {
            String wrong = e.getValue().equals("GET") ? "DELETE" : "GET";
            HttpResponse<String> response = api.send(api.request(e.getKey())
                    .method(wrong, HttpRequest.BodyPublishers.noBody()));
            assertError(response, 405, "METHOD_NOT_ALLOWED");
            assertThat(response.headers().firstValue("Allow")).as(e.getKey()).hasValue(e.getValue());
            assertThat(detail(response)).contains(wrong).contains(e.getKey());
        }
        HttpResponse<String> put = api.send(api.request(BASE + "/metrics/definitions").PUT(HttpRequest.BodyPublishers.ofString("{}")));
        assertError(put, 405, "METHOD_NOT_ALLOWED");
        assertThat(INGEST.calls).isEmpty();
        assertThat(METRICS.calls).isEmpty();
    }

    // --- lifecycle, config, status mapping ---

    @Test
    void startsOnAFreePortOnlyOnceAndClosesIdempotently() throws Exception {
        HttpApiServer another = new HttpApiServer(new HttpApiConfig("127.0.0.1", 0), INGEST, METRICS);
        int anotherPort = another.start();
        try {
            assertThat(anotherPort).isPositive().isNotEqualTo(api.port());
            assertThatThrownBy(another::start).isInstanceOf(IllegalStateException.class);
        } finally {
            another.close();
            another.close();
        }
        HttpApiServer clash = new HttpApiServer(new HttpApiConfig("127.0.0.1", api.port()), INGEST, METRICS);
        assertThatThrownBy(clash::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("127.0.0.1:" + api.port());
    }

    @Test
    void configDefaultsTo10MibAndRejectsNonsense() {
        assertThat(new HttpApiConfig("0.0.0.0", 8080).maxBodyBytes()).isEqualTo(10L * 1024 * 1024);
        assertThatThrownBy(() -> new HttpApiConfig("127.0.0.1", 70000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HttpApiConfig("127.0.0.1", 80, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HttpApiConfig(" ", 80)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyErrorKindHasItsStatus() {
        Map<ErrorCode.Kind, Integer> expected = Map.of(
                ErrorCode.Kind.USER_ERROR, 400,
                ErrorCode.Kind.UNAUTHENTICATED, 401,
                ErrorCode.Kind.CONFLICT, 409,
                ErrorCode.Kind.NOT_FOUND, 404,
                ErrorCode.Kind.METHOD_NOT_ALLOWED, 405,
                ErrorCode.Kind.UNSUPPORTED_MEDIA_TYPE, 415,
                ErrorCode.Kind.TOO_LARGE, 413,
                ErrorCode.Kind.FORBIDDEN, 403,
                ErrorCode.Kind.UNAVAILABLE, 503,
                ErrorCode.Kind.INTERNAL, 500);
        assertThat(expected).hasSize(ErrorCode.Kind.values().length);
        for (ErrorCode.Kind kind : ErrorCode.Kind.values()) {
            assertThat(ErrorResponses.statusOf(kind)).as(kind.name()).isEqualTo(expected.get(kind));
        }
    }

    // --- helpers ---

    private static String rawGet(String pathAndQuery) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", api.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> error(HttpResponse<String> response) {
        List<Object> errors = (List<Object>) json(response).get("errors");
        assertThat(errors).hasSize(1);
        return (Map<String, Object>) errors.get(0);
    }

    private static String detail(HttpResponse<String> response) {
        return (String) error(response).get("detail");
    }

    private static void assertError(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        Map<String, Object> document = json(response);
        assertThat(document).containsOnlyKeys("errors", "meta");
        // the id a client quotes is the one in the header
        assertThat(document.get("meta")).isEqualTo(Map.of("requestId", response.headers().firstValue("X-Request-Id").orElseThrow()));
        Map<String, Object> error = error(response);
        assertThat(error).containsEntry("code", code).containsKeys("title", "detail");
        assertThat(error.keySet()).isSubsetOf("code", "title", "detail", "source");
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static Map<String, Object> mapWith(String key, Object value) {
        return ordered(key, value);
    }

    private static Map<String, String> mapWithNull(String key) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put(key, null);
        return map;
    }
}
