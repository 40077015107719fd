package com.platform.analytics.adapter.http;

import static com.platform.analytics.adapter.http.RunningApi.data;
import static com.platform.analytics.adapter.http.RunningApi.firstError;
import static org.assertj.core.api.Assertions.assertThat;

import com.platform.analytics.domain.access.Permission;
import com.platform.analytics.domain.alert.AlertEvent;
import com.platform.analytics.domain.alert.AlertSeverity;
import com.platform.analytics.domain.alert.AlertStatus;
import com.platform.analytics.domain.json.Json;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AlertsEndpointTest {
    private static final String BASE = HttpApiServer.BASE_PATH + "/alerts";
    private static final FakeAlerts ALERTS = new FakeAlerts();
    private static HttpApiServer server;
    private static RunningApi api;

    @BeforeAll
    static void startServer() {
        server = new HttpApiServer(new HttpApiConfig("127.0.0.1", 0, 1024), new FakeIngestEvents(), new FakeMetricQueries(),
                List.of(new AlertsEndpoint(ALERTS)));
        api = RunningApi.start(server);
    }

    @AfterAll
    static void stopServer() {
        api.close();
    }

    @BeforeEach
    void reset() {
        synchronized (ALERTS) {
            ALERTS.rules.clear();
            ALERTS.events.clear();
            ALERTS.calls.clear();
            ALERTS.onEventLoop.clear();
        }
    }

    private static final String DAU_DROP = "{\"name\":\"CriticalDAUDrop\",\"metric\":\"dau\",\"severity\":\"critical\","
            + "\"condition\":{\"type\":\"relative_change\",\"direction\":\"drop\",\"percent\":30,\"periods\":7}}";

    private static AlertEvent event(int minute, AlertStatus status) {
        Instant at = Instant.parse("2026-03-15T06:00:00Z").minusSeconds(60L * minute);
        AlertEvent firing = new AlertEvent(UUID.randomUUID(), UUID.randomUUID(), "CriticalDAUDrop", "dau", "", Map.of(),
                AlertStatus.FIRING, LocalDate.parse("2026-03-14"), 7000, 10000, 10000.0, -30, AlertSeverity.CRITICAL,
                "dau fell by 30.0%", at, null);
        return status == AlertStatus.RESOLVED ? firing.resolved(at.plusSeconds(30)) : firing;
    }

    @Test
    void rulesAreCreatedAndListed() throws Exception {
        HttpResponse<String> created = api.send("POST", BASE + "/rules", DAU_DROP);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(data(created)).containsEntry("name", "CriticalDAUDrop").containsEntry("metric", "dau")
                .containsEntry("granularity", "day").containsEntry("severity", "critical").containsKey("id");
        assertThat(Json.write(data(created).get("condition"))).isEqualTo(
                "{\"type\":\"relative_change\",\"direction\":\"drop\",\"percent\":30.0,\"periods\":7,\"baseline\":\"previous_periods\"}");
        HttpResponse<String> list = api.send("GET", BASE + "/rules", null);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.headers().firstValue("ETag")).isPresent();
        assertThat((List<?>) Json.parseObject(list.body()).get("data")).hasSize(1);
        assertThat(ALERTS.onEventLoop).as("use cases run on worker threads").isEmpty();
    }

    @Test
    void aBadRuleIsA400NamingTheMember() throws Exception {
        HttpResponse<String> badPercent = api.send("POST", BASE + "/rules", DAU_DROP.replace("\"percent\":30", "\"percent\":-5"));
        HttpResponse<String> unknownMetric = api.send("POST", BASE + "/rules", DAU_DROP.replace("\"dau\"", "\"shoe_size\""));
        HttpResponse<String> notJson = api.send("POST", BASE + "/rules", "{nope");

        assertThat(badPercent.statusCode()).isEqualTo(400);
        assertThat(firstError(badPercent)).containsEntry("code", "INVALID_REQUEST_BODY"); // the OpenAPI schema refuses it first
        assertThat(Json.write(firstError(badPercent).get("source"))).contains("/condition/percent");
        assertThat(unknownMetric.statusCode()).isEqualTo(400);
        assertThat(Json.write(firstError(unknownMetric).get("source"))).contains("/metric");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(ALERTS.rules).isEmpty();
    }

    @Test
    void eventsAreFilteredByStatusAndPagedWithTheFilterKept() throws Exception {
        for (int i = 0; i < 5; i++) {
            ALERTS.events.add(event(i, i % 2 == 0 ? AlertStatus.FIRING : AlertStatus.RESOLVED));
        }

        HttpResponse<String> firstPage = api.send("GET", BASE + "/events?status=firing&page%5Bsize%5D=2", null);
        assertThat(firstPage.statusCode()).as(firstPage.body()).isEqualTo(200);
        Map<String, Object> doc = Json.parseObject(firstPage.body());
        assertThat((List<?>) doc.get("data")).hasSize(2).allSatisfy(e -> assertThat(((Map<?, ?>) e).get("status")).isEqualTo("firing"));
        String next = (String) ((Map<?, ?>) doc.get("links")).get("next");
        assertThat(next).startsWith(BASE + "/events?status=firing&page%5Bsize%5D=2&page%5Bcursor%5D=");

        Map<String, Object> second = Json.parseObject(api.send("GET", next, null).body());
        assertThat((List<?>) second.get("data")).hasSize(1);
        assertThat(((Map<?, ?>) second.get("links")).get("next")).isSameAs(Json.NULL);
        assertThat(ALERTS.calls).containsExactly("events firing 0 3", "events firing 2 3");

        HttpResponse<String> all = api.send("GET", BASE + "/events", null);
        assertThat((List<?>) Json.parseObject(all.body()).get("data")).hasSize(5);
        // a cursor of the firing list does not page the resolved one
        HttpResponse<String> foreign = api.send("GET", next.replace("status=firing", "status=resolved"), null);
        assertThat(foreign.statusCode()).isEqualTo(400);
        assertThat(firstError(foreign)).containsEntry("code", "INVALID_QUERY_PARAMETERS");
    }

    @Test
    void badQueryParametersAndOtherMethodsAreRefused() throws Exception {
        for (String query : List.of("?status=open", "?status=firing&status=resolved", "?colour=red", "?page%5Bsize%5D=0")) {
            HttpResponse<String> response = api.send("GET", BASE + "/events" + query, null);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(firstError(response)).as(query).containsEntry("code", "INVALID_QUERY_PARAMETERS");
        }
        assertThat(Json.write(firstError(api.send("GET", BASE + "/events?status=open", null)).get("source"))).contains("status");
        for (Map.Entry<String, String> wrong : Map.of("/rules", "DELETE", "/events", "POST").entrySet()) {
            HttpResponse<String> response = api.send(wrong.getValue(), BASE + wrong.getKey(), null);
            assertThat(response.statusCode()).isEqualTo(405);
            assertThat(response.headers().firstValue("Allow")).isPresent();
        }
    }

    /** The OpenAPI document has exactly the routes this endpoint registers, each with its permission. */
    @Test
    @SuppressWarnings("unchecked")
    void theOpenApiDocumentHasExactlyTheRoutesWithTheirPermissions() throws Exception {
        JsonObject fragment = resource("openapi.json");
        fragment.getJsonObject("paths").fieldNames().removeIf(path -> !path.startsWith(BASE));
        Set<String> documented = new TreeSet<>();
        Map<String, String> permissions = new java.util.HashMap<>();
        fragment.getJsonObject("paths").forEach(p -> ((JsonObject) p.getValue()).forEach(op -> {
            documented.add(op.getKey().toUpperCase() + " " + p.getKey());
            permissions.put(op.getKey().toUpperCase() + " " + p.getKey(), ((JsonObject) op.getValue()).getString("x-permission"));
        }));
        Set<String> routed = new TreeSet<>();
        for (HttpApiServer.ApiRoute route : server.routes()) {
            if (route.path().startsWith(BASE)) {
                route.methods().forEach(m -> routed.add(m + " " + route.path()));
            }
        }
        assertThat(routed).isEqualTo(documented);
        assertThat(permissions).containsEntry("GET " + BASE + "/rules", Permission.READ_OPERATIONS.claim())
                .containsEntry("POST " + BASE + "/rules", Permission.MANAGE_ALERTS.claim())
                .containsEntry("GET " + BASE + "/events", Permission.READ_OPERATIONS.claim());
    }

    private static JsonObject resource(String name) throws Exception {
        try (InputStream in = ApiContract.class.getResourceAsStream(name)) {
            return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
