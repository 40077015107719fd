package com.platform.analytics.adapter.http;

import static com.platform.analytics.adapter.http.RunningApi.data;
import static com.platform.analytics.adapter.http.RunningApi.firstError;
import static com.platform.analytics.adapter.http.RunningApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.platform.analytics.domain.access.AccessPolicy;
import com.platform.analytics.domain.access.Permission;
import com.platform.analytics.domain.access.Principal;
import com.platform.analytics.domain.access.Role;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.json.Json;
import com.platform.analytics.domain.ml.ModelFormat;
import com.platform.analytics.domain.ml.ModelStage;
import com.platform.analytics.port.in.AuthenticationUseCase;
import com.platform.analytics.port.out.OperationalMetrics;
import com.platform.analytics.port.out.Tracing;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The model registry and predictions over a running server with authentication and the OpenAPI contract active,
 * over hand-written fakes of the use cases.
 */
class PredictionsEndpointTest {
    private static final String BASE = HttpApiServer.BASE_PATH + "/predictions";
    private static final long UPLOAD_LIMIT = 64 * 1024;
    private static final String BOUNDARY = "mlapi-boundary-7d1f";
    private static final Map<String, Principal> TOKENS = Map.of(
            "admin", new Principal("u-admin", Set.of(Role.PLATFORM_ADMIN), Set.of(), Optional.empty()),
            "service", new Principal("svc-shop", Set.of(Role.SERVICE), Set.of(), Optional.empty()),
            "developer", new Principal("u-dev", Set.of(Role.DEVELOPER), Set.of(), Optional.of("dev-1")),
            "marketing", new Principal("u-mm", Set.of(Role.MARKETING_MANAGER), Set.of(), Optional.empty()),
            "modeller", new Principal("u-ml", Set.of(), Set.of(Permission.MANAGE_MODELS), Optional.empty()));
    private static final AuthenticationUseCase AUTHENTICATION = authorization -> {
        String value = authorization.orElseThrow(() -> new AnalyticsException(ErrorCode.UNAUTHENTICATED, "no token"));
        Principal p = TOKENS.get(value.replaceFirst("^Bearer ", ""));
        if (p == null) {
            throw new AnalyticsException(ErrorCode.UNAUTHENTICATED, "unknown token");
        }
        return p;
    };
    private static FakeModelRegistry registry;
    private static FakePredictions predictions;
    private static Path uploads;
    private static RunningApi api;

    @BeforeAll
    static void startServer() throws Exception {
        registry = new FakeModelRegistry();
        predictions = new FakePredictions(registry);
        uploads = Files.createTempDirectory("mlapi-uploads");
        api = RunningApi.start(new HttpApiServer(new HttpApiConfig("127.0.0.1", 0, 1024, 16 * 1024), new FakeIngestEvents(),
                new FakeMetricQueries(), List.of(new PredictionsEndpoint(registry, predictions, uploads, UPLOAD_LIMIT)),
                OperationalMetrics.NONE, Tracing.NONE, AUTHENTICATION, new AccessPolicy()));
    }

    @AfterAll
    static void stopServer() throws Exception {
        api.close();
        try (Stream<Path> files = Files.walk(uploads)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @BeforeEach
    void reset() {
        synchronized (registry) {
            registry.versions.clear();
            registry.changes.clear();
            registry.registrations.clear();
            registry.actors.clear();
        }
    }

    // ---- requests

    private static HttpResponse<String> as(String token, String method, String path, String json) throws Exception {
        HttpRequest.Builder b = api.request(path).method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return api.send(b);
    }

    private static HttpResponse<String> upload(String token, byte[] multipart) throws Exception {
        HttpRequest.Builder b = api.request(BASE + "/models").POST(HttpRequest.BodyPublishers.ofByteArray(multipart))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return api.send(b);
    }

    /** A multipart body: each part a name, a file name (null for a form field) and bytes. */
    private static byte[] multipart(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < parts.length; i += 3) {
            String name = (String) parts[i];
            String fileName = (String) parts[i + 1];
            byte[] content = parts[i + 2] instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : (byte[]) parts[i + 2];
            StringBuilder head = new StringBuilder("--").append(BOUNDARY).append("\r\n")
                    .append("Content-Disposition: form-data; name=\"").append(name).append('"');
            if (fileName != null) {
                head.append("; filename=\"").append(fileName).append('"');
            }
            head.append("\r\nContent-Type: ").append(fileName == null || name.equals("metadata") ? "application/json"
                    : "application/octet-stream").append("\r\n\r\n");
            out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
            out.writeBytes(content);
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static final byte[] ONNX = {0x08, 0x07, 0x12, 0x04, 't', 'e', 's', 't', 0x00, (byte) 0xff, '\r', '\n', '-', '-'};
    private static final String CHURN_METADATA = "{\"name\":\"churn\",\"version\":\"%s\",\"algorithm\":\"logistic_regression\","
            + "\"descriptionEn\":\"Churn in 14 days\",\"hyperparameters\":{\"epochs\":5,\"l2\":0.01},"
            + "\"performanceMetrics\":{\"auc\":0.81},\"trainingDatasetRef\":\"features/2026-03-01\","
            + "\"trainedAt\":\"2026-03-01T10:00:00Z\",\"signature\":{\"inputs\":[{\"name\":\"features\",\"type\":\"float\","
            + "\"features\":[\"recency_days\",\"sessions_7d\"]}],\"outputs\":[{\"name\":\"probabilities\",\"type\":\"float\","
            + "\"labels\":[\"retained\",\"churned\"]}]}}";

    private static Map<String, Object> register(String version) throws Exception {
        HttpResponse<String> created = upload("admin", multipart("artifact", "model.onnx", ONNX,
                "metadata", null, CHURN_METADATA.formatted(version)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return data(created);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(HttpResponse<String> response) {
        return (List<Map<String, Object>>) json(response).get("data");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private static void assertError(HttpResponse<String> response, int status, String code, String pointer) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(firstError(response)).containsEntry("code", code);
        if (pointer != null) {
            assertThat(map(firstError(response).get("source"))).as(response.body()).containsEntry("pointer", pointer);
        }
    }

    private static void assertUploadsDeleted() throws Exception {
        // deleted once the response ended, asynchronously
        long deadline = System.currentTimeMillis() + 5000;
        while (true) {
            try (Stream<Path> files = Files.list(uploads)) {
                List<Path> left = files.toList();
                if (left.isEmpty() || System.currentTimeMillis() > deadline) {
                    assertThat(left).as("spooled uploads left behind").isEmpty();
                    return;
                }
            }
            Thread.sleep(20);
        }
    }

    // ---- the life cycle

    @Test
    void aRegisteredModelIsListedPromotedPredictedAndRolledBack() throws Exception {
        Map<String, Object> v1 = register("1.0.0");
        assertThat(v1).containsEntry("name", "churn").containsEntry("version", "1.0.0").containsEntry("format", "onnx")
                .containsEntry("stage", "development").containsEntry("algorithm", "logistic_regression")
                .containsEntry("descriptionEn", "Churn in 14 days").containsEntry("descriptionRu", Json.NULL)
                .containsEntry("trainingDatasetRef", "features/2026-03-01").containsEntry("registeredBy", "u-admin")
                .containsEntry("trainedAt", "2026-03-01T10:00:00Z")
                .containsEntry("artifactPath", "ml_models/model_name=churn/version=1.0.0/model.onnx")
                .containsKeys("id", "createdAt", "updatedAt");
        assertThat(Json.write(v1.get("inputSchema"))).isEqualTo(
                "[{\"name\":\"features\",\"type\":\"float\",\"features\":[\"recency_days\",\"sessions_7d\"]}]");
        assertThat(Json.write(v1.get("outputSchema"))).isEqualTo(
                "[{\"name\":\"probabilities\",\"type\":\"float\",\"labels\":[\"retained\",\"churned\"]}]");
        assertThat(map(v1.get("hyperparameters"))).containsOnlyKeys("epochs", "l2");
        assertThat(((Number) map(v1.get("hyperparameters")).get("l2")).doubleValue()).isEqualTo(0.01);
        assertThat(map(v1.get("performanceMetrics"))).containsOnlyKeys("auc");
        // the bytes arrived as sent, binary and boundary-like bytes included
        assertThat(registry.registrations.get(0).artifact()).isEqualTo(ONNX);
        assertThat(registry.registrations.get(0).format()).isEqualTo(ModelFormat.ONNX);
        assertThat(registry.registrations.get(0).trainedAt()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
        // metadata as a file part (curl -F metadata=@meta.json) is read as well
        HttpResponse<String> second = upload("modeller", multipart("artifact", "model.onnx", ONNX,
                "metadata", "meta.json", CHURN_METADATA.formatted("1.1.0")));
        assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
        Map<String, Object> v2 = data(second);
        assertThat(second.headers().firstValue("Location")).hasValue(BASE + "/models/" + v2.get("id"));
        assertUploadsDeleted();

        HttpResponse<String> all = as("service", "GET", BASE + "/models", null);
        assertThat(all.statusCode()).as(all.body()).isEqualTo(200);
        assertThat(list(all)).extracting(m -> m.get("version")).containsExactly("1.1.0", "1.0.0");
        assertThat(all.headers().firstValue("ETag")).isPresent();
        HttpResponse<String> page = as("service", "GET", BASE + "/models?name=churn&stage=development&page%5Bsize%5D=1", null);
        assertThat(list(page)).extracting(m -> m.get("version")).containsExactly("1.1.0");
        String next = (String) map(json(page).get("links")).get("next");
        assertThat(next).contains("name=churn").contains("stage=development");
        assertThat(list(as("service", "GET", next, null))).extracting(m -> m.get("version")).containsExactly("1.0.0");
        assertError(as("service", "GET", BASE + "/models/churn", null), 404, "ML_MODEL_NOT_FOUND", null);

        HttpResponse<String> promoted = as("admin", "POST", BASE + "/models/" + v1.get("id") + "/stage",
                "{\"stage\":\"production\",\"reason\":\"beats the baseline\"}");
        assertThat(promoted.statusCode()).as(promoted.body()).isEqualTo(200);
        assertThat(data(promoted)).containsEntry("stage", "production");
        assertThat(data(as("service", "GET", BASE + "/models/churn", null))).containsEntry("id", v1.get("id"));
        assertThat(data(as("service", "GET", BASE + "/models/" + v2.get("id"), null))).containsEntry("version", "1.1.0");

        String instances = "{\"instances\":[{\"recency_days\":3,\"sessions_7d\":2.5},{\"recency_days\":40,\"sessions_7d\":0}]}";
        HttpResponse<String> predicted = as("service", "POST", BASE + "/churn/predict", instances);
        assertThat(predicted.statusCode()).as(predicted.body()).isEqualTo(200);
        assertThat(Json.write(data(predicted).get("model"))).isEqualTo("{\"id\":\"" + v1.get("id")
                + "\",\"name\":\"churn\",\"version\":\"1.0.0\"}");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> scores = (List<Map<String, Object>>) data(predicted).get("predictions");
        assertThat(scores).extracting(p -> ((Number) p.get("score")).doubleValue()).containsExactly(5.5, 40.0);
        assertThat(Json.write(scores.get(0).get("probabilities"))).contains("\"churned\":0.25");
        assertThat(predictions.threads).noneMatch(t -> t.contains("eventloop"));

        as("admin", "POST", BASE + "/models/" + v2.get("id") + "/stage", "{\"stage\":\"staging\"}");
        as("admin", "POST", BASE + "/models/" + v2.get("id") + "/stage", "{\"stage\":\"production\"}");
        assertThat(data(as("service", "POST", BASE + "/churn/predict", instances)).get("model")).asString().contains("1.1.0");
        // by id, a version that is not in production is served too
        assertThat(map(data(as("service", "POST", BASE + "/" + v1.get("id") + "/predict", instances)).get("model")))
                .containsEntry("version", "1.0.0");

        HttpResponse<String> rolledBack = as("modeller", "POST", BASE + "/models/churn/rollback", "{\"reason\":\"drift\"}");
        assertThat(rolledBack.statusCode()).as(rolledBack.body()).isEqualTo(200);
        assertThat(data(rolledBack)).containsEntry("version", "1.0.0").containsEntry("stage", "production");
        assertThat(map(data(as("service", "POST", BASE + "/churn/predict", instances)).get("model"))).containsEntry("version", "1.0.0");

        HttpResponse<String> history = as("service", "GET", BASE + "/models/churn/history", null);
        assertThat(history.statusCode()).as(history.body()).isEqualTo(200);
        assertThat(list(history)).extracting(c -> c.get("version") + ":" + (c.get("from") == Json.NULL ? "null" : c.get("from")) + "->" + c.get("to")).containsExactly(
                "1.0.0:null->development", "1.1.0:null->development", "1.0.0:development->production",
                "1.1.0:development->staging", "1.0.0:production->archived", "1.1.0:staging->production",
                "1.1.0:production->archived", "1.0.0:archived->production");
        assertThat(list(history).get(0)).containsEntry("from", Json.NULL);
        assertThat(list(history).get(2)).containsEntry("actor", "u-admin").containsEntry("reason", "beats the baseline")
                .containsEntry("modelName", "churn").containsKeys("modelId", "at");
        assertThat(list(history).get(7)).containsEntry("actor", "u-ml").containsEntry("reason", "drift");
        assertError(as("service", "GET", BASE + "/models/nosuch/history", null), 404, "ML_MODEL_NOT_FOUND", null);
        assertError(as("admin", "POST", BASE + "/models/nosuch/rollback", "{}"), 404, "ML_MODEL_NOT_FOUND", null);
    }

    @Test
    void theListIsFilteredAndItsParametersChecked() throws Exception {
        register("1");
        assertThat(list(as("admin", "GET", BASE + "/models?stage=production", null))).isEmpty();
        assertThat(list(as("admin", "GET", BASE + "/models?name=other", null))).isEmpty();
        assertThat(list(as("admin", "GET", BASE + "/models?stage=development", null))).hasSize(1);
        assertError(as("admin", "GET", BASE + "/models?stage=live", null), 400, "INVALID_QUERY_PARAMETERS", null);
        assertThat(map(firstError(as("admin", "GET", BASE + "/models?stage=live", null)).get("source"))).containsEntry("parameter", "stage");
        assertError(as("admin", "GET", BASE + "/models?name=Bad%20Name", null), 400, "INVALID_QUERY_PARAMETERS", null);
        assertError(as("admin", "GET", BASE + "/models?sort=name", null), 400, "INVALID_QUERY_PARAMETERS", null);
        assertError(as("admin", "GET", BASE + "/models?name=a&name=b", null), 400, "INVALID_QUERY_PARAMETERS", null);
        // a cursor of one filter is not one of another
        assertThat(map(json(as("admin", "GET", BASE + "/models?stage=development&page%5Bsize%5D=1", null))
                .get("links")).get("next")).isEqualTo(Json.NULL);
        register("2");
        String next = (String) map(json(as("admin", "GET", BASE + "/models?stage=development&page%5Bsize%5D=1", null)).get("links")).get("next");
        assertError(as("admin", "GET", next.replace("stage=development", "stage=staging"), null), 400, "INVALID_QUERY_PARAMETERS", null);
    }

    // ---- registration refused

    @Test
    void aBrokenRegistrationIsRefusedNamingThePartOrField() throws Exception {
        String meta = CHURN_METADATA.formatted("1");
        assertError(upload("admin", multipart("metadata", null, meta)), 400, "INVALID_REQUEST_BODY", "/artifact");
        assertError(upload("admin", multipart("artifact", "m.onnx", ONNX)), 400, "INVALID_REQUEST_BODY", "/metadata");
        assertError(upload("admin", multipart("artifact", null, "not a file", "metadata", null, meta)), 400,
                "INVALID_REQUEST_BODY", "/artifact");
        assertError(upload("admin", multipart("artifact", "m.onnx", new byte[0], "metadata", null, meta)), 400,
                "INVALID_REQUEST_BODY", "/artifact");
        assertError(upload("admin", multipart("artifact", "m.onnx", ONNX, "artifact", "n.onnx", ONNX, "metadata", null, meta)),
                400, "INVALID_REQUEST_BODY", "/artifact");
        assertError(upload("admin", multipart("artifact", "m.onnx", ONNX, "metadata", null, meta, "metadata", "m.json", meta)),
                400, "INVALID_REQUEST_BODY", "/metadata");
        assertError(upload("admin", multipart("artifact", "m.onnx", ONNX, "metadata", null, meta, "notes", null, "hi")),
                400, "INVALID_REQUEST_BODY", "/notes");
        assertError(upload("admin", multipart("artifact", "m.onnx", ONNX, "readme", "r.txt", "hi", "metadata", null, meta)),
                400, "INVALID_REQUEST_BODY", "/readme");
        assertError(upload("admin", multipart("artifact", "m.onnx", ONNX, "metadata", null, "{\"name\":")),
                400, "INVALID_REQUEST_BODY", "/metadata");
        assertError(upload("admin", multipart("artifact", "m.onnx", ONNX, "metadata", null, "[1]")),
                400, "INVALID_REQUEST_BODY", "/metadata");
        Map<String, String> badFields = Map.of(
                "{\"version\":\"1\"}", "/metadata/name",
                "{\"name\":\"Churn Model\",\"version\":\"1\"}", "/metadata/name",
                "{\"name\":\"churn\"}", "/metadata/version",
                "{\"name\":\"churn\",\"version\":\"1/../2\"}", "/metadata/version",
                "{\"name\":\"churn\",\"version\":\"1\",\"format\":\"pickle\"}", "/metadata/format",
                "{\"name\":\"churn\",\"version\":\"1\",\"trainedAt\":\"yesterday\"}", "/metadata/trainedAt",
                "{\"name\":\"churn\",\"version\":\"1\",\"hyperparameters\":[1]}", "/metadata/hyperparameters",
                "{\"name\":\"churn\",\"version\":\"1\",\"descriptionEn\":5}", "/metadata/descriptionEn",
                "{\"name\":\"churn\",\"version\":\"1\",\"colour\":\"red\"}", "/metadata/colour",
                "{\"name\":\"churn\",\"version\":\"1\",\"signature\":{\"inputs\":[{\"name\":\"x\",\"type\":\"complex\",\"features\":[\"a\"]}]}}",
                "/metadata/signature");
        for (Map.Entry<String, String> bad : badFields.entrySet()) {
            HttpResponse<String> refused = upload("admin", multipart("artifact", "m.onnx", ONNX, "metadata", null, bad.getKey()));
            assertError(refused, 400, "INVALID_REQUEST_BODY", bad.getValue());
        }
        assertError(upload("admin", multipart("artifact", "m.onnx", ONNX, "metadata", null,
                "{\"name\":\"churn\",\"version\":\"1\",\"signature\":{\"outputs\":[]}}")), 400, "INVALID_REQUEST_BODY",
                "/metadata/signature/inputs");
        assertThat(registry.registrations).isEmpty();
        assertUploadsDeleted();

        // the defaults: format onnx, no signature (the artifact's own), empty maps
        HttpResponse<String> minimal = upload("admin", multipart("artifact", "m.onnx", ONNX, "metadata", null,
                "{\"name\":\"byo\",\"version\":\"2026.03.01\"}"));
        assertThat(minimal.statusCode()).as(minimal.body()).isEqualTo(201);
        assertThat(registry.registrations.get(0).signature()).isNull();
        assertThat(registry.registrations.get(0).format()).isEqualTo(ModelFormat.ONNX);
        assertThat(data(minimal)).containsEntry("trainedAt", Json.NULL);
    }

    @Test
    void aRegistrationIsMultipartOnly() throws Exception {
        HttpResponse<String> json = as("admin", "POST", BASE + "/models", "{\"name\":\"churn\",\"version\":\"1\"}");
        assertError(json, 415, "UNSUPPORTED_MEDIA_TYPE", null);
        assertThat(firstError(json).get("detail")).asString().contains("multipart/form-data");
    }

    @Test
    void anUploadAboveTheLimitIsRefusedWhetherItsLengthIsDeclaredOrNot() throws Exception {
        byte[] big = new byte[(int) UPLOAD_LIMIT + 1];
        byte[] body = multipart("artifact", "big.onnx", big, "metadata", null, CHURN_METADATA.formatted("1"));
        HttpResponse<String> declared = upload("admin", body);
        assertError(declared, 413, "PAYLOAD_TOO_LARGE", null);
        assertThat(firstError(declared).get("detail")).asString().contains(Long.toString(UPLOAD_LIMIT));

        // chunked: no Content-Length, so the body handler counts as it reads
        HttpResponse<String> chunked = api.send(api.request(BASE + "/models")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .header("Authorization", "Bearer admin"));
        assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(413);
        assertThat(firstError(chunked)).containsEntry("code", "PAYLOAD_TOO_LARGE");
        assertThat(registry.registrations).isEmpty();
        assertUploadsDeleted();

        // above the server's JSON limit (16 KiB here) but within the upload limit: accepted
        byte[] model = new byte[40 * 1024];
        model[0] = 8;
        HttpResponse<String> accepted = upload("admin", multipart("artifact", "m.onnx", model, "metadata", null,
                CHURN_METADATA.formatted("1")));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(201);
        assertThat(registry.registrations.get(0).artifact()).isEqualTo(model);
        assertUploadsDeleted();
    }

    // ---- stage changes and predictions refused

    @Test
    void aStageChangeNamesWhatIsWrong() throws Exception {
        String id = (String) register("1").get("id");
        assertError(as("admin", "POST", BASE + "/models/churn/stage", "{\"stage\":\"production\"}"), 404, "ML_MODEL_NOT_FOUND", null);
        assertError(as("admin", "POST", BASE + "/models/" + java.util.UUID.randomUUID() + "/stage", "{\"stage\":\"staging\"}"),
                404, "ML_MODEL_NOT_FOUND", null);
        assertError(as("admin", "POST", BASE + "/models/" + id + "/stage", "{\"stage\":\"live\"}"), 400, "INVALID_REQUEST_BODY", "/stage");
        assertError(as("admin", "POST", BASE + "/models/" + id + "/stage", "{}"), 400, "INVALID_REQUEST_BODY", "/stage");
        assertError(as("admin", "POST", BASE + "/models/" + id + "/stage", "{\"stage\":\"staging\",\"force\":true}"), 400,
                "INVALID_REQUEST_BODY", "/force");
        assertError(as("admin", "POST", BASE + "/models/" + id + "/stage", "{\"stage\":\"staging\",\"reason\":7}"), 400,
                "INVALID_REQUEST_BODY", "/reason");
        assertError(as("admin", "POST", BASE + "/models/" + id + "/stage", "not json"), 400, "INVALID_REQUEST_BODY", null);
        assertError(as("admin", "POST", BASE + "/models/churn/rollback", "{\"why\":\"x\"}"), 400, "INVALID_REQUEST_BODY", "/why");
        assertThat(registry.versions.get(0).stage()).isEqualTo(ModelStage.DEVELOPMENT);
    }

    @Test
    void aPredictionNamesTheFeatureAtFaultAndTheModelsFailure() throws Exception {
        String id = (String) register("1").get("id");
        as("admin", "POST", BASE + "/models/" + id + "/stage", "{\"stage\":\"production\"}");

        assertError(as("service", "POST", BASE + "/nosuch/predict", "{\"instances\":[{\"x\":1}]}"), 404, "ML_MODEL_NOT_FOUND", null);
        assertError(as("service", "POST", BASE + "/churn/predict", "{\"instances\":[{\"recency_days\":1}]}"), 400,
                "INVALID_REQUEST_BODY", "/instances/0/sessions_7d");
        assertError(as("service", "POST", BASE + "/churn/predict",
                "{\"instances\":[{\"recency_days\":1,\"sessions_7d\":1},{\"recency_days\":1,\"sessions_7d\":1,\"age\":3}]}"), 400,
                "INVALID_REQUEST_BODY", "/instances/1/age");
        assertError(as("service", "POST", BASE + "/churn/predict", "{\"instances\":[{\"recency_days\":\"x\",\"sessions_7d\":1}]}"),
                400, "INVALID_REQUEST_BODY", "/instances/0/recency_days");
        // the contract's schema first: no instances, an empty batch, a member that is not one
        assertError(as("service", "POST", BASE + "/churn/predict", "{}"), 400, "INVALID_REQUEST_BODY", "/instances");
        assertError(as("service", "POST", BASE + "/churn/predict", "{\"instances\":[]}"), 400, "INVALID_REQUEST_BODY", "/instances");
        assertError(as("service", "POST", BASE + "/churn/predict", "{\"instances\":[{}],\"explain\":true}"), 400,
                "INVALID_REQUEST_BODY", "/explain");
        assertError(as("service", "POST", BASE + "/churn/predict", "{\"instances\":[[1,2]]}"), 400, "INVALID_REQUEST_BODY", "/instances/0");
        HttpResponse<String> text = api.send(api.request(BASE + "/churn/predict").POST(HttpRequest.BodyPublishers.ofString("x"))
                .header("Content-Type", "text/plain").header("Authorization", "Bearer service"));
        assertError(text, 415, "UNSUPPORTED_MEDIA_TYPE", null);

        HttpResponse<String> broken = upload("admin", multipart("artifact", "m.onnx", ONNX, "metadata", null,
                "{\"name\":\"fragile\",\"version\":\"1\",\"algorithm\":\"broken\"}"));
        HttpResponse<String> failed = as("service", "POST", BASE + "/" + data(broken).get("id") + "/predict",
                "{\"instances\":[{\"input_0\":1}]}");
        assertError(failed, 500, "PREDICTION_FAILED", null);
        assertThat(firstError(failed).get("detail")).asString().doesNotContain("tensor shape");
    }

    // ---- access and methods

    @Test
    void readingAndPredictingNeedPredictionsRunAndChangingNeedsModelsWrite() throws Exception {
        String id = (String) register("1").get("id");
        String predict = "{\"instances\":[{\"recency_days\":1,\"sessions_7d\":1}]}";
        byte[] registration = multipart("artifact", "m.onnx", ONNX, "metadata", null, CHURN_METADATA.formatted("2"));

        for (String token : new String[] {null, "forged"}) {
            assertError(as(token, "GET", BASE + "/models", null), 401, "UNAUTHENTICATED", null);
            assertError(as(token, "POST", BASE + "/" + id + "/predict", predict), 401, "UNAUTHENTICATED", null);
            assertError(upload(token, registration), 401, "UNAUTHENTICATED", null);
        }
        for (String token : new String[] {"developer", "marketing", "modeller"}) {
            assertError(as(token, "GET", BASE + "/models", null), 403, "ACCESS_DENIED_TO_RESOURCE", null);
            assertError(as(token, "GET", BASE + "/models/" + id, null), 403, "ACCESS_DENIED_TO_RESOURCE", null);
            assertError(as(token, "GET", BASE + "/models/churn/history", null), 403, "ACCESS_DENIED_TO_RESOURCE", null);
            assertError(as(token, "POST", BASE + "/" + id + "/predict", predict), 403, "ACCESS_DENIED_TO_RESOURCE", null);
        }
        for (String token : new String[] {"developer", "marketing", "service"}) {
            assertError(upload(token, registration), 403, "ACCESS_DENIED_TO_RESOURCE", null);
            assertError(as(token, "POST", BASE + "/models/" + id + "/stage", "{\"stage\":\"staging\"}"), 403,
                    "ACCESS_DENIED_TO_RESOURCE", null);
            assertError(as(token, "POST", BASE + "/models/churn/rollback", "{}"), 403, "ACCESS_DENIED_TO_RESOURCE", null);
        }
        assertThat(as("service", "POST", BASE + "/" + id + "/predict", predict).statusCode()).isEqualTo(200);
        assertThat(as("service", "GET", BASE + "/models/" + id, null).statusCode()).isEqualTo(200);
        assertThat(as("modeller", "POST", BASE + "/models/" + id + "/stage", "{\"stage\":\"staging\"}").statusCode()).isEqualTo(200);
        assertThat(registry.registrations).hasSize(1);
        assertThat(predictions.callers).containsOnly("svc-shop");
        assertUploadsDeleted();
    }

    @Test
    void otherMethodsAreNotAllowed() throws Exception {
        String id = (String) register("1").get("id");
        Map<String, String> allowed = Map.of(
                BASE + "/models", "GET, POST",
                BASE + "/models/" + id, "GET",
                BASE + "/models/churn/history", "GET",
                BASE + "/models/" + id + "/stage", "POST",
                BASE + "/models/churn/rollback", "POST",
                BASE + "/churn/predict", "POST");
        for (Map.Entry<String, String> path : allowed.entrySet()) {
            String method = path.getValue().contains("GET") ? "DELETE" : "GET";
            HttpResponse<String> refused = as("admin", method, path.getKey(), null);
            assertError(refused, 405, "METHOD_NOT_ALLOWED", null);
            assertThat(refused.headers().firstValue("Allow")).as(path.getKey()).hasValue(path.getValue());
        }
        assertError(as("admin", "PUT", BASE + "/models/" + id, "{}"), 405, "METHOD_NOT_ALLOWED", null);
        assertError(as("admin", "GET", BASE + "/models/" + id + "/unknown", null), 404, "RESOURCE_NOT_FOUND", null);
    }
}
