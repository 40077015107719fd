package com.platform.analytics.adapter.http;

import static com.platform.analytics.adapter.http.RunningApi.firstError;
import static com.platform.analytics.adapter.http.RunningApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.platform.analytics.domain.analysis.experiment.ExperimentMetric;
import com.platform.analytics.domain.analysis.experiment.ExperimentTotals;
import com.platform.analytics.domain.analysis.experiment.VariantTotals;
import com.platform.analytics.domain.json.Json;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExperimentEndpointTest {
    private static final String PATH = HttpApiServer.BASE_PATH + "/analysis/experiments/";
    private static final FakeExperiments EXPERIMENTS = new FakeExperiments();
    private static RunningApi api;

    @BeforeAll
    static void startServer() {
        api = RunningApi.withRouteGroups(new ExperimentEndpoint(EXPERIMENTS));
    }

    @AfterAll
    static void stopServer() {
        api.close();
    }

    @BeforeEach
    void reset() {
        EXPERIMENTS.queries.clear();
        EXPERIMENTS.onEventLoop.clear();
        EXPERIMENTS.totals = new ExperimentTotals(List.of(
                new VariantTotals("control", 1000, 100, BigDecimal.ZERO, 0),
                new VariantTotals("treatment", 1000, 120, BigDecimal.ZERO, 0)), 7, "SELECT 'the sql'");
    }

    @Test
    @SuppressWarnings("unchecked")
    void analysesOnAWorkerThreadAndAnswersPerVariant() throws Exception {
        HttpResponse<String> response = api.postJson(PATH + "checkout_v2", """
                {"from":"2026-03-01","to":"2026-03-14","tz":"Europe/Moscow","goal":{"event":"com.platform.payment.transaction.completed.v1"},"window":"P7D","metric":"conversion"}""");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(EXPERIMENTS.queries).singleElement().satisfies(q -> {
            assertThat(q.experimentKey()).isEqualTo("checkout_v2");
            assertThat(q.from()).isEqualTo(LocalDate.parse("2026-03-01"));
            assertThat(q.zone()).isEqualTo(ZoneId.of("Europe/Moscow"));
            assertThat(q.window()).isEqualTo(Duration.ofDays(7));
            assertThat(q.metric()).isEqualTo(ExperimentMetric.CONVERSION);
        });
        assertThat(EXPERIMENTS.onEventLoop).containsExactly(false);
        Map<String, Object> data = (Map<String, Object>) json(response).get("data");
        assertThat(data).containsEntry("excludedUsers", 7L).containsEntry("window", "P7D").doesNotContainKey("sql");
        assertThat((Map<String, Object>) data.get("methods")).containsKey("relativeLift");
        List<Map<String, Object>> variants = (List<Map<String, Object>>) data.get("variants");
        assertThat(variants).extracting(v -> v.get("variant")).containsExactly("control", "treatment");
        assertThat(variants.get(0)).containsEntry("versusControl", Json.NULL).containsEntry("users", 1000L);
        Map<String, Object> lift = (Map<String, Object>) variants.get(1).get("versusControl");
        assertThat(((Number) ((Map<String, Object>) lift.get("relativeLift")).get("estimate")).doubleValue())
                .isCloseTo(0.2, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(lift).containsKeys("z", "pValue", "probabilityToBeatControl", "absoluteLift");
        assertThat((Map<String, Object>) data.get("sampleRatioMismatch")).containsEntry("mismatch", false);
    }

    @Test
    @SuppressWarnings("unchecked")
    void explainAddsTheSql() throws Exception {
        HttpResponse<String> response = api.postJson(PATH + "checkout_v2?explain=true",
                "{\"from\":\"2026-03-01\",\"to\":\"2026-03-14\",\"metric\":\"revenue\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, Object> data = (Map<String, Object>) json(response).get("data");
        assertThat(data).containsEntry("sql", "SELECT 'the sql'").containsEntry("window", "P14D").containsEntry("goal", Json.NULL);
    }

    @Test
    @SuppressWarnings("unchecked")
    void invalidRequestsNameTheField() throws Exception {
        HttpResponse<String> noGoal = api.postJson(PATH + "checkout_v2", "{\"from\":\"2026-03-01\",\"to\":\"2026-03-14\"}");
        assertThat(noGoal.statusCode()).isEqualTo(400);
        assertThat(firstError(noGoal)).containsEntry("code", "INVALID_QUERY_PARAMETERS")
                .containsEntry("source", Map.of("pointer", "/goal"));

        HttpResponse<String> badWindow = api.postJson(PATH + "checkout_v2",
                "{\"from\":\"2026-03-01\",\"to\":\"2026-03-14\",\"goal\":{\"event\":\"x\"},\"window\":\"P1M\"}");
        assertThat(firstError(badWindow)).containsEntry("source", Map.of("pointer", "/window"));

        HttpResponse<String> badKey = api.postJson(PATH + "Robert%27%29%3B%20DROP",
                "{\"from\":\"2026-03-01\",\"to\":\"2026-03-14\",\"goal\":{\"event\":\"x\"}}");
        assertThat(badKey.statusCode()).isEqualTo(400);
        assertThat(firstError(badKey)).containsEntry("source", Map.of("parameter", "experimentKey"));

        HttpResponse<String> notJson = api.postJson(PATH + "checkout_v2", "{nope");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(firstError(notJson)).containsEntry("code", "INVALID_REQUEST_BODY");

        HttpResponse<String> badExplain = api.postJson(PATH + "checkout_v2?explain=yes",
                "{\"from\":\"2026-03-01\",\"to\":\"2026-03-14\",\"metric\":\"revenue\"}");
        assertThat(firstError(badExplain)).containsEntry("source", Map.of("parameter", "explain"));
        assertThat(EXPERIMENTS.queries).isEmpty();
    }

    @Test
    void withoutAControlVariantTheAnswerIs400() throws Exception {
        EXPERIMENTS.totals = new ExperimentTotals(List.of(new VariantTotals("a", 10, 1, BigDecimal.ZERO, 0),
                new VariantTotals("b", 10, 2, BigDecimal.ZERO, 0)), 0, "SELECT 1");
        HttpResponse<String> response = api.postJson(PATH + "checkout_v2",
                "{\"from\":\"2026-03-01\",\"to\":\"2026-03-14\",\"goal\":{\"event\":\"x\"}}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat((String) firstError(response).get("detail")).contains("control").contains("a, b");
    }

    @Test
    void otherMethodsAre405AndOtherTypes415() throws Exception {
        HttpResponse<String> get = api.get(PATH + "x");
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");
        HttpResponse<String> text = api.post(PATH + "x", "text/plain", "{}");
        assertThat(text.statusCode()).isEqualTo(415);
    }
}
