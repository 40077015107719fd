package com.platform.analytics.adapter.http;

import static com.platform.analytics.adapter.http.RunningApi.data;
import static org.assertj.core.api.Assertions.assertThat;

import com.platform.analytics.domain.analysis.funnel.FilterOperator;
import com.platform.analytics.domain.analysis.funnel.FunnelCount;
import com.platform.analytics.domain.analysis.funnel.FunnelQuery;
import com.platform.analytics.domain.analysis.funnel.FunnelResult;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.json.Json;
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

class FunnelsEndpointTest {
    private static final String PATH = HttpApiServer.BASE_PATH + "/analysis/funnels";
    private static final String BODY = """
            {"from":"2026-03-01","to":"2026-03-07","tz":"Europe/Moscow","window":"P7D",
             "steps":[{"event":"com.platform.user.login.v1","filters":[{"field":"data.platform","op":"eq","value":"pc"}]},
                      {"event":"com.platform.game.viewed.v1"}],
             "breakdown":"data.country"}""";
    private static final FakeFunnels FUNNELS = new FakeFunnels();
    private static RunningApi api;

    @BeforeAll
    static void startServer() {
        api = RunningApi.withRouteGroups(new FunnelsEndpoint(FUNNELS));
    }

    @AfterAll
    static void stopServer() {
        api.close();
    }

    @BeforeEach
    void resetFake() {
        FUNNELS.queries.clear();
        FUNNELS.onEventLoop.clear();
        FUNNELS.answer = q -> FunnelResult.of(q, List.of(
                new FunnelCount(null, 1, 4, 0.0, 0.0), new FunnelCount(null, 2, 1, 90.5, 90.5),
                new FunnelCount("RU", 1, 3, 0.0, 0.0), new FunnelCount("RU", 2, 1, 90.5, 90.5),
                new FunnelCount("", 1, 1, 0.0, 0.0)), "SELECT 'the funnel'");
    }

    @Test
    void aFunnelRequestReachesTheUseCaseOnAWorkerAndAnswersStepsAndBreakdown() throws Exception {
        HttpResponse<String> response = api.postJson(PATH, BODY);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        FunnelQuery q = FUNNELS.queries.get(0);
        assertThat(q.from()).isEqualTo(LocalDate.parse("2026-03-01"));
        assertThat(q.zone()).isEqualTo(ZoneId.of("Europe/Moscow"));
        assertThat(q.window()).isEqualTo(Duration.ofDays(7));
        assertThat(q.steps().get(0).filters().get(0).op()).isEqualTo(FilterOperator.EQ);
        assertThat(q.breakdown()).hasValue("data.country");
        assertThat(FUNNELS.onEventLoop).containsExactly(false);

        Map<String, Object> data = data(response);
        assertThat(data).doesNotContainKey("sql");
        assertThat(Json.write(data.get("steps"))).isEqualTo("[{\"event\":\"com.platform.user.login.v1\",\"users\":4,"
                + "\"conversionFromStart\":1,\"conversionFromPrevious\":1,\"medianSecondsFromStart\":0,\"meanSecondsFromStart\":0},"
                + "{\"event\":\"com.platform.game.viewed.v1\",\"users\":1,\"conversionFromStart\":0.25,"
                + "\"conversionFromPrevious\":0.25,\"medianSecondsFromStart\":90.5,\"meanSecondsFromStart\":90.5}]");
        List<?> breakdown = (List<?>) data.get("breakdown");
        assertThat(breakdown).hasSize(2);
        assertThat(Json.write(((Map<?, ?>) breakdown.get(0)).get("value"))).isEqualTo("\"RU\"");
        assertThat(Json.write(((Map<?, ?>) breakdown.get(1)).get("value"))).isEqualTo("null");
    }

    @Test
    void explainAddsTheSqlAndNoBreakdownMeansNoBreakdownField() throws Exception {
        String body = """
                {"from":"2026-03-01","to":"2026-03-01","steps":[{"event":"a.b"},{"event":"c.d","filters":[]}]}""";
        HttpResponse<String> response = api.postJson(PATH + "?explain=true", body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, Object> data = data(response);
        assertThat(data.get("sql")).isEqualTo("SELECT 'the funnel'");
        assertThat(data).doesNotContainKey("breakdown");
        assertThat(FUNNELS.queries.get(0).window()).isEqualTo(FunnelQuery.DEFAULT_WINDOW);
    }

    @Test
    void badInputIsA400NamingTheFieldAndNeverReachesTheUseCase() throws Exception {
        String badOp = BODY.replace("\"op\":\"eq\"", "\"op\":\"like\"");
        // a closed vocabulary is in the request schema: refused before the domain's parsing
        assertError(api.postJson(PATH, badOp), 400, ErrorCode.INVALID_REQUEST_BODY, "/steps/0/filters/0/op");
        assertError(api.postJson(PATH, BODY.replace("\"P7D\"", "\"P1M\"")), 400, ErrorCode.INVALID_QUERY_PARAMETERS, "/window");
        assertError(api.postJson(PATH, "{\"from\":"), 400, ErrorCode.INVALID_REQUEST_BODY, "");
        assertThat(FUNNELS.queries).isEmpty();
    }

    @Test
    void otherMethodsAndTypesAreRefusedAndUseCaseFailuresKeepTheSpecFormat() throws Exception {
        HttpResponse<String> get = api.get(PATH);
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");

        HttpResponse<String> text = api.post(PATH, "text/plain", BODY);
        assertThat(text.statusCode()).isEqualTo(415);

        FUNNELS.answer = q -> {
            throw new AnalyticsException(ErrorCode.STORAGE_UNAVAILABLE, "engine down: Code: 210");
        };
        HttpResponse<String> down = api.postJson(PATH, BODY);
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.body()).doesNotContain("Code: 210");
    }

    private static void assertError(HttpResponse<String> response, int status, ErrorCode code, String pointer) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        Map<?, ?> error = (Map<?, ?>) ((List<?>) Json.parseObject(response.body()).get("errors")).get(0);
        assertThat(error.get("code")).isEqualTo(code.name());
        assertThat(((Map<?, ?>) error.get("source")).get("pointer")).isEqualTo(pointer);
    }
}
