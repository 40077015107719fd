package com.platform.analytics.adapter.http;

import static com.platform.analytics.adapter.http.RunningApi.firstError;
import static org.assertj.core.api.Assertions.assertThat;

import com.platform.analytics.domain.json.Json;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document against the router of a running server with every route group: every route the router
 * serves is documented, every documented operation is served, and every JSON body is checked against its schema
 * before any use case sees it.
 */
class OpenApiContractTest {
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final FakeIngestEvents INGEST = new FakeIngestEvents();
    private static final FakeMetricQueries METRICS = new FakeMetricQueries();
    private static final FakeFunnels FUNNELS = new FakeFunnels();
    private static final FakeCohortRetention RETENTION = new FakeCohortRetention();
    private static final FakePaths PATHS = new FakePaths();
    private static final FakeExperiments EXPERIMENTS = new FakeExperiments();
    private static final FakeSegments SEGMENTS = new FakeSegments();
    private static final FakeModelRegistry MODELS = new FakeModelRegistry();
    private static HttpApiServer server;
    private static RunningApi api;
    private static Map<String, Object> document;

    @BeforeAll
    static void startServer() {
        server = new HttpApiServer(new HttpApiConfig("127.0.0.1", 0), INGEST, METRICS, List.of(new FunnelsEndpoint(FUNNELS),
                new CohortRetentionEndpoint(RETENTION), new PathsEndpoint(PATHS), new ExperimentEndpoint(EXPERIMENTS),
                new SegmentsEndpoint(SEGMENTS), new SegmentExportEndpoint(java.util.Optional.empty()),
                new PipelineRunsEndpoint(new PipelineRunsEndpointTest.FakeRuns()),
                new ReportsEndpoint(new ReportsEndpointTest.FakeReports()),
                new ReportSchedulesEndpoint(new ReportSchedulesEndpointTest.FakeSchedules()), new AlertsEndpoint(new FakeAlerts()),
                new PredictionsEndpoint(MODELS, new FakePredictions(MODELS)),
                new UserPredictionsEndpoint(new UserPredictionsEndpointTest.FakeUsers())),
                com.platform.analytics.port.out.OperationalMetrics.NONE, com.platform.analytics.port.out.Tracing.NONE,
                // a caller allowed everything, the export included: what is checked here is the document, not access
                authorization -> new com.platform.analytics.domain.access.Principal("contract-test",
                        java.util.Set.of(com.platform.analytics.domain.access.Role.PLATFORM_ADMIN),
                        java.util.Set.of(com.platform.analytics.domain.access.Permission.EXPORT_REAL_USER_IDS),
                        java.util.Optional.empty()),
                new com.platform.analytics.domain.access.AccessPolicy());
        api = RunningApi.start(server);
        document = Json.parseObject(ApiContract.documentBytes().toString());
    }

    @AfterAll
    static void stopServer() {
        api.close();
    }

    @Test
    void everyRoutedOperationIsDocumentedAndEveryDocumentedOperationIsRouted() {
        Set<String> routed = new TreeSet<>();
        Set<String> routedPaths = new TreeSet<>();
        for (HttpApiServer.ApiRoute route : server.routes()) {
            routedPaths.add(ApiContract.openApiPath(route.path()));
            for (String method : route.methods()) {
                routed.add(method + " " + ApiContract.openApiPath(route.path()));
            }
        }
        Set<String> documented = new TreeSet<>();
        for (Map.Entry<String, Object> path : paths().entrySet()) {
            for (String method : map(path.getValue()).keySet()) {
                if (HTTP_METHODS.contains(method)) {
                    documented.add(method.toUpperCase() + " " + path.getKey());
                }
            }
        }

        assertThat(routed).as("routes the router serves").hasSizeGreaterThan(20);
        assertThat(diff(routed, documented)).as("routed but missing from openapi.json").isEmpty();
        assertThat(diff(documented, routed)).as("documented but not routed").isEmpty();
        // a path the router knows only through its 405 fall-back is a route too: it must be documented
        assertThat(diff(routedPaths, paths().keySet())).as("paths routed but not documented").isEmpty();
    }

    @Test
    void everyOperationDocumentsItsErrorsInTheSpecFormatAndTheBearerScheme() {
        assertThat(document).containsEntry("openapi", "3.1.0");
        assertThat(document.get("security")).isEqualTo(List.of(Map.of("bearerAuth", List.of())));
        assertThat(map(map(map(document.get("components")).get("securitySchemes")).get("bearerAuth")))
                .containsEntry("type", "http").containsEntry("scheme", "bearer");
        Map<String, Object> error = map(map(map(document.get("components")).get("schemas")).get("Error"));
        assertThat(map(error.get("properties")).keySet()).containsExactlyInAnyOrder("code", "title", "detail", "source");
        assertThat(map(map(map(error.get("properties")).get("source")).get("properties")).keySet())
                .containsExactlyInAnyOrder("pointer", "parameter");
        @SuppressWarnings("unchecked")
        List<Object> codes = (List<Object>) map(map(error.get("properties")).get("code")).get("enum");
        for (String specCode : List.of("METRIC_DEFINITION_NOT_FOUND", "REPORT_DEFINITION_NOT_FOUND", "REPORT_INSTANCE_NOT_FOUND",
                "REPORT_GENERATION_FAILED", "SEGMENT_DEFINITION_NOT_FOUND", "ML_MODEL_NOT_FOUND", "PREDICTION_FAILED",
                "INVALID_QUERY_PARAMETERS", "DATA_NOT_YET_AVAILABLE", "ACCESS_DENIED_TO_RESOURCE")) {
            assertThat(codes).as("spec 8.2").contains(specCode);
        }
        for (Map.Entry<String, Object> path : paths().entrySet()) {
            for (Map.Entry<String, Object> operation : map(path.getValue()).entrySet()) {
                Map<String, Object> op = map(operation.getValue());
                String name = operation.getKey() + " " + path.getKey();
                Map<String, Object> responses = map(op.get("responses"));
                assertThat(responses).as(name).containsKeys("405", "500");
                boolean open = List.of().equals(op.get("security"));
                if (!open) {
                    assertThat(responses).as(name + " is behind bearerAuth").containsKeys("401", "403");
                }
                if (op.containsKey("requestBody")) {
                    assertThat(responses).as(name + " takes a body").containsKeys("400", "413", "415");
                }
                assertThat(op).as(name).containsKey("operationId");
            }
        }
    }

    @Test
    void theServedDocumentIsTheResource() throws Exception {
        HttpResponse<String> response = api.get(HttpApiServer.BASE_PATH + "/openapi.json");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).isEqualTo(ApiContract.documentBytes().toString());
        assertThat(response.headers().firstValue("ETag")).isPresent();
    }

    @Test
    void everyDocumentedJsonBodyIsValidatedBeforeItsHandler() throws Exception {
        int checked = 0;
        for (Map.Entry<String, Object> path : paths().entrySet()) {
            for (Map.Entry<String, Object> operation : map(path.getValue()).entrySet()) {
                Map<String, Object> op = map(operation.getValue());
                if (!op.containsKey("requestBody") || path.getKey().endsWith("/events")) {
                    continue;
                }
                Map<String, Object> content = map(map(op.get("requestBody")).get("content"));
                if (content.keySet().equals(Set.of("multipart/form-data"))) {
                    // an upload (a model registration): its handler reads and checks each part; JSON is refused
                    HttpResponse<String> json = api.send(operation.getKey().toUpperCase(), path.getKey(), "{}");
                    assertThat(json.statusCode()).as(path.getKey()).isEqualTo(415);
                    continue;
                }
                assertThat(content).containsKey("application/json");
                String concrete = path.getKey().replace("{experimentKey}", "checkout_v2")
                        .replace("{segment_id}", UUID.randomUUID().toString()).replace("{schedule_id}", UUID.randomUUID().toString())
                        .replace("{model_id}", UUID.randomUUID().toString()).replace("{model_name}", "churn")
                        .replace("{model_name_or_id}", "churn").replace("{user_id}", "u1");
                HttpResponse<String> response = api.send(operation.getKey().toUpperCase(), concrete, "{\"__unknown__\":true}");

                String name = operation.getKey() + " " + path.getKey();
                assertThat(response.statusCode()).as(name + ": " + response.body()).isEqualTo(400);
                assertThat(firstError(response)).as(name).containsEntry("code", "INVALID_REQUEST_BODY");
                assertThat(map(firstError(response).get("source")).get("pointer")).as(name).asString().startsWith("/");
                checked++;
            }
        }
        assertThat(checked).as("funnels, retention, paths, experiments, segment create/update, member upload, export, report"
                + " instance, report schedule, alert rule, model stage change, rollback, predict, churn by user").isEqualTo(15);
        assertThat(List.of(FUNNELS.queries, RETENTION.queries, PATHS.queries, EXPERIMENTS.queries)).allMatch(List::isEmpty);
        assertThat(SEGMENTS.definitions).isEmpty();
        assertThat(SEGMENTS.members).isEmpty();
        assertThat(MODELS.registrations).isEmpty();
        assertThat(MODELS.changes).isEmpty();
    }

    private static Map<String, Object> paths() {
        return map(document.get("paths"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private static Set<String> diff(Set<String> a, Set<String> b) {
        Set<String> d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }
}
