package com.platform.analytics.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.platform.analytics.domain.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reports and alerts through the built executable: a seeded SQL report requested over REST, generated asynchronously,
 * downloaded as CSV and checked against the payments sent (a hostile parameter is a value: it matches nothing); an
 * alert rule created and listed; the pipeline runs listed.
 */
class ReportsAndAlertsIT {
    private static final String DEV_1 = "d1000000-0000-4000-8000-0000000000d1";
    private static final String DEV_2 = "d2000000-0000-4000-8000-0000000000d2";
    private static final String GAME_A = "a0000000-0000-4000-8000-00000000000a";
    private static final String GAME_B = "b0000000-0000-4000-8000-00000000000b";
    private static final String GAME_C = "c0000000-0000-4000-8000-00000000000c";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("unchecked")
    void aSeededReportIsGeneratedDownloadedAndRightAndAnAlertRuleIsKept() throws Exception {
        // March 2026: dev 1 sells game A three times (two payers) and game B once; dev 2 sells game C; one in April
        List<Map<String, Object>> events = new ArrayList<>();
        events.add(paid("u1", "2026-03-03T10:00:00Z", "100.00", GAME_A, DEV_1));
        events.add(paid("u2", "2026-03-04T10:00:00Z", "250.50", GAME_A, DEV_1));
        events.add(paid("u1", "2026-03-31T23:59:59Z", "49.50", GAME_A, DEV_1));
        events.add(paid("u3", "2026-03-10T10:00:00Z", "999.00", GAME_B, DEV_1));
        events.add(paid("u4", "2026-03-10T10:00:00Z", "500.00", GAME_C, DEV_2));
        events.add(paid("u2", "2026-04-01T00:00:00Z", "70.00", GAME_A, DEV_1));

        try (ServiceProcess service = ServiceProcess.start(dir.resolve("data"), Map.of())) {
            ServiceProcess.Response ingested = service.post("/events", "application/cloudevents-batch+json", Json.write(events));
            assertThat(ingested.data()).as(ingested.body()).containsEntry("accepted", 6L);

            ServiceProcess.Response definitions = service.get("/reports/definitions");
            assertThat(definitions.status()).as(definitions.body()).isEqualTo(200);
            assertThat(definitions.body()).contains("monthly_sales_summary", "daily_kpi_digest", "game_activity_by_country_platform");

            String csv = generate(service, Map.of("developer_id", DEV_1, "month", "2026-03-15"));
            List<String> lines = csv.lines().toList();
            assertThat(lines.get(0)).isEqualTo("month,developer_id,game_id,country,transactions,paying_users,revenue_rub");
            assertThat(lines).hasSize(3);
            // per game, independently: A 3 transactions, 2 payers, 400.00 RUB; B 1, 1, 999.00 (April and dev 2 left out)
            assertThat(lines.get(1)).startsWith("2026-03-01,").contains(GAME_A).matches(".*,3,2,400(\\.00?)?");
            assertThat(lines.get(2)).startsWith("2026-03-01,").contains(GAME_B).matches(".*,1,1,999(\\.00?)?");

            String hostile = generate(service, Map.of("developer_id", DEV_1 + "' OR '1'='1", "month", "2026-03-15"));
            assertThat(hostile.lines().toList()).as("a parameter is a value, never SQL").hasSize(1);

            HttpResponse<String> badParameter = post(service, "/reports/instances",
                    "{\"definition\":\"monthly_sales_summary\",\"parameters\":{\"developer_id\":\"" + DEV_1 + "\",\"month\":\"March\"},\"format\":\"csv\"}");
            assertThat(badParameter.statusCode()).as(badParameter.body()).isEqualTo(400);
            assertThat(badParameter.body()).contains("month");

            HttpResponse<String> rule = post(service, "/alerts/rules", "{\"name\":\"CriticalDAUDrop\",\"metric\":\"dau\","
                    + "\"severity\":\"critical\",\"condition\":{\"type\":\"relative_change\",\"direction\":\"drop\",\"percent\":30,"
                    + "\"periods\":7}}");
            assertThat(rule.statusCode()).as(rule.body()).isEqualTo(201);
            assertThat(service.get("/alerts/rules").body()).contains("CriticalDAUDrop");
            assertThat(service.get("/alerts/events").status()).isEqualTo(200);
            assertThat(service.get("/pipelines/runs").status()).isEqualTo(200);

            // a schedule firing every minute, its month a relative word: the scheduler requests it with the stored
            // parameters, and the instance is generated like any other
            HttpResponse<String> badCron = post(service, "/reports/schedules",
                    "{\"definition\":\"monthly_sales_summary\",\"cron\":\"61 * * * *\",\"parameters\":{}}");
            assertThat(badCron.statusCode()).as(badCron.body()).isEqualTo(400);
            assertThat(badCron.body()).contains("/cron");
            HttpResponse<String> scheduled = post(service, "/reports/schedules", Json.write(Map.of("definition",
                    "monthly_sales_summary", "cron", "* * * * *", "timeZone", "Europe/Moscow", "format", "csv",
                    "parameters", Map.of("developer_id", DEV_1, "month", "start_of_month"))));
            assertThat(scheduled.statusCode()).as(scheduled.body()).isEqualTo(201);
            Map<String, Object> schedule = (Map<String, Object>) Json.parseObject(scheduled.body()).get("data");
            assertThat(schedule.get("parameters")).isEqualTo(Map.of("developer_id", DEV_1, "month", "start_of_month"));
            String scheduleUrl = "/reports/schedules/" + schedule.get("id");
            long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
            Object instanceUrl = Json.NULL;
            while (instanceUrl == Json.NULL && System.nanoTime() < deadline) {
                Thread.sleep(500);
                Map<String, Object> now = service.get(scheduleUrl).data();
                assertThat(now.get("lastError")).as(Json.write(now)).isEqualTo(Json.NULL);
                instanceUrl = now.get("lastInstanceUrl");
            }
            assertThat(instanceUrl).as("the schedule fired within two minutes").isInstanceOf(String.class);
            String instancePath = ((String) instanceUrl).substring("/api/v1/analytics".length());
            Map<String, Object> fired = service.get(instancePath).data();
            String thisMonth = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Moscow")).withDayOfMonth(1).toString();
            assertThat(fired.get("parameters")).isEqualTo(Map.of("developer_id", DEV_1, "month", thisMonth));
            assertThat(service.get("/pipelines/runs?name=report_schedules").body()).contains("report_schedules");
            ServiceProcess.Response deleted = service.send("DELETE", scheduleUrl);
            assertThat(deleted.status()).isEqualTo(204);
        }
    }

    /** Requests the monthly sales report, waits for it, and downloads it. */
    @SuppressWarnings("unchecked")
    private static String generate(ServiceProcess service, Map<String, String> parameters) throws Exception {
        HttpResponse<String> requested = post(service, "/reports/instances", Json.write(Map.of("definition", "monthly_sales_summary",
                "parameters", parameters, "format", "csv")));
        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(202);
        String id = (String) ((Map<String, Object>) Json.parseObject(requested.body()).get("data")).get("id");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String status = "";
        while (System.nanoTime() < deadline) {
            Map<String, Object> instance = service.get("/reports/instances/" + id).data();
            status = (String) instance.get("status");
            if (status.equals("completed") || status.equals("failed")) {
                assertThat(status).as(Json.write(instance)).isEqualTo("completed");
                break;
            }
            Thread.sleep(100);
        }
        assertThat(status).isEqualTo("completed");
        HttpResponse<String> file = HTTP.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/reports/instances/" + id
                + "/download")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        return file.body();
    }

    private static HttpResponse<String> post(ServiceProcess service, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Object> paid(String user, String time, String rub, String game, String developer) {
        String id = switch (user) {
            case "u1" -> "11111111-0000-4000-8000-000000000001";
            case "u2" -> "11111111-0000-4000-8000-000000000002";
            case "u3" -> "11111111-0000-4000-8000-000000000003";
            default -> "11111111-0000-4000-8000-000000000004";
        };
        return Scenario.withData(Scenario.withData(Scenario.payment(id, time, rub, "RUB"), "gameId", game), "developerId", developer);
    }
}
