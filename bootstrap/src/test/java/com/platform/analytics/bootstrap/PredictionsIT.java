package com.platform.analytics.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.platform.analytics.adapter.grpc.v1.Instance;
import com.platform.analytics.adapter.grpc.v1.PredictRequest;
import com.platform.analytics.adapter.grpc.v1.PredictResponse;
import com.platform.analytics.adapter.grpc.v1.PredictionsServiceGrpc;
import com.platform.analytics.adapter.tribuo.TribuoClassifierTrainer;
import com.platform.analytics.domain.json.Json;
import com.platform.analytics.domain.ml.ModelSignature;
import com.platform.analytics.port.out.ClassifierTrainer;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model life cycle through the built executable: a logistic regression trained here by the Tribuo trainer is
 * registered over REST (multipart: the ONNX file and its metadata), promoted, and served by ONNX Runtime inside the
 * service over REST and gRPC with the trainer's own probabilities to 1e-6; a second version is promoted in its place
 * and rolled back; bad instances are refused naming the feature; the prediction metrics count per model and version.
 */
class PredictionsIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final List<String> FEATURES = List.of("recency_days", "sessions_30", "playtime_trend");

    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("unchecked")
    void aTrainedModelIsRegisteredPromotedServedSwappedAndRolledBack() throws Exception {
        ClassifierTrainer trainer = new TribuoClassifierTrainer();
        List<double[]> rows = new ArrayList<>();
        boolean[] churned = new boolean[2000];
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < churned.length; i++) {
            double recency = random.nextDouble(0, 30);
            double sessions = random.nextInt(0, 40);
            double trend = random.nextDouble(-1, 1);
            rows.add(new double[] {recency, sessions, trend});
            double logit = 0.15 * recency - 0.1 * sessions - 1.5 * trend + random.nextDouble(-1, 1);
            churned[i] = logit > 0;
        }
        ClassifierTrainer.TrainedClassifier v1 = trainer.train(FEATURES, rows, churned, Map.of("epochs", 5L), 1);
        ClassifierTrainer.TrainedClassifier v2 = trainer.train(FEATURES, rows, churned, Map.of("epochs", 1L, "learning_rate", 0.05), 2);

        try (ServiceProcess service = ServiceProcess.start(dir.resolve("data"), Map.of())) {
            String id1 = register(service, "churn_it", "1", v1);
            String id2 = register(service, "churn_it", "2", v2);
            HttpResponse<String> duplicate = registerResponse(service, "churn_it", "1", v1);
            assertThat(duplicate.statusCode()).as(duplicate.body()).isEqualTo(409);

            // nothing in production yet: the name serves nothing
            HttpResponse<String> none = post(service, "/predictions/churn_it/predict", instances(rows.subList(0, 1)));
            assertThat(none.statusCode()).as(none.body()).isEqualTo(404);
            assertThat(none.body()).contains("ML_MODEL_NOT_FOUND");

            assertThat(post(service, "/predictions/models/" + id1 + "/stage", "{\"stage\":\"production\",\"reason\":\"first\"}")
                    .statusCode()).isEqualTo(200);
            List<double[]> sample = rows.subList(0, 50);
            assertServedBy(service, "churn_it", v1, "1", sample);
            assertServedBy(service, id2, v2, "2", sample.subList(0, 5)); // by id, whatever its stage

            assertThat(post(service, "/predictions/models/" + id2 + "/stage", "{\"stage\":\"production\",\"reason\":\"better\"}")
                    .statusCode()).isEqualTo(200);
            assertServedBy(service, "churn_it", v2, "2", sample);
            Map<String, Object> archived = service.get("/predictions/models/" + id1).data();
            assertThat(archived).containsEntry("stage", "archived");

            HttpResponse<String> rolledBack = post(service, "/predictions/models/churn_it/rollback", "{\"reason\":\"worse live\"}");
            assertThat(rolledBack.statusCode()).as(rolledBack.body()).isEqualTo(200);
            assertServedBy(service, "churn_it", v1, "1", sample);
            assertThat(service.get("/predictions/models/churn_it/history").body())
                    .contains("\"reason\":\"first\"", "\"reason\":\"better\"", "\"reason\":\"replaced by version 2: better\"",
                            "\"reason\":\"rolled back to version 1: worse live\"");

            // the same model over gRPC
            io.grpc.ManagedChannel channel = io.grpc.ManagedChannelBuilder.forAddress("127.0.0.1", service.grpcPort())
                    .usePlaintext().build();
            try {
                PredictRequest.Builder request = PredictRequest.newBuilder().setModel("churn_it");
                for (double[] row : sample) {
                    Instance.Builder instance = Instance.newBuilder();
                    for (int f = 0; f < FEATURES.size(); f++) {
                        instance.putFeatures(FEATURES.get(f), com.google.protobuf.Value.newBuilder().setNumberValue(row[f]).build());
                    }
                    request.addInstances(instance);
                }
                PredictResponse answer = PredictionsServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                        .predict(request.build());
                assertThat(answer.getModelVersion()).isEqualTo("1");
                assertThat(answer.getPredictionsCount()).isEqualTo(sample.size());
                for (int i = 0; i < sample.size(); i++) {
                    double churn = answer.getPredictions(i).getOutputsOrThrow("probabilities").getStructValue()
                            .getFieldsOrThrow("churned").getNumberValue();
                    assertThat(churn).as("gRPC row " + i).isCloseTo(v1.probability(sample.get(i)), within(1e-6));
                }
            } finally {
                channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
            }

            HttpResponse<String> missing = post(service, "/predictions/churn_it/predict",
                    "{\"instances\":[{\"recency_days\":3,\"sessions_30\":4}]}");
            assertThat(missing.statusCode()).as(missing.body()).isEqualTo(400);
            assertThat(missing.body()).contains("/instances/0/playtime_trend");
            HttpResponse<String> wrongType = post(service, "/predictions/churn_it/predict",
                    "{\"instances\":[{\"recency_days\":\"3\",\"sessions_30\":4,\"playtime_trend\":0}]}");
            assertThat(wrongType.statusCode()).isEqualTo(400);
            assertThat(wrongType.body()).contains("recency_days");
            HttpResponse<String> notOnnx = registerResponse(service, "junk", "1", null);
            assertThat(notOnnx.statusCode()).as(notOnnx.body()).isEqualTo(400);
            assertThat(notOnnx.body()).contains("/artifact");

            String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(service.managementUrl() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).contains("ml_prediction_requests_total{model=\"churn_it\",version=\"1\"}",
                    "ml_prediction_requests_total{model=\"churn_it\",version=\"2\"}", "ml_prediction_duration_seconds");
        }
    }

    /** REST predictions of the name (or id) equal the trainer's own probabilities, and name the version that scored. */
    @SuppressWarnings("unchecked")
    private static void assertServedBy(ServiceProcess service, String model, ClassifierTrainer.TrainedClassifier trained,
            String version, List<double[]> sample) throws Exception {
        HttpResponse<String> r = post(service, "/predictions/" + model + "/predict", instances(sample));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Map<String, Object> data = (Map<String, Object>) Json.parseObject(r.body()).get("data");
        assertThat((Map<String, Object>) data.get("model")).containsEntry("version", version);
        List<Map<String, Object>> predictions = (List<Map<String, Object>>) data.get("predictions");
        assertThat(predictions).hasSize(sample.size());
        for (int i = 0; i < sample.size(); i++) {
            Map<String, Object> probabilities = (Map<String, Object>) predictions.get(i).get("probabilities");
            double churn = ((Number) probabilities.get("churned")).doubleValue();
            double retained = ((Number) probabilities.get("retained")).doubleValue();
            assertThat(churn).as("row " + i).isCloseTo(trained.probability(sample.get(i)), within(1e-6));
            assertThat(churn + retained).isCloseTo(1.0, within(1e-5));
        }
    }

    private static String instances(List<double[]> sample) {
        List<Object> instances = new ArrayList<>();
        for (double[] row : sample) {
            Map<String, Object> instance = new LinkedHashMap<>();
            for (int f = 0; f < FEATURES.size(); f++) {
                instance.put(FEATURES.get(f), java.math.BigDecimal.valueOf(row[f]));
            }
            instances.add(instance);
        }
        return Json.write(Map.of("instances", instances));
    }

    @SuppressWarnings("unchecked")
    private static String register(ServiceProcess service, String name, String version, ClassifierTrainer.TrainedClassifier model)
            throws Exception {
        HttpResponse<String> r = registerResponse(service, name, version, model);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        Map<String, Object> data = (Map<String, Object>) Json.parseObject(r.body()).get("data");
        assertThat(data).containsEntry("stage", "development").containsEntry("format", "onnx");
        assertThat((String) data.get("artifactPath")).isEqualTo("ml_models/model_name=" + name + "/version=" + version + "/model.onnx");
        return (String) data.get("id");
    }

    /** Multipart registration; a null model sends bytes that are no ONNX model. */
    private static HttpResponse<String> registerResponse(ServiceProcess service, String name, String version,
            ClassifierTrainer.TrainedClassifier model) throws Exception {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        metadata.put("version", version);
        if (model != null) {
            ModelSignature signature = model.signature();
            metadata.put("algorithm", model.algorithm());
            metadata.put("signature", Map.of("inputs", signature.inputsJson(), "outputs", signature.outputsJson()));
        }
        byte[] artifact = model == null ? "not a model".getBytes(StandardCharsets.UTF_8) : model.onnx();
        String boundary = "----analytics-it-" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"metadata\"\r\nContent-Type: application/json\r\n\r\n"
                + Json.write(metadata) + "\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"artifact\"; filename=\"model.onnx\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(artifact);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/predictions/models"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(ServiceProcess service, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
