package com.platform.analytics.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.platform.analytics.domain.access.Principal;
import com.platform.analytics.domain.access.Role;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.json.Json;
import com.platform.analytics.domain.report.OutputFormat;
import com.platform.analytics.domain.report.ReportSchedule;
import com.platform.analytics.domain.schedule.CronSchedule;
import com.platform.analytics.port.in.ReportSchedulesUseCase;
import io.vertx.ext.web.RoutingContext;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The report schedules' routes with a fake use case: bodies, documents, statuses. */
class ReportSchedulesEndpointTest {
    private static final String BASE = HttpApiServer.BASE_PATH;
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Map<String, Principal> CALLERS = Map.of(
            "admin", new Principal("admin-1", Set.of(Role.PLATFORM_ADMIN), Set.of(), Optional.empty()),
            "dev1", new Principal("dev-user-1", Set.of(Role.DEVELOPER), Set.of(), Optional.of("dev-1")));
    private static final Function<RoutingContext, Principal> FROM_HEADER =
            ctx -> CALLERS.get(ctx.request().getHeader("X-Test-Caller"));

    /** Keeps what is created; a definition named "nope" is unknown, a cron "bad" is refused at /cron. */
    static final class FakeSchedules implements ReportSchedulesUseCase {
        final List<ReportSchedule> rows = new CopyOnWriteArrayList<>();
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public ReportSchedule create(Principal caller, String definition, String cron, String timeZone,
                Map<String, Object> parameters, String format) {
            calls.add(caller.subject() + " " + definition + " " + cron + " " + timeZone + " " + Json.write(parameters) + " " + format);
            if ("nope".equals(definition)) {
                throw new AnalyticsException(ErrorCode.REPORT_DEFINITION_NOT_FOUND, "no report definition 'nope'");
            }
            if ("bad".equals(cron)) {
                throw AnalyticsException.invalidBody("/cron", "a cron schedule has 5 fields");
            }
            Map<String, String> stored = new java.util.LinkedHashMap<>();
            parameters.forEach((k, v) -> stored.put(k, String.valueOf(v)));
            ReportSchedule s = new ReportSchedule(UUID.randomUUID(), UUID.randomUUID(), definition,
                    CronSchedule.parse(cron, ZoneId.of(timeZone == null ? "UTC" : timeZone)), stored,
                    OutputFormat.CSV, caller.subject(), caller.developerId(), true, T0, null, null, null);
            rows.add(s);
            return s;
        }

        @Override
        public List<ReportSchedule> list(Principal caller) {
            return new ArrayList<>(rows);
        }

        @Override
        public ReportSchedule find(Principal caller, UUID id) {
            return rows.stream().filter(s -> s.id().equals(id)).findFirst()
                    .orElseThrow(() -> new AnalyticsException(ErrorCode.RESOURCE_NOT_FOUND, "no report schedule " + id));
        }

        @Override
        public void delete(Principal caller, UUID id) {
            rows.remove(find(caller, id));
        }

        @Override
        public int runDue(Instant now) {
            throw new UnsupportedOperationException("not over HTTP");
        }
    }

    private static HttpResponse<String> post(RunningApi api, String caller, String body) throws Exception {
        return api.send(api.request(BASE + "/reports/schedules").header("X-Test-Caller", caller)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> firstError(HttpResponse<String> r) {
        return ((List<Map<String, Object>>) Json.parseObject(r.body()).get("errors")).get(0);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aScheduleIsCreatedReadListedAndDeleted() throws Exception {
        FakeSchedules schedules = new FakeSchedules();
        try (RunningApi api = RunningApi.withRouteGroups(new ReportSchedulesEndpoint(schedules, FROM_HEADER))) {
            HttpResponse<String> created = post(api, "dev1", "{\"definition\":\"monthly_sales_summary\",\"cron\":\"0 3 1 * *\","
                    + "\"timeZone\":\"Europe/Moscow\",\"parameters\":{\"month\":\"start_of_previous_month\"}}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            Map<String, Object> data = (Map<String, Object>) Json.parseObject(created.body()).get("data");
            assertThat(created.headers().firstValue("Location")).contains(BASE + "/reports/schedules/" + data.get("id"));
            assertThat(data).containsEntry("cron", "0 3 1 * *").containsEntry("timeZone", "Europe/Moscow")
                    .containsEntry("owner", "dev-user-1").containsEntry("developerId", "dev-1")
                    .containsEntry("parameters", Map.of("month", "start_of_previous_month"))
                    // 03:00 on April 1st in Moscow
                    .containsEntry("nextFireAt", "2026-04-01T00:00:00Z").containsEntry("lastFireAt", Json.NULL);
            assertThat(schedules.calls).containsExactly(
                    "dev-user-1 monthly_sales_summary 0 3 1 * * Europe/Moscow {\"month\":\"start_of_previous_month\"} null");

            HttpResponse<String> one = api.send(api.request(BASE + "/reports/schedules/" + data.get("id"))
                    .header("X-Test-Caller", "dev1").GET());
            assertThat(one.statusCode()).isEqualTo(200);
            assertThat(one.headers().firstValue("Cache-Control")).contains("no-store");
            HttpResponse<String> list = api.send(api.request(BASE + "/reports/schedules?page[size]=10")
                    .header("X-Test-Caller", "dev1").GET());
            assertThat((List<Object>) Json.parseObject(list.body()).get("data")).hasSize(1);

            HttpResponse<String> deleted = api.send(api.request(BASE + "/reports/schedules/" + data.get("id"))
                    .header("X-Test-Caller", "dev1").DELETE());
            assertThat(deleted.statusCode()).isEqualTo(204);
            assertThat(schedules.rows).isEmpty();
            HttpResponse<String> again = api.send(api.request(BASE + "/reports/schedules/" + data.get("id"))
                    .header("X-Test-Caller", "dev1").DELETE());
            assertThat(again.statusCode()).isEqualTo(404);
            assertThat(firstError(again)).containsEntry("code", "RESOURCE_NOT_FOUND");
            assertThat(api.send(api.request(BASE + "/reports/schedules/not-an-id").header("X-Test-Caller", "dev1").GET())
                    .statusCode()).isEqualTo(404);
            assertThat(api.send("PUT", BASE + "/reports/schedules", "{}").statusCode()).isEqualTo(405);
        }
    }

    @Test
    void badBodiesNameTheirFieldAndRefusalsKeepTheirStatus() throws Exception {
        FakeSchedules schedules = new FakeSchedules();
        try (RunningApi api = RunningApi.withRouteGroups(new ReportSchedulesEndpoint(schedules, FROM_HEADER))) {
            assertThat(firstError(post(api, "admin", "{\"definition\":\"x\",\"cron\":\"@daily\",\"colour\":1}")))
                    .containsEntry("source", Map.of("pointer", "/colour"));
            assertThat(firstError(post(api, "admin", "{\"definition\":\"x\",\"cron\":\"@daily\",\"parameters\":[1]}")))
                    .containsEntry("source", Map.of("pointer", "/parameters"));
            assertThat(firstError(post(api, "admin", "{\"definition\":\"x\",\"cron\":7}")))
                    .containsEntry("source", Map.of("pointer", "/cron"));
            assertThat(schedules.calls).isEmpty();
            assertThat(firstError(post(api, "admin", "{\"definition\":\"x\",\"cron\":\"bad\"}")))
                    .containsEntry("code", "INVALID_REQUEST_BODY").containsEntry("source", Map.of("pointer", "/cron"));
            assertThat(post(api, "admin", "{\"definition\":\"nope\",\"cron\":\"@daily\"}").statusCode()).isEqualTo(404);
            assertThat(api.send(api.request(BASE + "/reports/schedules").header("X-Test-Caller", "admin")
                    .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{}"))).statusCode()).isEqualTo(415);
        }
    }
}
