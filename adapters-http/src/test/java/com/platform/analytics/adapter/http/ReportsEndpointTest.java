package com.platform.analytics.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.platform.analytics.domain.access.Principal;
import com.platform.analytics.domain.access.Role;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.json.Json;
import com.platform.analytics.domain.report.OutputFormat;
import com.platform.analytics.domain.report.ParameterType;
import com.platform.analytics.domain.report.ReportDefinition;
import com.platform.analytics.domain.report.ReportInstance;
import com.platform.analytics.domain.report.ReportParameter;
import com.platform.analytics.domain.report.ReportSourceType;
import com.platform.analytics.domain.report.ReportStatus;
import com.platform.analytics.port.in.ReportsUseCase;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The reports routes with a fake use case. The caller comes from a test header (the server's authentication, which
 * enforces the document's x-permission, is tested apart).
 */
class ReportsEndpointTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final String BASE = HttpApiServer.BASE_PATH;
    private static final Map<String, Principal> CALLERS = Map.of(
            "admin", new Principal("admin-1", Set.of(Role.PLATFORM_ADMIN), Set.of(), Optional.empty()),
            "dev1", new Principal("dev-user-1", Set.of(Role.DEVELOPER), Set.of(), Optional.of("dev-1")));
    private static final Function<RoutingContext, Principal> FROM_HEADER =
            ctx -> CALLERS.get(ctx.request().getHeader("X-Test-Caller"));
    private static final ReportDefinition SALES = new ReportDefinition(UUID.randomUUID(), "monthly_sales_summary", "Продажи",
            "Sales", null, null, ReportSourceType.SQL_QUERY_CLICKHOUSE, "SELECT {developer_id:String}, {month:Date}",
            List.of(new ReportParameter("developer_id", ParameterType.STRING, true, null, null),
                    new ReportParameter("month", ParameterType.DATE, true, null, "Месяц")),
            List.of(OutputFormat.CSV, OutputFormat.JSON), true, T0, T0);
    private static final ReportDefinition ACTIVITY = new ReportDefinition(UUID.randomUUID(), "activity", "Активность",
            null, null, null, ReportSourceType.SQL_QUERY_CLICKHOUSE, "SELECT 1", List.of(), List.of(OutputFormat.CSV), false, T0, T0);

    /** Answers from fixed instances; records requests; a request's definition name picks a failure to throw. */
    static final class FakeReports implements ReportsUseCase {
        final List<String> requests = new CopyOnWriteArrayList<>();
        final ReportInstance done = instance(ReportStatus.COMPLETED);
        final ReportInstance busy = instance(ReportStatus.GENERATING);
        final byte[] file = big();

        private static ReportInstance instance(ReportStatus status) {
            ReportInstance r = ReportInstance.requested(UUID.randomUUID(), SALES, Map.of("month", "2026-02-01"),
                    OutputFormat.CSV, T0, "admin-1", Optional.empty(), T0.plusSeconds(3600));
            return new ReportInstance(r.id(), r.definitionId(), r.definitionName(), status, r.parameters(), r.format(),
                    T0, T0, status == ReportStatus.COMPLETED ? T0.plusSeconds(2) : null, status == ReportStatus.COMPLETED
                    ? r.objectKey() : null, status == ReportStatus.COMPLETED ? 1L : null, null, "admin-1", Optional.empty(),
                    r.expiresAt());
        }

        private static byte[] big() {
            StringBuilder sb = new StringBuilder("n,label\r\n");
            for (int i = 0; i < 40_000; i++) {
                sb.append(i).append(",\"ряд, ").append(i).append("\"\r\n");
            }
            return sb.toString().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public List<ReportDefinition> definitions(Principal caller) {
            return caller.developerId().isPresent() ? List.of(SALES) : List.of(ACTIVITY, SALES);
        }

        @Override
        public ReportInstance request(Principal caller, String definition, Map<String, Object> parameters, String format) {
            requests.add(caller.subject() + " " + definition + " " + Json.write(parameters) + " " + format);
            return switch (definition) {
                case "bad_month" -> throw AnalyticsException.invalidBody("/parameters/month", "parameter month must be a date");
                case "others" -> throw new AnalyticsException(ErrorCode.ACCESS_DENIED_TO_RESOURCE, "developer dev-2 is not the caller's");
                case "busy" -> throw new AnalyticsException(ErrorCode.SERVICE_BUSY, "the report queue is full");
                default -> ReportInstance.requested(UUID.randomUUID(), SALES, Map.of("month", "2026-02-01"), OutputFormat.CSV,
                        T0, caller.subject(), caller.developerId(), T0.plusSeconds(3600));
            };
        }

        @Override
        public ReportInstance instance(Principal caller, UUID id) {
            return List.of(done, busy).stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow(() ->
                    new AnalyticsException(ErrorCode.REPORT_INSTANCE_NOT_FOUND, "no report instance " + id));
        }

        @Override
        public ReportFile download(Principal caller, UUID id) {
            ReportInstance i = instance(caller, id);
            if (i.status() != ReportStatus.COMPLETED) {
                throw new AnalyticsException(ErrorCode.REPORT_NOT_READY, "report instance " + id + " is generating");
            }
            InputStream content = new ByteArrayInputStream(file);
            return new ReportFile("monthly sales\"summary.csv", "text/csv; charset=utf-8", file.length, content);
        }
    }

    private static RunningApi start(FakeReports reports) {
        return RunningApi.withRouteGroups(new ReportsEndpoint(reports, FROM_HEADER));
    }

    private static HttpResponse<String> get(RunningApi api, String path, String caller) throws Exception {
        return api.send(api.request(path).header("X-Test-Caller", caller).GET());
    }

    private static HttpResponse<String> post(RunningApi api, String caller, String contentType, String body) throws Exception {
        return api.send(api.request(BASE + "/reports/instances").header("X-Test-Caller", caller)
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> firstError(HttpResponse<String> r) {
        return ((List<Map<String, Object>>) Json.parseObject(r.body()).get("errors")).get(0);
    }

    @Test
    @SuppressWarnings("unchecked")
    void definitionsAreListedForTheCaller() throws Exception {
        try (RunningApi api = start(new FakeReports())) {
            HttpResponse<String> admin = get(api, BASE + "/reports/definitions", "admin");
            assertThat(admin.statusCode()).as(admin.body()).isEqualTo(200);
            assertThat(admin.headers().firstValue("ETag")).isPresent();
            List<Map<String, Object>> data = (List<Map<String, Object>>) Json.parseObject(admin.body()).get("data");
            assertThat(data).extracting(d -> d.get("name")).containsExactly("activity", "monthly_sales_summary");
            Map<String, Object> sales = data.get(1);
            assertThat(sales).containsEntry("sourceType", "sql_query_clickhouse").containsEntry("availableToDevelopers", true)
                    .containsEntry("outputFormats", List.of("csv", "json"));
            assertThat((List<Map<String, Object>>) sales.get("parameters")).extracting(p -> p.get("name") + ":" + p.get("type"))
                    .containsExactly("developer_id:string", "month:date");

            HttpResponse<String> dev = get(api, BASE + "/reports/definitions", "dev1");
            assertThat((List<Object>) Json.parseObject(dev.body()).get("data")).hasSize(1);
            assertThat(api.send("PUT", BASE + "/reports/definitions", "{}").statusCode()).isEqualTo(405);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void anInstanceIsRequestedWithItsParametersAndAnsweredAccepted() throws Exception {
        FakeReports reports = new FakeReports();
        try (RunningApi api = start(reports)) {
            HttpResponse<String> r = post(api, "dev1", "application/json",
                    "{\"definition\":\"monthly_sales_summary\",\"parameters\":{\"month\":\"2026-02-01\"},\"format\":\"csv\"}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            Map<String, Object> data = (Map<String, Object>) Json.parseObject(r.body()).get("data");
            assertThat(data).containsEntry("status", "requested").containsEntry("format", "csv").containsEntry("downloadUrl", Json.NULL);
            assertThat(r.headers().firstValue("Location")).contains(BASE + "/reports/instances/" + data.get("id"));
            assertThat(reports.requests).containsExactly("dev-user-1 monthly_sales_summary {\"month\":\"2026-02-01\"} csv");
        }
    }

    @Test
    void badRequestsNameTheirFieldAndUseCaseRefusalsKeepTheirStatus() throws Exception {
        FakeReports reports = new FakeReports();
        try (RunningApi api = start(reports)) {
            HttpResponse<String> noDefinition = post(api, "admin", "application/json", "{\"parameters\":{}}");
            assertThat(noDefinition.statusCode()).isEqualTo(400);
            assertThat(firstError(noDefinition)).containsEntry("code", "INVALID_REQUEST_BODY")
                    .containsEntry("source", Map.of("pointer", "/definition"));
            assertThat(firstError(post(api, "admin", "application/json", "{\"definition\":\"x\",\"parameters\":[1]}")))
                    .containsEntry("source", Map.of("pointer", "/parameters"));
            assertThat(firstError(post(api, "admin", "application/json", "{\"definition\":\"x\",\"colour\":1}")))
                    .containsEntry("source", Map.of("pointer", "/colour"));
            assertThat(post(api, "admin", "text/plain", "{\"definition\":\"x\"}").statusCode()).isEqualTo(415);
            assertThat(post(api, "admin", "application/json", "[]").statusCode()).isEqualTo(400);
            assertThat(reports.requests).isEmpty();

            HttpResponse<String> badMonth = post(api, "admin", "application/json", "{\"definition\":\"bad_month\"}");
            assertThat(badMonth.statusCode()).isEqualTo(400);
            assertThat(firstError(badMonth)).containsEntry("source", Map.of("pointer", "/parameters/month"));
            assertThat(post(api, "dev1", "application/json", "{\"definition\":\"others\"}").statusCode()).isEqualTo(403);
            assertThat(post(api, "admin", "application/json", "{\"definition\":\"busy\"}").statusCode()).isEqualTo(503);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void anInstanceIsReadAndAnUnknownOrMalformedIdIsNotFound() throws Exception {
        FakeReports reports = new FakeReports();
        try (RunningApi api = start(reports)) {
            HttpResponse<String> r = get(api, BASE + "/reports/instances/" + reports.done.id(), "admin");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
            Map<String, Object> data = (Map<String, Object>) Json.parseObject(r.body()).get("data");
            assertThat(data).containsEntry("status", "completed").containsEntry("completedAt", "2026-03-01T10:00:02Z")
                    .containsEntry("downloadUrl", BASE + "/reports/instances/" + reports.done.id() + "/download");

            for (String id : List.of(UUID.randomUUID().toString(), "not-an-id")) {
                HttpResponse<String> missing = get(api, BASE + "/reports/instances/" + id, "admin");
                assertThat(missing.statusCode()).isEqualTo(404);
                assertThat(firstError(missing)).containsEntry("code", "REPORT_INSTANCE_NOT_FOUND");
            }
            assertThat(api.send("DELETE", BASE + "/reports/instances/" + reports.done.id(), null).statusCode()).isEqualTo(405);
        }
    }

    @Test
    void theFileIsStreamedWhole() throws Exception {
        FakeReports reports = new FakeReports();
        try (RunningApi api = start(reports)) {
            HttpResponse<byte[]> r = java.net.http.HttpClient.newHttpClient().send(api.request(BASE + "/reports/instances/"
                    + reports.done.id() + "/download").header("X-Test-Caller", "admin").GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).contains("text/csv; charset=utf-8");
            assertThat(r.headers().firstValue("Content-Disposition")).contains("attachment; filename=\"monthly_sales_summary.csv\"");
            assertThat(r.headers().firstValue("Content-Length")).contains(String.valueOf(reports.file.length));
            assertThat(r.body()).isEqualTo(reports.file);

            HttpResponse<String> notReady = get(api, BASE + "/reports/instances/" + reports.busy.id() + "/download", "admin");
            assertThat(notReady.statusCode()).isEqualTo(409);
            assertThat(firstError(notReady)).containsEntry("code", "REPORT_NOT_READY");
            assertThat(get(api, BASE + "/reports/instances/" + UUID.randomUUID() + "/download", "admin").statusCode()).isEqualTo(404);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theOpenApiDocumentDescribesEveryRouteBehindReportsRun() throws Exception {
        Map<String, Object> doc;
        try (InputStream in = ReportsEndpoint.class.getResourceAsStream(ApiContract.RESOURCE)) {
            doc = Json.parseObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        Map<String, Object> paths = (Map<String, Object>) doc.get("paths");
        Set<String> operations = new HashSet<>();
        paths.entrySet().stream().filter(p -> p.getKey().startsWith(BASE + "/reports")).forEach(e -> ((Map<String, Object>) e.getValue())
                .forEach((method, op) -> {
            String path = e.getKey();
            operations.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path);
            assertThat(((Map<String, Object>) op).get("x-permission")).as(method + " " + path).isEqualTo("reports:run");
        }));
        assertThat(operations).containsExactlyInAnyOrder("GET " + BASE + "/reports/definitions", "POST " + BASE + "/reports/instances",
                "GET " + BASE + "/reports/instances/{instance_id}", "GET " + BASE + "/reports/instances/{instance_id}/download",
                "GET " + BASE + "/reports/schedules", "POST " + BASE + "/reports/schedules",
                "GET " + BASE + "/reports/schedules/{schedule_id}", "DELETE " + BASE + "/reports/schedules/{schedule_id}");
        assertThat((Map<String, Object>) ((Map<String, Object>) doc.get("components")).get("schemas"))
                .containsKeys("ReportDefinition", "ReportInstance", "ReportInstanceRequest", "ReportParameter");
    }
}
