package com.platform.analytics.adapter.http;

import static com.platform.analytics.adapter.http.RunningApi.firstError;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One test per kind of rule of the request schemas in openapi.json: each refusal is a 400 INVALID_REQUEST_BODY whose
 * {@code source.pointer} names the member, and reaches no use case; the domain's own checks still run after it.
 */
class RequestSchemaValidationTest {
    private static final String BASE = HttpApiServer.BASE_PATH;
    private static final String FUNNEL = "{\"from\":\"2026-03-01\",\"to\":\"2026-03-07\",\"steps\":[{\"event\":\"a.b\"},{\"event\":\"c.d\"}]}";
    private static final FakeFunnels FUNNELS = new FakeFunnels();
    private static final FakeCohortRetention RETENTION = new FakeCohortRetention();
    private static final FakePaths PATHS = new FakePaths();
    private static final FakeSegments SEGMENTS = new FakeSegments();
    private static RunningApi api;

    @BeforeAll
    static void startServer() {
        api = RunningApi.withRouteGroups(new FunnelsEndpoint(FUNNELS), new CohortRetentionEndpoint(RETENTION),
                new PathsEndpoint(PATHS), new SegmentsEndpoint(SEGMENTS));
    }

    @AfterAll
    static void stopServer() {
        api.close();
    }

    @BeforeEach
    void reset() {
        FUNNELS.queries.clear();
        synchronized (SEGMENTS) {
            SEGMENTS.definitions.clear();
            SEGMENTS.calls.clear();
        }
    }

    @Test
    void aWrongTypeNamesTheMember() throws Exception {
        assertRefused(api.postJson(BASE + "/analysis/funnels", FUNNEL.replace("\"2026-03-01\"", "20260301")), "/from", "expects string");
    }

    @Test
    void aMissingRequiredMemberIsNamedItself() throws Exception {
        assertRefused(api.postJson(BASE + "/analysis/funnels", "{\"from\":\"2026-03-01\",\"to\":\"2026-03-07\"}"), "/steps", "'steps' is required");
    }

    @Test
    void anUnknownMemberIsNamed() throws Exception {
        assertRefused(api.postJson(BASE + "/analysis/funnels", FUNNEL.replace("{\"from\"", "{\"colour\":\"red\",\"from\"")),
                "/colour", "unknown member 'colour'");
    }

    @Test
    void aValueOutsideItsEnumerationListsTheAllowedOnes() throws Exception {
        assertRefused(api.postJson(BASE + "/analysis/retention", "{\"from\":\"2026-03-01\",\"to\":\"2026-03-07\",\"periods\":3,\"period\":\"year\"}"),
                "/period", "must be one of [\"day\",\"week\",\"month\"]");
    }

    @Test
    void tooFewOrTooManyItemsNameTheArray() throws Exception {
        assertRefused(api.postJson(BASE + "/analysis/funnels", FUNNEL.replace(",{\"event\":\"c.d\"}", "")), "/steps", "too few items");
        String many = "{\"event\":\"x.y\"}," .repeat(21);
        assertRefused(api.postJson(BASE + "/analysis/funnels", FUNNEL.replace("[{\"event\":\"a.b\"},", "[" + many)), "/steps", "too many items");
    }

    @Test
    void aNumberOutOfRangeNamesTheMember() throws Exception {
        assertRefused(api.postJson(BASE + "/analysis/paths",
                "{\"from\":\"2026-03-01\",\"to\":\"2026-03-07\",\"start\":\"x\",\"steps\":3,\"topN\":0}"), "/topN", "0");
    }

    @Test
    void aStringNotMatchingItsPatternNamesTheMember() throws Exception {
        assertRefused(api.postJson(BASE + "/analysis/funnels", FUNNEL.replace("\"2026-03-07\"", "\"07.03.2026\"")), "/to", "pattern");
        assertRefused(api.postJson(BASE + "/analysis/funnels", FUNNEL.replace("]}", "],\"breakdown\":\"country\"}")), "/breakdown", "pattern");
    }

    @Test
    void anItemOfAnArrayIsNamedByItsIndex() throws Exception {
        String id = UUID.randomUUID().toString();
        assertRefused(api.send("POST", BASE + "/segments/" + id + "/members", "{\"userIds\":[\"u1\",7]}"), "/userIds/1", "expects string");
    }

    @Test
    void recursiveConditionalSchemasReachTheNestedMember() throws Exception {
        String badOperator = "{\"name\":\"w\",\"criteria\":{\"type\":\"AND\",\"conditions\":[{\"type\":\"OR\",\"conditions\":["
                + "{\"field\":\"user.country\",\"operator\":\"~=\",\"value\":\"RU\"}]}]}}";
        assertRefused(api.send("POST", BASE + "/segments/definitions", badOperator), "/criteria/conditions/0/conditions/0/operator", "must be one of");
        String badGroup = "{\"name\":\"w\",\"criteria\":{\"type\":\"XOR\",\"conditions\":[{\"field\":\"user.country\",\"operator\":\"=\",\"value\":\"RU\"}]}}";
        assertRefused(api.send("POST", BASE + "/segments/definitions", badGroup), "/criteria/type", "must be one of");
        assertThat(SEGMENTS.definitions).isEmpty();
    }

    @Test
    void nullWhereTheSchemaAllowsItPassesAndTheDomainStillJudgesWhatTheSchemaCannot() throws Exception {
        HttpResponse<String> created = api.send("POST", BASE + "/segments/definitions", "{\"name\":\"beta\",\"type\":\"static\",\"displayNameEn\":null}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        // P1M is a string as the schema wants; a month has no fixed length, which the domain knows
        HttpResponse<String> month = api.postJson(BASE + "/analysis/funnels", FUNNEL.replace("]}", "],\"window\":\"P1M\"}"));
        assertThat(month.statusCode()).isEqualTo(400);
        assertThat(firstError(month)).containsEntry("code", "INVALID_QUERY_PARAMETERS").containsEntry("source", Map.of("pointer", "/window"));
        assertThat(String.valueOf(firstError(month).get("detail"))).contains("fixed length");
        assertThat(FUNNELS.queries).isEmpty();

        assertThat(api.postJson(BASE + "/analysis/funnels", FUNNEL).statusCode()).isEqualTo(200);
        assertThat(FUNNELS.queries).hasSize(1);
    }

    private static void assertRefused(HttpResponse<String> response, String pointer, String detailPart) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        Map<String, Object> error = firstError(response);
        assertThat(error).containsEntry("code", "INVALID_REQUEST_BODY").containsEntry("source", Map.of("pointer", pointer));
        assertThat(String.valueOf(error.get("detail"))).contains(pointer).contains(detailPart);
        assertThat(FUNNELS.queries).isEmpty();
        assertThat(RETENTION.queries).isEmpty();
        assertThat(PATHS.queries).isEmpty();
    }
}
