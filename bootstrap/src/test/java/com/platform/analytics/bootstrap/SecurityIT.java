package com.platform.analytics.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.platform.analytics.domain.json.Json;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Security end to end, through the built executable with {@code auth.mode: jwt} and a configured ES256 public key:
 * tokens signed here (plain JDK), two developers asking the same questions get disjoint answers about their own
 * games only, and nothing they can put in a query reaches the other's data; refused tokens are 401, missing
 * permissions 403, all in the spec's error format; and the logs hold none of the raw user ids sent.
 */
class SecurityIT {
    private static final String ISSUER = "https://id.platform.test/";
    private static final String AUDIENCE = "analytics-api";
    private static final String DEV_A = "0a000000-0000-4000-8000-00000000000a";
    private static final String DEV_B = "0b000000-0000-4000-8000-00000000000b";
    private static final String GAME_A1 = "a1000000-0000-4000-8000-0000000000a1";
    private static final String GAME_A2 = "a2000000-0000-4000-8000-0000000000a2";
    private static final String GAME_B1 = "b1000000-0000-4000-8000-0000000000b1";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    private KeyPair keys;
    private String base;

    @Test
    @SuppressWarnings("unchecked")
    void twoDevelopersSeeOnlyTheirOwnGamesAndRefusedCallersGetTheSpecsErrors() throws Exception {
        keys = ecKeys();
        Path publicKey = dir.resolve("idp.pem");
        Files.writeString(publicKey, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        Map<String, String> env = Map.of(
                "ANALYTICS_AUTH_MODE", "jwt",
                "ANALYTICS_AUTH_JWT_ISSUER", ISSUER,
                "ANALYTICS_AUTH_JWT_AUDIENCES", AUDIENCE,
                "ANALYTICS_AUTH_JWT_PUBLIC_KEY_FILE", publicKey.toString(),
                "ANALYTICS_LOGGING_ACCESS_LOG", "true");

        // who played what on 2026-03-02: u1-u3 dev A's A1, u3-u5 dev B's B1, u6 dev A's A2
        Map<String, List<String>> plays = new LinkedHashMap<>();
        plays.put(GAME_A1, List.of(user(1), user(2), user(3)));
        plays.put(GAME_B1, List.of(user(3), user(4), user(5)));
        plays.put(GAME_A2, List.of(user(6)));
        List<Map<String, Object>> events = new ArrayList<>();
        int minute = 0;
        for (Map.Entry<String, List<String>> game : plays.entrySet()) {
            String developer = game.getKey().startsWith("b") ? DEV_B : DEV_A;
            for (String u : game.getValue()) {
                Map<String, Object> session = Scenario.sessionEnded(u, "2026-03-02T10:%02d:00Z".formatted(minute++), 600);
                events.add(Scenario.withData(Scenario.withData(session, "gameId", game.getKey()), "developerId", developer));
            }
        }

        try (ServiceProcess service = ServiceProcess.start(dir.resolve("data"), env)) {
            base = service.baseUrl();
            String admin = token("u-admin", List.of("platform_admin"), List.of(), null, 0);
            String devA = token("acct-a", List.of("developer"), List.of(), DEV_A, 0);
            String devB = token("acct-b", List.of("developer"), List.of(), DEV_B, 0);
            String ingester = token("svc-library", List.of("service"), List.of(), null, 0);
            String marketing = token("u-mm", List.of("marketing_manager"), List.of(), null, 0);

            // ingestion needs events:write
            String batch = Json.write(events);
            assertThat(send("POST", "/events", marketing, batch).statusCode()).isEqualTo(403);
            HttpResponse<String> ingested = send("POST", "/events", ingester, batch);
            assertThat(ingested.statusCode()).as(ingested.body()).isEqualTo(200);

            // the same question, three callers: each developer counts only the players of their games
            String dau = "/metrics/values/dau?from=2026-03-02&to=2026-03-02&granularity=total";
            assertThat(total(send("GET", dau, admin, null))).isEqualTo(6);
            assertThat(total(send("GET", dau, devA, null))).isEqualTo(4);
            assertThat(total(send("GET", dau, devB, null))).isEqualTo(3);
            // a breakdown by game shows each developer their own games only
            assertThat(games(send("GET", dau + "&dimensions=gameId", devA, null))).containsExactlyInAnyOrder(GAME_A1, GAME_A2);
            assertThat(games(send("GET", dau + "&dimensions=gameId", devB, null))).containsExactly(GAME_B1);

            // nothing in a query reaches the other developer's data: 403, never an empty answer
            for (String filter : List.of("gameId:" + GAME_B1, "developerId:" + DEV_B, "gameId:no-such-game",
                    "gameId:" + GAME_A1 + "' OR '1'='1", "developerId:" + DEV_A + "' OR 1=1 --")) {
                HttpResponse<String> r = send("GET", dau + "&filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8), devA, null);
                assertThat(r.statusCode()).as(filter + ": " + r.body()).isEqualTo(403);
                assertThat(firstError(r)).containsEntry("code", "ACCESS_DENIED_TO_RESOURCE");
            }
            assertThat(total(send("GET", dau + "&filter=gameId:" + GAME_A1, devA, null))).isEqualTo(3);
            // a funnel that names the other's game in a filter is refused; its own breakdown holds only its own games
            String step = "{\"event\":\"com.platform.library.session.ended.v1\"%s}";
            String funnel = "{\"from\":\"2026-03-02\",\"to\":\"2026-03-02\",\"steps\":[" + step.formatted(
                    ",\"filters\":[{\"field\":\"data.gameId\",\"op\":\"eq\",\"value\":\"" + GAME_B1 + "\"}]") + ","
                    + step.formatted("") + "]}";
            assertThat(send("POST", "/analysis/funnels", devA, funnel).statusCode()).isEqualTo(403);
            String byGame = "{\"from\":\"2026-03-02\",\"to\":\"2026-03-02\",\"breakdown\":\"data.gameId\",\"steps\":["
                    + step.formatted("") + "," + step.formatted("") + "]}";
            HttpResponse<String> breakdown = send("POST", "/analysis/funnels?explain=true", devA, byGame);
            assertThat(breakdown.statusCode()).as(breakdown.body()).isEqualTo(200);
            assertThat(breakdown.body()).doesNotContain(GAME_B1).contains(GAME_A1).contains("developer_id = '" + DEV_A + "'");
            // a developer token whose developer id is SQL-shaped is a value: it matches nothing
            String hostile = token("acct-x", List.of("developer"), List.of(), "x' OR '1'='1", 0);
            assertThat(total(send("GET", dau, hostile, null))).isZero();
            // user lists are not aggregated statistics: developers get no segments
            assertThat(send("GET", "/segments/definitions", devA, null).statusCode()).isEqualTo(403);

            // refused tokens: 401 in the spec's format with the Bearer challenge
            KeyPair other = ecKeys();
            Map<String, String> refused = new LinkedHashMap<>();
            refused.put("no token", null);
            refused.put("expired", token("u-admin", List.of("platform_admin"), List.of(), null, -3600));
            refused.put("signed by another key", sign(other.getPrivate(), claims("u-admin", List.of("platform_admin"), null, 0, AUDIENCE)));
            refused.put("wrong audience", sign(keys.getPrivate(), claims("u-admin", List.of("platform_admin"), null, 0, "other-api")));
            refused.put("alg none", b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(claims("u-admin",
                    List.of("platform_admin"), null, 0, AUDIENCE)) + ".");
            refused.put("developer without developer id", token("acct", List.of("developer"), List.of(), null, 0));
            for (Map.Entry<String, String> r : refused.entrySet()) {
                HttpResponse<String> answer = send("GET", "/metrics/definitions", r.getValue(), null);
                assertThat(answer.statusCode()).as(r.getKey() + ": " + answer.body()).isEqualTo(401);
                assertThat(firstError(answer)).as(r.getKey()).containsEntry("code", "UNAUTHENTICATED");
                assertThat(answer.headers().firstValue("WWW-Authenticate")).as(r.getKey()).isPresent();
            }
            // public: health and the OpenAPI document
            assertThat(send("GET", "/health", null, null).statusCode()).isEqualTo(200);
            assertThat(send("GET", "/openapi.json", null, null).statusCode()).isEqualTo(200);

            // gRPC, the same tokens in the metadata: the developer's scope holds there too; health needs no token
            assertThat(grpcDau(service.grpcPort(), devA)).isEqualTo(4);
            assertThat(grpcDau(service.grpcPort(), devB)).isEqualTo(3);
            io.grpc.ManagedChannel channel = io.grpc.ManagedChannelBuilder.forAddress("127.0.0.1", service.grpcPort()).usePlaintext().build();
            try {
                assertThat(io.grpc.health.v1.HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, java.util.concurrent.TimeUnit.SECONDS)
                        .check(io.grpc.health.v1.HealthCheckRequest.getDefaultInstance()).getStatus())
                        .isEqualTo(io.grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING);
                io.grpc.StatusRuntimeException forged = org.assertj.core.api.Assertions.catchThrowableOfType(
                        io.grpc.StatusRuntimeException.class, () -> grpcDau(service.grpcPort(), "forged"));
                assertThat(forged.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.UNAUTHENTICATED);
            } finally {
                channel.shutdownNow();
            }

            // the management port: ready, and the spec's metrics counted what was just asked
            String management = service.managementUrl();
            assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(management + "/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(management + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).contains("http_requests_total{", "http_request_duration_seconds_bucket{", "api_errors_total{",
                    "grpc_requests_total{", "analytics_events_ingested_total{", "jvm_memory_used_bytes");
            assertThat(metrics).containsPattern("api_errors_total\\{code=\"UNAUTHENTICATED\"\\} [1-9]");
            // exactly the 7 events accepted over HTTP (7 or 7.0 at the end of the line, not 70)
            assertThat(metrics).containsPattern("(?m)^analytics_events_ingested_total\\{channel=\"http\",outcome=\"accepted\"\\} 7(\\.0)?$");
            assertThat(metrics).contains("data_mart_last_update_timestamp_gauge{mart_name=\"daily_user_activity\"}");

            // the logs name none of the users sent (spec 9.3): ids are pseudonymized before anything is written
            Set<String> raw = new HashSet<>();
            plays.values().forEach(raw::addAll);
            String output = String.join("\n", service.output());
            for (String u : raw) {
                assertThat(output).as("the service's output").doesNotContain(u);
            }
        }
    }

    /** DAU on 2026-03-02 over gRPC with {@code token}, summed over the series. */
    private static long grpcDau(int port, String token) throws Exception {
        io.grpc.ManagedChannel channel = io.grpc.ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        try {
            io.grpc.Metadata headers = new io.grpc.Metadata();
            headers.put(io.grpc.Metadata.Key.of("authorization", io.grpc.Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
            com.platform.analytics.adapter.grpc.v1.GetMetricValuesResponse r = com.platform.analytics.adapter.grpc.v1.MetricsServiceGrpc
                    .newBlockingStub(channel)
                    .withInterceptors(io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(headers))
                    .withDeadlineAfter(30, java.util.concurrent.TimeUnit.SECONDS)
                    .getMetricValues(com.platform.analytics.adapter.grpc.v1.GetMetricValuesRequest.newBuilder().setMetricName("dau")
                            .setFrom("2026-03-02").setTo("2026-03-02").setGranularity("total").build());
            long sum = 0;
            for (com.platform.analytics.adapter.grpc.v1.MetricSeries series : r.getSeriesList()) {
                for (com.platform.analytics.adapter.grpc.v1.MetricPoint p : series.getPointsList()) {
                    sum += p.hasValue() ? new BigDecimal(p.getValue()).longValueExact() : 0;
                }
            }
            return sum;
        } finally {
            channel.shutdownNow();
        }
    }

    private static String user(int i) {
        return "5ec0%04d-0000-4000-8000-000000000000".formatted(i);
    }

    private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(2))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @SuppressWarnings("unchecked")
    private static long total(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<Object> series = (List<Object>) ((Map<String, Object>) Json.parseObject(r.body()).get("data")).get("series");
        long sum = 0;
        for (Object s : series) {
            for (Object point : (List<Object>) ((Map<String, Object>) s).get("points")) {
                Object v = ((Map<String, Object>) point).get("value");
                sum += v == null ? 0 : new BigDecimal(v.toString()).longValueExact();
            }
        }
        return sum;
    }

    @SuppressWarnings("unchecked")
    private static Set<String> games(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Set<String> games = new TreeSet<>();
        for (Object s : (List<Object>) ((Map<String, Object>) Json.parseObject(r.body()).get("data")).get("series")) {
            games.add(String.valueOf(((Map<String, Object>) ((Map<String, Object>) s).get("dimensions")).get("gameId")));
        }
        return games;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> firstError(HttpResponse<String> r) {
        return (Map<String, Object>) ((List<Object>) Json.parseObject(r.body()).get("errors")).get(0);
    }

    private static KeyPair ecKeys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private String token(String subject, List<String> roles, List<String> permissions, String developer, long expiresShift)
            throws Exception {
        Map<String, Object> c = Json.parseObject(claims(subject, roles, developer, expiresShift, AUDIENCE));
        if (!permissions.isEmpty()) {
            c.put("permissions", permissions);
        }
        return sign(keys.getPrivate(), Json.write(c));
    }

    private static String claims(String subject, List<String> roles, String developer, long expiresShift, String audience) {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("iss", ISSUER);
        c.put("aud", audience);
        c.put("sub", subject);
        c.put("iat", now);
        c.put("exp", now + 600 + expiresShift);
        c.put("roles", roles);
        if (developer != null) {
            c.put("developer_id", developer);
        }
        return Json.write(c);
    }

    private static String sign(PrivateKey key, String claims) throws Exception {
        String input = b64("{\"alg\":\"ES256\",\"typ\":\"JWT\"}") + "." + b64(claims);
        Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
        s.initSign(key);
        s.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(s.sign());
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
