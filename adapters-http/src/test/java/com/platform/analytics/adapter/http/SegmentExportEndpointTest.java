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
import com.platform.analytics.port.in.SegmentRealIdExportUseCase;
import com.platform.analytics.port.out.OperationalMetrics;
import com.platform.analytics.port.out.Tracing;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class SegmentExportEndpointTest {
    private static final Map<String, Principal> TOKENS = Map.of(
            "admin", new Principal("u-admin", Set.of(Role.PLATFORM_ADMIN), Set.of(), Optional.empty()),
            "exporter", new Principal("u-crm", Set.of(Role.MARKETING_MANAGER), Set.of(Permission.EXPORT_REAL_USER_IDS),
                    Optional.empty()));
    private static final AuthenticationUseCase AUTH = authorization -> Optional.ofNullable(
            TOKENS.get(authorization.orElse("").replaceFirst("^Bearer ", "")))
            .orElseThrow(() -> new AnalyticsException(ErrorCode.UNAUTHENTICATED, "bad token"));

    /** Answers two members, one of them unknown to the vault, and records who asked why. */
    private static final class FakeExport implements SegmentRealIdExportUseCase {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public RealIdExport export(Principal caller, UUID segmentId, String purpose) {
            calls.add(caller.subject() + " " + segmentId + " " + purpose);
            return new RealIdExport(segmentId, Instant.parse("2026-11-26T10:00:00Z"), 2,
                    List.of(new RealIdPair("k1_aaa", "user-42")), List.of("k1_bbb"));
        }
    }

    private static RunningApi start(Optional<SegmentRealIdExportUseCase> export) {
        return RunningApi.start(new HttpApiServer(new HttpApiConfig("127.0.0.1", 0, 1 << 20), new FakeIngestEvents(),
                new FakeMetricQueries(), List.of(new SegmentExportEndpoint(export)), OperationalMetrics.NONE, Tracing.NONE, AUTH,
                new AccessPolicy()));
    }

    private static HttpResponse<String> post(RunningApi api, UUID id, String token, String body) throws Exception {
        return api.send(api.request(HttpApiServer.BASE_PATH + "/segments/" + id + "/export")
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void onlyTheDedicatedPermissionExportsAndTheAnswerIsNotCached() throws Exception {
        FakeExport export = new FakeExport();
        UUID id = UUID.randomUUID();
        try (RunningApi api = start(Optional.of(export))) {
            HttpResponse<String> denied = post(api, id, "admin", "{\"purpose\":\"newsletter\"}");
            assertThat(denied.statusCode()).as("not even a platform admin without the permission").isEqualTo(403);
            assertThat(denied.body()).contains("segments:export_real_ids");
            assertThat(export.calls).isEmpty();

            HttpResponse<String> ok = post(api, id, "exporter", "{\"purpose\":\"newsletter\"}");
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
            assertThat(ok.headers().firstValue("Cache-Control")).contains("no-store");
            Map<String, Object> data = (Map<String, Object>) Json.parseObject(ok.body()).get("data");
            assertThat(data).containsEntry("exported", 1L).containsEntry("missingCount", 1L);
            assertThat((List<Object>) data.get("users")).containsExactly(Map.of("pseudonym", "k1_aaa", "userId", "user-42"));
            assertThat(export.calls).containsExactly("u-crm " + id + " newsletter");

            assertThat(post(api, id, "exporter", "{}").statusCode()).as("purpose required").isEqualTo(400);
        }
    }

    @Test
    void withoutTheVaultTheRouteSaysItIsNotConfigured() throws Exception {
        try (RunningApi api = start(Optional.empty())) {
            HttpResponse<String> r = post(api, UUID.randomUUID(), "exporter", "{\"purpose\":\"newsletter\"}");
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.body()).contains("vault.enabled");
        }
    }
}
