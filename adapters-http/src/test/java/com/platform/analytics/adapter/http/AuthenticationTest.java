package com.platform.analytics.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.platform.analytics.domain.access.AccessPolicy;
import com.platform.analytics.domain.access.Permission;
import com.platform.analytics.domain.access.Principal;
import com.platform.analytics.domain.access.Role;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.json.Json;
import com.platform.analytics.port.in.AuthenticationUseCase;
import com.platform.analytics.port.out.OperationalMetrics;
import com.platform.analytics.port.out.Tracing;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every operation behind bearerAuth asks the authentication and the access policy before its handler runs, with the
 * permission the OpenAPI document names in x-permission; public ones (health, the document) never ask.
 */
class AuthenticationTest {
    private static final String BASE = HttpApiServer.BASE_PATH;
    private static final Map<String, Principal> TOKENS = Map.of(
            "admin", new Principal("u-admin", Set.of(Role.PLATFORM_ADMIN), Set.of(), Optional.empty()),
            "marketing", new Principal("u-mm", Set.of(Role.MARKETING_MANAGER), Set.of(), Optional.empty()),
            "service", new Principal("svc-store", Set.of(Role.SERVICE), Set.of(), Optional.empty()),
            "nobody", new Principal("u-none", Set.of(), Set.of(), Optional.empty()),
            "reader", new Principal("u-reader", Set.of(), Set.of(Permission.READ_METRICS), Optional.empty()));
    /** A stand-in for the JWT verifier: the token is a name in {@link #TOKENS}; anything else is refused. */
    private static final AuthenticationUseCase AUTH = authorization -> {
        String value = authorization.orElseThrow(() -> new AnalyticsException(ErrorCode.UNAUTHENTICATED, "no token"));
        Principal p = TOKENS.get(value.replaceFirst("^Bearer ", ""));
        if (p == null) {
            throw new AnalyticsException(ErrorCode.UNAUTHENTICATED, "bad signature");
        }
        return p;
    };
    private static final FakeIngestEvents INGEST = new FakeIngestEvents();
    private static final FakeFunnels FUNNELS = new FakeFunnels();
    private static RunningApi api;

    @BeforeAll
    static void start() {
        api = RunningApi.start(new HttpApiServer(new HttpApiConfig("127.0.0.1", 0, 1 << 20), INGEST, new FakeMetricQueries(),
                List.of(new FunnelsEndpoint(FUNNELS)), OperationalMetrics.NONE, Tracing.NONE, AUTH, new AccessPolicy()));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder b = api.request(path).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return api.send(b);
    }

    private static String code(HttpResponse<String> r) {
        return String.valueOf(((Map<?, ?>) ((List<?>) Json.parseObject(r.body()).get("errors")).get(0)).get("code"));
    }

    @Test
    void noTokenOrARefusedOneIs401InTheSpecFormatWithTheBearerChallenge() throws Exception {
        for (String token : new String[] {null, "forged"}) {
            HttpResponse<String> r = get(BASE + "/metrics/definitions", token);
            assertThat(r.statusCode()).as(String.valueOf(token)).isEqualTo(401);
            assertThat(code(r)).isEqualTo("UNAUTHENTICATED");
            assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"analytics\"");
            assertThat(r.headers().firstValue("X-Request-Id")).isPresent();
        }
    }

    @Test
    void aTokenWithoutTheOperationsPermissionIs403() throws Exception {
        HttpResponse<String> r = api.send(api.request(BASE + "/events").header("Authorization", "Bearer marketing")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("[]")));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(code(r)).isEqualTo("ACCESS_DENIED_TO_RESOURCE");
        assertThat(r.body()).contains("events:write");
        assertThat(INGEST.calls).as("the handler never ran").isEmpty();
        assertThat(get(BASE + "/metrics/definitions", "nobody").statusCode()).isEqualTo(403);
    }

    @Test
    void rolesAndPermissionsNamedOneByOneOpenTheirOperations() throws Exception {
        assertThat(get(BASE + "/metrics/definitions", "service").statusCode()).isEqualTo(200);
        assertThat(get(BASE + "/metrics/definitions", "reader").statusCode()).isEqualTo(200);
        assertThat(get(BASE + "/metrics/definitions", "admin").statusCode()).isEqualTo(200);
    }

    @Test
    void aBodySentWhileTheTokenIsVerifiedReachesTheHandlerWhole() throws Exception {
        String valid = "{\"from\":\"2026-03-01\",\"to\":\"2026-03-07\",\"steps\":[{\"event\":\"a\"},{\"event\":\"b\"}],"
                + "\"breakdown\":\"data.platform\"}";
        HttpResponse<String> r = api.send(api.request(BASE + "/analysis/funnels").header("Authorization", "Bearer marketing")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(valid)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(FUNNELS.queries).hasSize(1);
        assertThat(FUNNELS.queries.get(0).steps()).hasSize(2);
    }

    @Test
    void publicOperationsAndUnknownPathsNeedNoToken() throws Exception {
        assertThat(get(BASE + "/health", null).statusCode()).isEqualTo(200);
        assertThat(get(BASE + "/openapi.json", null).statusCode()).isEqualTo(200);
        assertThat(get("/health", null).statusCode()).isEqualTo(200);
        HttpResponse<String> unknown = get(BASE + "/nothing/here", null);
        assertThat(unknown.statusCode()).isEqualTo(404);
    }
}
